"""Ingest benchmark: time per document as the store grows (40 -> 160 -> 640 documents).

    .venv/bin/python bench/bench_ingest.py [--db URL] [--sizes 40,160,640] [--batch 8] [--no-write]

The collection is the sample corpus (its dated documents) and perturbed copies of it: each copy moves
every date on by 30 years and every meeting number on by 100, and drops 15% of the words of
each text and statement (seeded), so copies are neither duplicates nor identical statements.
The sample corpus is extracted once (cached under out/); the copies reuse those extractions, so
the figures are the store's and the linker's part of ingest (storing, threads, the lock, the
transaction); extraction, constant per document, is measured once and reported beside them.
At each size (rounded up to whole copies of the corpus) a batch of new documents, dated after the
stored ones (the first of the next copy), is ingested in one run.
A run first reads the collection once (reported apart: it grows with the collection and is
shared by the run's documents). Writes its section of docs/benchmarks.md (one per backend).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import os
import pickle
import random
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from report import update_section

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "out" / "bench-ingest-extracted.pkl"
YEARS_PER_COPY, NUMBERS_PER_COPY, DROP = 30, 100, 0.15


def _sample_extracted() -> tuple[list, float]:
    """The sample corpus extracted (cached), and the extraction seconds per document."""
    if CACHE.exists():
        with CACHE.open("rb") as fh:
            return pickle.load(fh)
    from pledgetrack.api import extract_many
    files = sorted((ROOT / "corpus" / "alliance").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    t = time.perf_counter()
    docs = extract_many(files).documents
    per_doc = (time.perf_counter() - t) / len(docs)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with CACHE.open("wb") as fh:
        pickle.dump((docs, per_doc), fh)
    return docs, per_doc


def _drop(text: str, rng: random.Random) -> str:
    return " ".join(w for w in text.split(" ") if rng.random() >= DROP)


def _copy(result, c: int):
    """Copy ``c`` of one extracted document (see the module's docstring); copy 0 is the original."""
    from pledgetrack.link.order import doc_date
    if c == 0:
        return copy.deepcopy(result)
    rng = random.Random(f"{result.document.name}/{c}")
    doc = result.document
    p = Path(doc.name)
    name = f"{p.stem}-copy{c}{p.suffix}"
    # A document dated only by the year in its file name gets a date (a moved year in the name is
    # no date past 2099, and an undated document sorts last: every later one would land before it).
    date = doc.meta.date or doc_date(result).replace("-00", "-01")
    date = f"{int(date[:4]) + YEARS_PER_COPY * c:04d}{date[4:]}"
    number = doc.meta.number + NUMBERS_PER_COPY * c if doc.meta.number is not None else None
    text = _drop(doc.text, rng)
    meta = replace(doc.meta, date=date, number=number)
    new_doc = replace(doc, name=name, text=text, source_text=text, meta=meta, path=None,
                      content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest())
    stmts = [replace(s, id=f"{name}:{s.trigger_start}", doc=name, sentence=_drop(s.sentence, rng),
                     content=_drop(s.content, rng)) for s in result.statements]
    gloss = [replace(g, doc=name) for g in result.glossary]
    return replace(result, document=new_doc, statements=stmts, glossary=gloss)


def _dated(result) -> bool:
    from pledgetrack.link.order import doc_date
    return doc_date(result) is not None


def collection(n: int, sample: list) -> list:
    """The first ``n`` documents of the perturbed collection, in date order."""
    from pledgetrack.link.order import doc_date, sort_key
    ordered = sorted((r for r in sample if doc_date(r)), key=sort_key)  # an undated one would sort last
    out = []
    c = 0
    while len(out) < n:
        out.extend(_copy(r, c) for r in ordered)
        c += 1
    return out[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db")
    ap.add_argument("--sizes", default="40,160,640")
    ap.add_argument("--batch", type=int, default=8, help="new documents timed at each size")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()
    from pledgetrack.store import Store
    from pledgetrack.store.ingest import Ingester

    sample, extract_s = _sample_extracted()
    # Each size is rounded up to whole copies of the corpus, so that the timed documents are at
    # every size the first ones of a copy: the same kinds of documents (a G7 communiqué costs more
    # to link than a short statement), only the collection before them grows.
    per_copy = len([r for r in sample if _dated(r)])
    sizes = [-(-int(x) // per_copy) * per_copy for x in args.sizes.split(",")]
    docs = collection(max(sizes) + args.batch, sample)
    by_name = {r.document.name: r for r in docs}

    def extract(doc, _glossary, _taxonomy):
        return copy.deepcopy(by_name[doc.name])

    db = args.db or os.path.join(tempfile.mkdtemp(), "bench.db")
    store = Store.open(db)
    rows, stored = [], 0
    for size in sizes:
        t = time.perf_counter()
        while stored < size:  # build up to the size, in runs of up to 40 documents
            part = docs[stored:min(size, stored + 40)]
            Ingester(store.engine, extract=extract).ingest_documents([(r.document, None) for r in part])
            stored += len(part)
        build_s = time.perf_counter() - t
        batch = docs[stored:stored + args.batch]
        ingester = Ingester(store.engine, extract=extract)
        t = time.perf_counter()
        ingester.load()  # a run starts by reading the collection once
        start_s = time.perf_counter() - t
        t, cpu = time.perf_counter(), time.process_time()
        report = ingester.ingest_documents([(r.document, None) for r in batch])
        per_doc = (time.perf_counter() - t) / len(batch)
        per_doc_cpu = (time.process_time() - cpu) / len(batch)
        assert len(report.added) == len(batch), report
        stored += len(batch)
        summary = store.summary()
        rows.append((size, summary["statements"], summary["threads"], per_doc, per_doc_cpu,
                     report.threads_written / len(batch), start_s))
        print(f"{size} documents: run start {start_s:.2f} s, then {per_doc:.3f} s ({per_doc_cpu:.3f} s CPU) per new document ({summary['statements']:,} statements, "
              f"{summary['threads']:,} threads; {report.threads_written / len(batch):.0f} threads written per "
              f"document; built in {build_s:.0f} s)", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio, cpu_ratio = rows[-1][3] / rows[0][3], rows[-1][4] / rows[0][4]
    text = "\n".join([
        f"Backend: {store.backend}. The sample corpus ({per_copy} dated documents) and perturbed copies of it "
        f"(see `bench/bench_ingest.py`); at each size (whole copies) {args.batch} new documents, dated after the "
        "stored ones (the first of the next copy: the same kinds of documents at every size), are ingested in one run. "
        f"Times are the store's and the linker's part of ingest; extraction adds {extract_s:.2f} s per "
        f"document (sample corpus, one process), whatever the size.", "",
        "| stored documents | statements | threads | s per new document (wall) | (CPU) | threads written per document | run start: reading the collection (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {n} | {s:,} | {th:,} | {p:.3f} | {c:.3f} | {w:.0f} | {st:.2f} |" for n, s, th, p, c, w, st in rows), "",
        f"Per-document time at {rows[-1][0]} documents / at {rows[0][0]}: **{ratio:.2f}×** wall, "
        f"{cpu_ratio:.2f}× CPU (with extraction: {(rows[-1][3] + extract_s) / (rows[0][3] + extract_s):.2f}× wall). "
        f"Peak resident memory {peak:,.0f} MB.",
    ])
    print(text)
    if not args.no_write:
        update_section(f"ingest-{store.backend}", f"Ingest as the store grows ({store.backend})", text)
    store.close()


if __name__ == "__main__":
    main()
