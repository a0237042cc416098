"""What the extraction components know about the document a parsed paragraph belongs to.

The pipeline parses a document paragraph by paragraph; every paragraph's ``Doc`` carries the
same ``DocumentContext`` in ``doc._.pt_context`` and its own ``Segment`` in ``doc._.pt_segment``,
so that a component can read the document's parties, glossary and taxonomy and keep state from
one paragraph to the next (the speaker "he" refers to, the topics of the last statement).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..models import Document, Paragraph, Statement
from .actors import ActorContext
from .glossary import Glossary
from .predicates import Predicate
from .topics import Taxonomy


@dataclass
class Segment:
    """One paragraph of the document as parsed: where its text starts, and its place."""

    paragraph: Paragraph
    offset: int  # where the parsed text starts in Document.text (the printed number cut off)
    index: int  # position among the document's segments
    bullet: bool = False  # the paragraph is an item of a list ("- ...", "• ...")


@dataclass
class Draft:
    """A statement while the components fill it in: its act, sentence and content tokens."""

    pred: Predicate
    sent: Span
    content: list[Token]
    statement: Statement


@dataclass
class DocumentContext:
    """Per-document state shared by the paragraphs' ``Doc`` objects."""

    document: Document
    actors: ActorContext
    glossary: Glossary
    taxonomy: Taxonomy
    segments: int  # how many paragraphs the document has
    statements: list[Statement] = field(default_factory=list)  # all so far, in textual order
    state: dict[str, object] = field(default_factory=dict)  # components' own carried state
