"""Extraction throughput: end-to-end `extract` against the bare spaCy pipeline on the same text.

One process, the model loaded once. Bare = `nlp.pipe` over the same paragraphs with the same
pipeline pledgetrack uses (tok2vec, tagger, parser, attribute ruler, lemmatizer; no NER).
End-to-end = reading, cleaning, metadata, parsing and every extraction step. Best of N runs.
Usage: python bench/bench_extract.py [--runs 3] [--no-write]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from report import update_section

from pledgetrack.api import extract_many, load_documents
from pledgetrack.config import settings
from pledgetrack.nlp.model import model_version
from pledgetrack.nlp.pipeline import COMPONENTS, _segments, get_pipeline

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()

    files = sorted(CORPUS.rglob("*.txt"))
    load_start = time.perf_counter()
    nlp = get_pipeline()  # the one pipeline extraction uses; "bare" runs its parsing pipes only
    load_time = time.perf_counter() - load_start
    docs, _ = load_documents(files)
    texts = [text for doc in docs for _, _, text in _segments(doc)]
    words = sum(len(text.split()) for text in texts)

    def bare() -> None:
        with nlp.select_pipes(disable=list(COMPONENTS)):
            for _ in nlp.pipe(texts, batch_size=settings().nlp.batch_size):
                pass

    def end_to_end() -> None:
        extract_many(files)

    bare()  # warm-up
    t_bare = best_of(args.runs, bare)
    t_e2e = best_of(args.runs, end_to_end)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("bare spaCy pipeline (`nlp.pipe`)", t_bare, words / t_bare),
        ("end-to-end `extract` (ingest + extraction)", t_e2e, words / t_e2e),
    ]
    body = [f"Corpus: {len(files)} documents of the bundled sample corpus, {words:,} words. "
            f"Model `{model_version()}` (parsing pipes: {', '.join(p for p in nlp.pipe_names if p not in COMPONENTS)}), loaded once in "
            f"{load_time:.1f} s. Best of {args.runs} runs, one process.", "",
            "| what | seconds | words/s |", "| --- | ---: | ---: |"]
    body += [f"| {name} | {t:.2f} | {wps:,.0f} |" for name, t, wps in rows]
    body += ["", f"End-to-end / bare throughput: **{t_bare / t_e2e:.2f}** (target ≥ 0.75). "
             f"Peak resident memory of the process: {peak_mb:,.0f} MB."]
    text = "\n".join(body)
    print(text)
    if not args.no_write:
        update_section("extract", "Extraction throughput", text)


if __name__ == "__main__":
    sys.exit(main())
