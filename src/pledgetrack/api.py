"""The Python API: extract statements from files, strings or ingested documents.

    >>> import pledgetrack
    >>> result = pledgetrack.extract("corpus/seeds/scm51-joint-communique.txt")
    >>> result.statements[0].act, result.statements[0].actors
    ('pledge', ['KOR', 'USA'])

Each entry point takes ``config=``: a TOML file of settings merged over the defaults, or a
``pledgetrack.config.Config`` (``pledgetrack.config.load``); by default, the configuration in force.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, resolve, using
from .errors import InputError, PledgetrackError
from .ingest import document_from_text, load_document
from .ingest.limits import time_limit
from .models import Document, ExtractedDocument
from .nlp.glossary import Glossary, build_glossary
from .nlp.pipeline import extract_document
from .nlp.topics import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    import pandas as pd

Source = str | Path | Document
Settings = Config | str | Path | None


# File suffixes that make a one-line string a path rather than a text.
_DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"})


def looks_like_path(text: str) -> bool:
    """One short line that ends in a document suffix or is a run of non-space characters with a
    slash ("a/mistyped/path.txt", "notes.md", "~/docs/scm51"): meant as a file, not as a text."""
    if "\n" in text or len(text) >= 4096 or not text.strip():
        return False
    text = text.strip()
    return Path(text).suffix.lower() in _DOCUMENT_SUFFIXES or (("/" in text or "\\" in text)
                                                              and not any(c.isspace() for c in text))


def _as_document(source: Source, date: str | None) -> Document:
    """A Document from a Document, a path, or a text; a string that looks like a path is read as
    one, so a mistyped path is reported as a missing file."""
    if isinstance(source, Document):
        return source
    if isinstance(source, Path) or looks_like_path(source):
        path = Path(source).expanduser()
        if not path.exists():
            raise InputError(f"{source}: no such file")
        return load_document(path, date=date)
    return document_from_text(str(source), date=date)


def extract(source: Source, *, date: str | None = None, glossary: Glossary | None = None,
            taxonomy: Taxonomy | str | Path | None = None, config: Settings = None) -> ExtractedDocument:
    """Statements of one document: a path, a text, or a Document already ingested."""
    with using(config):
        doc = _as_document(source, date)
        tax = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
        return extract_document(doc, glossary, tax)


@dataclass
class Collection:
    """The result of extracting several files together."""

    documents: list[ExtractedDocument]
    glossary: Glossary
    errors: list[str] = field(default_factory=list)  # one line per file that could not be used

    def to_dataframe(self) -> pd.DataFrame:
        """Every statement as a row of a pandas DataFrame (with the document's date and series)."""
        return statements_dataframe(self.documents)


def statements_dataframe(results: Iterable[ExtractedDocument]) -> pd.DataFrame:
    """The statements of extracted documents as a pandas DataFrame (the ``dataframe`` extra)."""
    from .frames import STATEMENT_COLUMNS, frame

    rows = [{**s.to_dict(), "key": s.id, "date": r.document.meta.date, "series": r.document.meta.series}
            for r in results for s in r.statements]
    return frame(rows, STATEMENT_COLUMNS)


def load_documents(paths: Iterable[str | Path], *, date: str | None = None,
                   on_error: Callable[[str], None] | None = None) -> tuple[list[Document], list[str]]:
    """Ingests files; a bad file gives one error line and the others go on. With several files,
    ``date`` is used only for those whose text gives no meeting date."""
    docs, errors = [], []
    paths = list(paths)
    for path in paths:
        try:  # one date for one file overrides; for many it fills the dates their texts lack
            with time_limit(Path(path).name, "reading"):
                docs.append(load_document(path, date=date, fill_date=len(paths) > 1))
        except PledgetrackError as exc:
            errors.append(str(exc))
            if on_error:
                on_error(str(exc))
    return docs, errors


def _extract_job(args: tuple[Document, Glossary, Taxonomy, Config]) -> ExtractedDocument | str:
    """Extracts one document (within the per-document time limit, under the run's configuration);
    a failure becomes an error line, not a crash."""
    doc, glossary, taxonomy, config = args
    try:
        with using(config), time_limit(doc.name, "extraction"):
            return extract_document(doc, glossary, taxonomy)
    except PledgetrackError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
        return f"{doc.name}: extraction failed ({type(exc).__name__}: {exc})"


def extract_many(paths: Iterable[str | Path], *, date: str | None = None,
                 taxonomy: Taxonomy | str | Path | None = None, workers: int = 1,
                 on_error: Callable[[str], None] | None = None,
                 on_done: Callable[[ExtractedDocument], None] | None = None, config: Settings = None) -> Collection:
    """Extracts files together, so an acronym defined in one resolves in the others.

    ``workers`` > 1 extracts documents in that many processes (the model loads once in each).
    """
    cfg = resolve(config)
    with using(cfg):
        docs, errors = load_documents(paths, date=date, on_error=on_error)
        glossary = build_glossary(docs)
        tax = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
    jobs = [(doc, glossary, tax, cfg) for doc in docs]
    results: list[ExtractedDocument] = []
    if workers > 1 and len(jobs) > 1:
        pool = ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1))
        outcomes = pool.map(_extract_job, jobs)
    else:
        pool, outcomes = None, map(_extract_job, jobs)
    try:
        for outcome in outcomes:
            if isinstance(outcome, str):
                errors.append(outcome)
                if on_error:
                    on_error(outcome)
                continue
            results.append(outcome)
            if on_done:
                on_done(outcome)
    finally:
        if pool is not None:
            pool.shutdown()
    return Collection(results, glossary, errors)
