"""Store benchmark: ingest the sample corpus, ingest it again (a no-op), search and list.

    .venv/bin/python bench/bench_store.py [--db URL] [--semantic]

SQLite in a temporary file unless ``--db`` gives a URL (use an empty database). Linking is
lexical unless ``--semantic``. Prints one JSON object of timings (seconds).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--files", type=int, default=0, help="Only the first N files (0: all).")
    args = ap.parse_args()
    if not args.semantic:
        os.environ["PLEDGETRACK_LINK_SEMANTIC"] = "0"
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
    print(json.dumps(out))


if __name__ == "__main__":
    main()
