"""Extraction: one document (plus the collection's glossary) in, its statements out.

The work is a spaCy pipeline: the English model parses, then pledgetrack's registered
components (``components.py``) find the acts and fill in each statement. ``extract_document``
cuts the document into paragraphs, gives each paragraph's ``Doc`` the document's context, runs
the pipeline and reads the statements off ``doc._.statements``. The pipeline is built once per
process and list of extra components (``get_pipeline``; the configuration's ``nlp.components``);
``extract_document`` is a pure function of its arguments and the configuration in force
(``pledgetrack.config``), so documents can be extracted in parallel processes.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.language import Language

from ..config import settings
from ..errors import ConfigError
from ..models import Document, ExtractedDocument, Paragraph
from . import components, prefixes  # noqa: F401  (register the factories)
from .actors import ActorContext
from .context import DocumentContext, Segment
from .glossary import Glossary, find_definitions
from .lists import ITEM_MARK
from .model import load_model
from .plugins import plugin_components
from .topics import Taxonomy, load_taxonomy

_NUMBER_PREFIX = re.compile(rf"^\s*(?:\(?\d{{1,3}}\\?[.)]|[IVX]{{1,5}}\.|{ITEM_MARK})\s+")
_BULLET = re.compile(rf"^\s*{ITEM_MARK}\s+")
# "... facilities. (2) Implementation ...", "... steps. Forces in Japan (1) Realignment ...", "... peace.
# II. The Regional Strategic Environment The Ministers ...": a numbered heading (and the section title
# before a bracketed number) after a sentence's end starts a paragraph.
_INLINE_SECTION = re.compile(r"(?<=[.;:])[ \t]+(?=(?:(?!\.\s)[^;:\n]){0,120}?\(\d{1,2}\)[ \t]+[A-Z]|[IVX]{1,5}\.[ \t]+[A-Z])")
# A heading in title case run on before its first sentence: "Realignment of U.S. Forces in Japan The Ministers ...".
_RUN_ON_HEADING = re.compile(r"(?:[A-Z(][\w’'.&/()-]*[ \t]+)(?:(?:[A-Z0-9(][\w’'.&/()-]*|of|for|the|and|in|on|to|with|at|by|a|an)"
                             r"[ \t]+){0,20}?(?=(?:The|We|They|Both|Our)[ \t]+[a-zA-Z])")
# The components, in order (each documented in components.py).
COMPONENTS = ("pledgetrack_prefixed_verbs", "pledgetrack_predicates", "pledgetrack_statements", "pledgetrack_commitment",
              "pledgetrack_conditions", "pledgetrack_hedges", "pledgetrack_deadlines",
              "pledgetrack_agreements", "pledgetrack_items", "pledgetrack_strength", "pledgetrack_topics",
              "pledgetrack_confidence")


def build_pipeline(base: Language, extra: tuple[str, ...] = ()) -> Language:
    """Adds pledgetrack's components (set up as the configuration says), then ``extra`` ones
    (factory names), to a parsing model."""
    configs = {"pledgetrack_topics": {"context_sentences": settings().nlp.topics.context_sentences}}
    if "pledgetrack_sentence_marks" not in base.pipe_names and "parser" in base.pipe_names:
        base.add_pipe("pledgetrack_sentence_marks", before="parser")  # sentence bounds the parser must keep
    for name in (*COMPONENTS, *extra):
        if name not in base.pipe_names:
            base.add_pipe(name, config=configs.get(name, {}))
    return base


def get_pipeline() -> Language:
    """The extraction pipeline: the parser, our components, plugins' components, then the
    configuration's ``nlp.components`` (built once per process and setting)."""
    cfg = settings().nlp
    extra = tuple(cfg.components)
    for name in extra:
        if not Language.has_factory(name):
            raise ConfigError(f"nlp.components: no spaCy component {name!r} is registered "
                              "(a plugin registers one with @Language.factory)")
    return _pipeline(extra, cfg.topics.context_sentences)


