"""Extraction engines for ``ingest``: in this process (the default), or as Ray tasks across the
cores of this machine or a Ray cluster (``ingest --engine ray [--address ADDR]``).

An engine is the ``extract`` of ``Ingester``: a document, the collection's glossary (gathered from
every document before any is extracted) and the topic taxonomy in, the document's extraction
out. Extraction is a function of those three and the configuration in force (which goes to the
Ray workers with them), so every engine gives the same statements, ids included; the store is written by the ingest process alone, one document per transaction.

Ray is an optional extra (``pip install 'pledgetrack[ray]'``). Each Ray worker is an actor that
loads the spaCy model once and extracts the documents sent to it; the glossary and taxonomy go
to the object store once, not once per document.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..config import Config, settings, using
from ..models import Document, ExtractedDocument
from ..nlp.glossary import Glossary
from ..nlp.topics import Taxonomy
from .errors import StoreError

Extract = Callable[[Document, Glossary, Taxonomy], ExtractedDocument]  # as ``Ingester(extract=...)``
ENGINES = ("local", "ray")


class _Worker:
    """A Ray actor: the spaCy model is loaded on first use and kept for every document after."""

    def extract(self, doc: Document, glossary: Glossary, taxonomy: Taxonomy, config: Config) -> ExtractedDocument:
        from ..nlp.pipeline import extract_document
        with using(config):
            return extract_document(doc, glossary, taxonomy)


class RayEngine:
    """Extraction as Ray actor tasks, ``workers`` actors (default: one per CPU Ray offers, at most
    as many as documents). ``address``: an existing cluster ("auto", "ray://host:10001", ...);
    without it a local Ray instance is started for the run and stopped by ``close``.

    ``prefetch`` sends every document of the run to the workers at once; a call then returns the
    document's extraction when it is done (one the run did not announce, e.g. renamed on the way,
    is extracted here)."""

    def __init__(self, address: str | None = None, workers: int | None = None, **init: Any) -> None:
        self.address, self.workers, self.init = address, workers, init
        self._started = False
        self._pending: dict[tuple[str, str], Any] = {}
        self._inputs: tuple[Glossary, Taxonomy] | None = None

    def prefetch(self, docs: list[Document], glossary: Glossary, taxonomy: Taxonomy) -> None:
        if not docs:
            return
        ray = _ray()
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, **self.init}
            if self.address:
                options["address"] = self.address
            elif self.workers and "num_cpus" not in options:
                options["num_cpus"] = self.workers
            ray.init(**options)
            self._started = True
        cpus = int(ray.available_resources().get("CPU", 1)) or 1
        actor = ray.remote(num_cpus=1)(_Worker)
        actors = [actor.remote() for _ in range(max(1, min(self.workers or cpus, len(docs))))]
        shared_glossary, shared_taxonomy, config = ray.put(glossary), ray.put(taxonomy), ray.put(settings())
        self._inputs = (glossary, taxonomy)
        for i, doc in enumerate(docs):  # in store order, so the first ones are ready first
            self._pending[(doc.name, doc.content_hash)] = actors[i % len(actors)].extract.remote(
                doc, shared_glossary, shared_taxonomy, config)

    def __call__(self, doc: Document, glossary: Glossary, taxonomy: Taxonomy) -> ExtractedDocument:
        future = self._pending.pop((doc.name, doc.content_hash), None)
        if future is not None and self._inputs is not None and self._inputs[0] is glossary \
                and self._inputs[1] is taxonomy:
            return _ray().get(future)
        from ..nlp.pipeline import extract_document
        return extract_document(doc, glossary, taxonomy)

    def close(self) -> None:
        self._pending.clear()
        if self._started:
            _ray().shutdown()
            self._started = False


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise StoreError("--engine ray needs the optional extra: pip install 'pledgetrack[ray]'") from None
    return ray


def make(name: str, *, address: str | None = None, workers: int | None = None) -> Extract:
    """The engine called ``name`` (``ENGINES``)."""
    if name == "local":
        if address:
            raise StoreError("--address is for --engine ray")
        from ..nlp.pipeline import extract_document
        return extract_document
    if name == "ray":
        _ray()
        return RayEngine(address=address, workers=workers)
    raise StoreError(f"unknown engine {name!r}; engines: {', '.join(ENGINES)}")
