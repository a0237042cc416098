"""Extraction engines for ``ingest``: in this process (the default), or as Ray tasks across the
cores of this machine or a Ray cluster (``ingest --engine ray [--address ADDR]``).

An engine takes the documents to store, in the order they will be stored, with the collection's
glossary (gathered from every document before any is extracted) and the topic taxonomy, and
yields each document's extraction in that same order. Extraction is a function of one document,
the glossary and the taxonomy, so every engine gives the same statements, ids included; the
store is written by the ingest process alone, one document per transaction, as it is read back.

Ray is an optional extra (``pip install 'pledgetrack[ray]'``). Each Ray worker is an actor that
loads the spaCy model once and extracts the documents sent to it; the glossary and taxonomy go
to the object store once, not once per document.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..models import Document, ExtractedDocument
from ..nlp.glossary import Glossary
from ..nlp.topics import Taxonomy
from .errors import StoreError

Extractor = Callable[[list[Document], Glossary, Taxonomy], Iterator[ExtractedDocument]]
ENGINES = ("local", "ray")


def local(docs: list[Document], glossary: Glossary, taxonomy: Taxonomy) -> Iterator[ExtractedDocument]:
    """One document after the other, in this process."""
    from ..nlp.pipeline import extract_document
    for doc in docs:
        yield extract_document(doc, glossary, taxonomy)


class _Worker:
    """A Ray actor: the spaCy model is loaded on first use and kept for every document after."""

    def extract(self, doc: Document, glossary: Glossary, taxonomy: Taxonomy) -> ExtractedDocument:
        from ..nlp.pipeline import extract_document
        return extract_document(doc, glossary, taxonomy)


class RayEngine:
    """Extraction as Ray actor tasks, ``workers`` actors (default: one per CPU Ray offers, at most
    as many as documents). ``address``: an existing cluster ("auto", "ray://host:10001", ...);
    without it a local Ray instance is started for the run and stopped after it."""

    def __init__(self, address: str | None = None, workers: int | None = None, **init: Any) -> None:
        self.address, self.workers, self.init = address, workers, init

    def __call__(self, docs: list[Document], glossary: Glossary, taxonomy: Taxonomy) -> Iterator[ExtractedDocument]:
        ray = _ray()
        started = not ray.is_initialized()
        if started:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, **self.init}
            if self.address:
                options["address"] = self.address
            elif self.workers and "num_cpus" not in options:
                options["num_cpus"] = self.workers
            ray.init(**options)
        try:
            if not docs:
                return
            cpus = int(ray.available_resources().get("CPU", 1)) or 1
            count = max(1, min(self.workers or cpus, len(docs)))
            actor = ray.remote(num_cpus=1)(_Worker)
            pool = ray.util.ActorPool([actor.remote() for _ in range(count)])
            shared_glossary, shared_taxonomy = ray.put(glossary), ray.put(taxonomy)
            yield from pool.map(lambda a, doc: a.extract.remote(doc, shared_glossary, shared_taxonomy), docs)
        finally:
            if started:
                ray.shutdown()


def _ray() -> Any:
    try:
        import ray
        import ray.util  # noqa: F401  (ActorPool)
    except ImportError:
        raise StoreError("--engine ray needs the optional extra: pip install 'pledgetrack[ray]'") from None
    return ray


def make(name: str, *, address: str | None = None, workers: int | None = None) -> Extractor:
    """The engine called ``name`` (``ENGINES``)."""
    if name == "local":
        if address:
            raise StoreError("--address is for --engine ray")
        return local
    if name == "ray":
        _ray()
        return RayEngine(address=address, workers=workers)
    raise StoreError(f"unknown engine {name!r}; engines: {', '.join(ENGINES)}")
