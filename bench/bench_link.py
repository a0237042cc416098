"""Benchmark: linking SCM communiqués end to end (extraction + linking), time and peak memory.

    .venv/bin/python bench/bench_link.py            # 10, 20, 40 documents, lexical
    .venv/bin/python bench/bench_link.py --semantic # with the sentence model, if installed

20 and 40 documents are made by repeating the ten communiqués under later dates (each copy a
new meeting of the same series), so the work grows as a longer series would.
"""
from __future__ import annotations

import argparse
import copy
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from pledgetrack.api import extract_many
from pledgetrack.link import link_documents

ROOT = Path(__file__).resolve().parents[1]


def scaled(docs, n):
    out = []
    for k in range(n):
        base = docs[k % len(docs)]
        if k < len(docs):
            out.append(base)
            continue
        r = copy.deepcopy(base)
        rep = k // len(docs)
        r.document.name = f"copy{rep}-{base.document.name}"
        r.document.meta.date = f"{int(base.document.meta.date[:4]) + 10 * rep}{base.document.meta.date[4:]}"
        r.document.meta.number = (base.document.meta.number or 0) + 10 * rep
        for s in r.statements:
            s.id = f"copy{rep}-{s.id}"
            s.doc = r.document.name
        out.append(r)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--sizes", default="10,20,40")
    args = ap.parse_args()
    files = sorted((ROOT / "corpus" / "alliance").glob("scm*-20??.txt"))
    t0 = time.perf_counter()
    col = extract_many(files)
    t_extract = time.perf_counter() - t0
    threads = link_documents(col.documents, semantic=args.semantic)
    t_total = time.perf_counter() - t0
    print(f"end to end, {len(files)} communiqués: extract {t_extract:.1f} s, link {t_total - t_extract:.2f} s, "
          f"total {t_total:.1f} s, {len(threads)} threads, "
          f"{sum(len(t.statements) > 1 for t in threads)} with 2+ documents, "
          f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("| documents | statements | link time (s) | traced peak (MiB) |")
    print("| --- | --- | --- | --- |")
    for n in (int(x) for x in args.sizes.split(",")):
        docs = scaled(col.documents, n)
        tracemalloc.start()
        t = time.perf_counter()
        link_documents(docs, semantic=args.semantic)
        dt = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"| {n} | {sum(len(d.statements) for d in docs)} | {dt:.2f} | {peak:.1f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
