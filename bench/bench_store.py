"""Store benchmark: ingest the sample corpus, ingest it again (a no-op), search and list.

    .venv/bin/python bench/bench_store.py [--db URL]

SQLite in a temporary file unless ``--db`` gives a URL (use an empty database). Writes its section of docs/benchmarks.md (one per backend).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from report import update_section

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db")
    ap.add_argument("--files", type=int, default=0, help="Only the first N files (0: all).")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()
    from pledgetrack.store import Store
    files = sorted((ROOT / "corpus" / "alliance").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    files = files[: args.files] if args.files else files
    db = args.db or os.path.join(tempfile.mkdtemp(), "bench.db")
    store = Store.open(db)
    out: dict = {"backend": store.backend, "files": len(files)}
    t = time.perf_counter()
    report = store.ingest(files)
    out["ingest_s"] = round(time.perf_counter() - t, 2)
    out["statements"], out["threads"] = report.statements, report.threads
    t = time.perf_counter()
    store.ingest(files)
    out["reingest_noop_s"] = round(time.perf_counter() - t, 2)
    times = []
    for q in ("nuclear deterrence", "extended deterrence", "climate", "OPCON transition", "supply chain"):
        t = time.perf_counter()
        store.search(q, limit=20)
        times.append(time.perf_counter() - t)
    out["search_median_ms"] = round(1000 * statistics.median(times), 1)
    t = time.perf_counter()
    n = len(store.statements(commitment=True))
    out["statements_filter_ms"], out["commitments"] = round(1000 * (time.perf_counter() - t), 1), n
    t = time.perf_counter()
    out["deadlines_flagged"] = len(store.deadlines())
    out["deadlines_s"] = round(time.perf_counter() - t, 2)
    rows = [
        (f"ingest {out['files']} files (extract + store + link, one transaction per document)",
         f"{out['ingest_s']} s; {out['statements']:,} statements, {out['threads']:,} threads"),
        ("ingest again (content hashes unchanged: nothing done)", f"{out['reingest_noop_s']} s"),
        ("full-text search, median of 5 queries, highlighted hits", f"{out['search_median_ms']} ms"),
        ("`statements(commitment=True)` with review corrections applied",
         f"{out['statements_filter_ms']} ms ({out['commitments']:,} rows)"),
        ("deadline flags (with evidence suggestions)", f"{out['deadlines_s']} s ({out['deadlines_flagged']} flagged)"),
    ]
    text = "\n".join([f"Backend: {out['backend']}; "
                      f"peak resident memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB.", "",
                      "| step | result |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)])
    print(text)
    if not args.no_write:
        update_section(f"store-{out['backend']}", f"Store ({out['backend']})", text)


if __name__ == "__main__":
    main()
