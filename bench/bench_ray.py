"""Extraction throughput on Ray (``ingest --engine ray``) with 1 and 2 workers, against the
single-process engine, on the sample corpus; checks that every engine gives the same statements.

    .venv/bin/python bench/bench_ray.py [--files N]

Needs the optional extra (``pip install -e '.[ray]'``). A local Ray instance is started with as
many CPUs as the largest run has workers. Writes its section of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from report import update_section

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=0, help="Only the first N files (0: all).")
    ap.add_argument("--workers", default="1,2", help="Worker counts to run, comma-separated.")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()
    import ray

    from pledgetrack.ingest import load_document
    from pledgetrack.nlp.glossary import Glossary, find_definitions
    from pledgetrack.nlp.pipeline import extract_document
    from pledgetrack.nlp.topics import load_taxonomy
    from pledgetrack.store import engines

    files = sorted((ROOT / "corpus" / "alliance").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    files = files[: args.files] if args.files else files
    docs = [load_document(f, fill_date=True) for f in files]
    glossary = Glossary(e for d in docs for e in find_definitions(d))
    taxonomy = load_taxonomy(None)
    words = sum(len(d.text.split()) for d in docs)
    counts = [int(x) for x in args.workers.split(",")]
    runs: list[tuple[str, float, list]] = []
    t = time.perf_counter()
    local = [extract_document(d, glossary, taxonomy).statements for d in docs]
    runs.append(("single process (`--engine local`)", time.perf_counter() - t, local))
    ray.init(num_cpus=max(counts), include_dashboard=False, log_to_driver=False)
    try:
        for n in counts:
            engine = engines.RayEngine(workers=n)
            t = time.perf_counter()
            engine.prefetch(docs, glossary, taxonomy)  # as ingest does: every document sent at once
            got = [engine(d, glossary, taxonomy).statements for d in docs]
            runs.append((f"Ray, {n} worker{'s' if n > 1 else ''}", time.perf_counter() - t, got))
    finally:
        ray.shutdown()
    same = all(r[2] == local for r in runs)
    rows = [f"| {name} | {s:.1f} | {words / s:,.0f} | {len(docs) / s:.2f} |" for name, s, _ in runs]
    text = "\n".join([
        f"{len(docs)} documents, {words:,} words; a Ray worker loads the model once (its first document "
        "pays for it, as the single process does). Same statements, ids included, from every engine: "
        f"**{'yes' if same else 'NO'}**. Load average of the machine at the end: "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared; more workers than free cores gain nothing).", "",
        "| engine | seconds | words/s | documents/s |", "| --- | ---: | ---: | ---: |", *rows])
    print(text)
    if not args.no_write:
        update_section("ray", "Extraction on Ray", text)


if __name__ == "__main__":
    main()
