"""Linking benchmark: the ten SCM communiqués end to end, and how linking grows with documents.

    .venv/bin/python bench/bench_link.py             # lexical (the default)
    .venv/bin/python bench/bench_link.py --semantic  # with the sentence model, if installed

End to end = reading, extraction and linking of the ten SCM communiqués 2013-2022 in one
process. Growth = linking alone (statements already extracted) on 10, 20 and 40 real documents
of the sample corpus (the SCM series first, then the other documents by name); time untraced,
peak memory of linking measured in a second, traced run.
"""
from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

from report import update_section

from pledgetrack.api import extract_many
from pledgetrack.link import link_documents

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()
    scm = sorted((ROOT / "corpus" / "alliance").glob("scm*-20??.txt"))
    others = sorted(p for p in (ROOT / "corpus").rglob("*.txt") if p not in scm)

    start = time.perf_counter()
    col = extract_many(scm)
    t_extract = time.perf_counter() - start
    threads = link_documents(col.documents, semantic=args.semantic)
    t_total = time.perf_counter() - start
    multi = sum(len(t.statements) > 1 for t in threads)
    lines = [f"Mode: {'semantic + lexical' if args.semantic else 'lexical'}.", "",
             f"End to end, {len(scm)} SCM communiqués: extraction {t_extract:.1f} s + linking "
             f"{t_total - t_extract:.2f} s = **{t_total:.1f} s** (target: under 30 s); {len(threads)} threads, "
             f"{multi} across two or more documents; peak resident memory "
             f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB.", "",
             "| documents | statements | linking (s) | linking peak memory (MB) |", "| ---: | ---: | ---: | ---: |"]
    everything = col.documents + extract_many(others).documents
    for n in (10, 20, 40):
        docs = everything[:n]
        start = time.perf_counter()
        link_documents(docs, semantic=args.semantic)
        elapsed = time.perf_counter() - start
        tracemalloc.start()
        link_documents(docs, semantic=args.semantic)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        lines.append(f"| {n} | {sum(len(d.statements) for d in docs):,} | {elapsed:.2f} | {peak:.1f} |")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        update_section("link-semantic" if args.semantic else "link", "Linking" + (" (semantic)" if args.semantic else ""), text)


if __name__ == "__main__":
    main()
