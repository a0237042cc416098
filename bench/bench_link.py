"""Linking benchmark: the ten SCM communiqués end to end, and how linking grows with documents.

    .venv/bin/python bench/bench_link.py             # lexical (the default)
    .venv/bin/python bench/bench_link.py --semantic  # with the sentence model, if installed

End to end = reading, extraction and linking of the ten SCM communiqués 2013-2022 in one
process. Growth = linking alone (statements already extracted) on 10, 20 and 40 real documents
of the sample corpus (the SCM series first, then the other documents by name), then 160 and 640:
perturbed copies of the 42 (each copy moved on by a span of years and meeting numbers, so that
it continues its series, with a tenth of its statements left out and the rest reworded by a
dropped word); time untraced, peak memory of linking measured in a second, traced run
(``--sizes`` to choose).
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import resource
import time
import tracemalloc
from pathlib import Path

from report import update_section

from pledgetrack.api import extract_many
from pledgetrack.link import link_documents
from pledgetrack.models import ExtractedDocument

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10, 20, 40, 160, 640)


def _shift_date(date: str | None, years: int) -> str | None:
    return f"{int(date[:4]) + years:04d}{date[4:]}" if date else None


def perturbed_copy(result: ExtractedDocument, n: int, span: int, rng: random.Random) -> ExtractedDocument:
    """Copy ``n`` of a document: ``n * span`` years and meeting numbers later, a tenth of its
    statements left out and one word dropped from each of the others' content."""
    doc = result.document
    name = f"copy{n}-{doc.name}"
    meta = dataclasses.replace(doc.meta, date=_shift_date(doc.meta.date, n * span),
                               number=doc.meta.number + n * span if doc.meta.number is not None else None)
    statements = []
    for s in result.statements:
        if rng.random() < 0.1:
            continue
        words = s.content.split()
        if len(words) > 4:
            del words[rng.randrange(len(words))]
        statements.append(dataclasses.replace(s, id=f"{name}:{s.start}", doc=name, content=" ".join(words)))
    return ExtractedDocument(dataclasses.replace(doc, name=name, meta=meta), statements, result.glossary)


def collection_of(size: int, everything: list[ExtractedDocument]) -> list[ExtractedDocument]:
    """The first ``size`` real documents, or as many perturbed copies of all of them as make ``size``."""
    if size <= len(everything):
        return everything[:size]
    rng = random.Random(size)
    years = [int(d.document.meta.date[:4]) for d in everything if d.document.meta.date]
    span = max(years) - min(years) + 1
    out = list(everything)
    n = 1
    while len(out) < size:
        out += [perturbed_copy(d, n, span, rng) for d in everything[: size - len(out)]]
        n += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="collection sizes for the growth table")
    ap.add_argument("--trace-up-to", type=int, default=160, help="trace memory (a second run) up to this size")
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
             "| documents | statements | linking (s) | linking peak memory (MB) | s per 1,000 statements |",
             "| ---: | ---: | ---: | ---: | ---: |"]
    everything = col.documents + extract_many(others).documents
    for n in args.sizes:
        docs = collection_of(n, everything)
        start = time.perf_counter()
        link_documents(docs, semantic=args.semantic)
        elapsed = time.perf_counter() - start
        if n <= args.trace_up_to:
            tracemalloc.start()
            link_documents(docs, semantic=args.semantic)
            peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f}"
            tracemalloc.stop()
        else:  # a traced run would take several times as long: the process's peak resident memory
            peak = f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} (process RSS)"
        count = sum(len(d.statements) for d in docs)
        lines.append(f"| {n} | {count:,} | {elapsed:.2f} | {peak} | {1000 * elapsed / max(count, 1):.2f} |")
        print(lines[-1], flush=True)
    lines += ["", "160 and 640 documents are perturbed copies of the 42 (see the script). Candidates are blocked by "
              "series and parties, so the time per 1,000 statements stays level: linking grows linearly."]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        update_section("link-semantic" if args.semantic else "link", "Linking" + (" (semantic)" if args.semantic else ""), text)


if __name__ == "__main__":
    main()