@lru_cache(maxsize=4)
def _pipeline(extra: tuple[str, ...], _context_sentences: int) -> Language:
    """A pipeline per list of extra components and component setting (the key of the cache)."""
    return build_pipeline(load_model(), plugin_components() + extra)


def _paragraphs(doc: Document) -> list[Paragraph]:
    if doc.paragraphs:
        return doc.paragraphs
    out, pos = [], 0
    for block in re.split(r"(\n\s*\n)", doc.text):
        if block.strip() and not block.isspace():
            out.append(Paragraph(pos, pos + len(block)))
        pos += len(block)
    return out


def _lines_of_lists(doc: Document, paras: list[Paragraph]) -> Iterator[Paragraph]:
    """The paragraphs, with a block of bulleted lines cut into one paragraph a bullet."""
    for para in paras:
        block = doc.text[para.start:para.end]
        marks = [m.start() for m in re.finditer(rf"(?m)^[ \t]*{ITEM_MARK}[ \t]+", block)]
        if len(marks) < 2 and not (marks and marks[0] > 0):
            yield para
            continue
        cuts = ([0] if marks[0] > 0 else []) + marks + [len(block)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if block[a:b].strip():
                yield Paragraph(para.start + a, para.start + b, para.number)


def _inline_sections(doc: Document, paras: Iterator[Paragraph]) -> Iterator[Paragraph]:
    """The paragraphs, cut where a numbered section heading runs on after a sentence (text
    flattened from a layout: "... facilities. (2) Implementation of the Guidelines The Ministers ...")."""
    for para in paras:
        block = doc.text[para.start:para.end]
        cuts = [0, *(m.end() for m in _INLINE_SECTION.finditer(block)), len(block)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if block[a:b].strip():
                yield Paragraph(para.start + a, para.start + b, para.number)


def _segments(doc: Document) -> Iterator[tuple[Paragraph, int, str]]:
    """(paragraph, offset, text to parse) with the paragraph's printed number and a heading run
    on before its first sentence cut off."""
    for para in _inline_sections(doc, _lines_of_lists(doc, _paragraphs(doc))):
        text = doc.text[para.start:para.end]
        cut = _NUMBER_PREFIX.match(text)
        skip = cut.end() if cut else 0
        heading = _RUN_ON_HEADING.match(text, skip)
        skip = heading.end() if heading else skip
        if text[skip:].strip() and not _in_capitals(text[skip:]):
            yield para, para.start + skip, text[skip:]


def _in_capitals(text: str) -> bool:
    """A heading set in capitals ("FIFTY-NINTH ... LEADERS MEETING COMMUNIQUÉ"), which states nothing:
    no statement is written without a lower-case letter."""
    return not any(ch.islower() for ch in text)


def extract_document(doc: Document, glossary: Glossary | None = None,
                     taxonomy: Taxonomy | None = None, pipeline: Language | None = None) -> ExtractedDocument:
    """Every statement of one document, in textual order (``pipeline``: one of
    ``build_pipeline``'s, when not the process-wide one)."""
    nlp = pipeline or get_pipeline()
    definitions = find_definitions(doc)
    segments = list(_segments(doc))
    ctx = DocumentContext(document=doc, actors=ActorContext.for_document(doc),
                          glossary=glossary if glossary is not None else Glossary(definitions),
                          taxonomy=taxonomy or load_taxonomy(), segments=len(segments))
    docs = []
    for n, (para, offset, text) in enumerate(segments):
        parsed = nlp.make_doc(text)
        parsed._.pt_context = ctx
        bullet = bool(_BULLET.match(doc.text[para.start:para.end]))
        parsed._.pt_segment = Segment(para, offset, n, bullet)
        docs.append(parsed)
    for _ in nlp.pipe(docs, batch_size=settings().nlp.batch_size):
        pass
    return ExtractedDocument(doc, list(ctx.statements), definitions)
