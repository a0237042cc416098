"""The records pledgetrack passes between its stages: documents, their metadata and statements.

Every extracted thing points into ``Document.text`` (the cleaned text) by character offsets.
Records are plain dataclasses so that they pickle across processes and serialise to JSON.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


@dataclass
class Participant:
    """A person who took part in the meeting, e.g. ``Mark Esper``, ``Secretary of Defense``, ``USA``."""

    name: str
    role: str | None = None
    country: str | None = None


@dataclass
class DocumentMeta:
    """What a joint statement says about itself: title, date, place, meeting series and parties."""

    title: str = ""
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    place: str | None = None
    series: str | None = None  # e.g. "SCM", "Quad Leaders", "G7 Summit"
    number: int | None = None  # e.g. 51 for the 51st SCM
    parties: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-3 codes (and "EU")
    participants: list[Participant] = field(default_factory=list)
    url: str | None = None  # where the document was published (from a metadata sidecar)


def meeting_name(series: str | None, number: int | None) -> str:
    """A meeting as people name it: "SCM 50"; "U.S.-Japan 2+2 #3" where the series' name ends in a
    number; the series alone without a number, "" without a series."""
    if not series:
        return ""
    if number is None:
        return series
    return f"{series} #{number}" if series[-1].isdigit() else f"{series} {number}"


@dataclass
class Paragraph:
    """A paragraph of the cleaned text, with its printed number if the document numbers them."""

    start: int
    end: int
    number: str | None = None


@dataclass
class Document:
    """One ingested document: its source, its cleaned text and what was read from it."""

    name: str  # file name (or a given name for text passed directly)
    path: str | None
    source_text: str  # text as read from the file, before clean-up
    text: str  # cleaned text; all offsets point into this
    paragraphs: list[Paragraph] = field(default_factory=list)
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""  # sha256 of the source bytes

    def meta_dict(self) -> dict[str, Any]:
        """Metadata as a JSON-ready dict, with the document's name."""
        out = {"doc": self.name, **asdict(self.meta)}
        return out


@dataclass
class Deadline:
    """A time limit on a statement: ``text`` as written, ``date`` as ISO 8601 when it resolves."""

    text: str
    date: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Item:
    """One discrete pledge of a list a statement carries: a bullet under a lead-in ("We will:")
    or a part of an inline list ("we commit to: a; b; c"). Without a verb of its own an item
    inherits the statement's act and actors."""

    content: str
    start: int  # offsets in Document.text
    end: int
    act: str
    actors: list[str]
    commitment: bool
    deadlines: list[Deadline] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)


@dataclass
class Statement:
    """One act a party performs in a document (see docs/spec/ANNOTATION.md)."""

    id: str
    doc: str
    sentence: str
    start: int  # sentence offsets in Document.text
    end: int
    trigger: str
    trigger_start: int
    act: str
    actors: list[str]
    commitment: bool
    strength: int
    speaker: str | None = None  # the phrase naming who acts, as written ("The Minister")
    content: str = ""
    conditions: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    paragraph: str | None = None
    optional: bool = False  # a participial act ("..., noting that ...")
    items: list[Item] = field(default_factory=list)  # the list its content is, one pledge each
    confidence: float = 1.0  # 0..1: how sure the commitment decision and the actors are
    subset: bool = False  # made by some of the actors only ("those members that ...")

    def to_dict(self) -> dict[str, Any]:
        """The statement as a JSON-ready dict (the ``extract --format jsonl`` record)."""
        return asdict(self)

    @property
    def content_has_trigger(self) -> bool:
        """Whether the content is the whole clause, its verb included ("The first exercise was
        conducted off Palawan", "Cooperation will be strengthened by both sides"), not what follows it."""
        at = self.sentence.find(self.content) if self.content else -1
        return 0 <= at <= self.trigger_start - self.start


@dataclass
class GlossaryEntry:
    """An acronym defined in a document: ``SCM`` = ``Security Consultative Meeting``."""

    acronym: str
    expansion: str
    doc: str
    start: int


@dataclass
class ExtractedDocument:
    """A document together with the statements extracted from it."""

    document: Document
    statements: list[Statement]
    glossary: list[GlossaryEntry] = field(default_factory=list)


class StepLabel(StrEnum):
    """What became of a commitment or position at one step of its thread."""

    NEW = "new"
    REAFFIRMED = "reaffirmed"
    REWORDED = "reworded"
    STRENGTHENED = "strengthened"
    WEAKENED = "weakened"
    DROPPED = "dropped"
    RESTORED = "restored"
    FULFILLED = "fulfilled"  # a later meeting reports the pledged thing done


# Labels of thread steps, in the order a reader should care about them.
STEP_LABELS = tuple(label.value for label in StepLabel)


@dataclass
class ThreadStep:
    """One document's place in a thread: how the commitment changed there, and why."""

    doc: str
    date: str | None
    label: str  # one of STEP_LABELS
    statement_id: str | None = None  # None when the step is "dropped" or "fulfilled"
    reasons: list[str] = field(default_factory=list)  # "deadline 2020 removed", "condition added: ..."
    similarity: float | None = None  # to the previous statement of the thread
    evidence_id: str | None = None  # "fulfilled": the later statement that reports it done
    merged: bool = False  # the thread ends here: its statement carries it on with another thread's pledge


@dataclass
class Thread:
    """The same commitment or position followed across meetings, in document date order."""

    id: str
    statements: list[str]  # statement ids, in document date order
    steps: list[ThreadStep] = field(default_factory=list)
    title: str = ""  # a short description, e.g. the first statement's content
    series: str | None = None
    topics: list[str] = field(default_factory=list)
