"""Pydantic models of the REST API's responses, so that the OpenAPI schema describes them."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field


class Deadline(BaseModel):
    text: str
    date: Optional[str] = Field(None, description="YYYY-MM-DD when the deadline is dated")


class StatementOut(BaseModel):
    """A statement as the store shows it: extraction with the review corrections on top."""

    id: int = Field(description="row id")
    key: str = Field(description="stable key: the same across re-extraction and new versions")
    ext_id: str = Field(description="the pipeline's id, document name and offset")
    doc: str
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    act: str = Field(description="pledge, commit, agree, reaffirm, decide, welcome, note, ...")
    actors: list[str] = Field(description="party codes, e.g. KOR, USA")
    commitment: bool
    strength: int
    speaker: Optional[str] = None
    content: str
    conditions: list[str]
    deadlines: list[Deadline]
    agreements: list[str]
    topics: list[str]
    hedges: list[str]
    paragraph: Optional[str] = None
    optional: bool
    date: Optional[str] = Field(None, description="the meeting's date")
    series: Optional[str] = None
    doc_version: int
    superseded: bool
    document_id: int
    model_version: Optional[str] = None
    thread: Optional[str] = Field(None, description="the thread that holds it, if any")
    review: Optional[str] = Field(None, description="accepted, corrected or rejected; null: unreviewed")
    extracted: Optional[dict[str, Any]] = Field(None, description="what the corrections replaced")
    reviewed_by: Optional[str] = None
    highlight: Optional[str] = Field(None, description="search only: matching words between « and »")


Facets = dict[str, list[tuple[str, int]]]


class Page(BaseModel):
    """What every paged listing ends with: where the next page starts."""

    next: Optional[str] = Field(None, description="cursor of the next page (the after parameter)")
    next_url: Optional[str] = Field(None, description="the next page; null on the last")


class StatementsPage(Page):
    count: Optional[int] = Field(description="statements that pass the filters (a search: its best hits, up to "
                                             "200); null when there are too many to count in time")
    count_capped: bool = Field(False, description="a search with more hits than count")
    filters: dict[str, str]
    facets: Facets = Field(description="per facet: (value, statements), most first (years by year)")
    rows: list[StatementOut]


class HitOut(BaseModel):
    statement: StatementOut
    highlight: str
    score: float


class SearchPage(Page):
    count: int = Field(description="hits on this page")
    q: str
    hits: list[HitOut]


class ThreadRow(BaseModel):
    id: str
    title: str
    series: Optional[str] = None
    topics: list[str]
    status: str
    actors: list[str]
    first_date: Optional[str] = None
    last_date: Optional[str] = None
    statements: int
    labels: list[str]
    evidence: int


class ThreadsPage(Page):
    count: int | None = Field(description="threads that pass the filters (null: too many to count in time)")
    filters: dict[str, str]
    rows: list[ThreadRow]


class OverdueRow(BaseModel):
    """A thread (or a commitment no thread holds, ``S-<key>``) whose latest passed deadline has no evidence."""

    thread: str
    deadline: str = Field(description="the deadline as the statement words it")
    date: str = Field(description="YYYY-MM-DD it fell due")
    status: str
    statement: str = Field(description="key of the statement that set the deadline")
    doc: str
    sentence: str
    days_overdue: int


class DeadlinesPage(Page):
    rows: list[OverdueRow]


class Summary(BaseModel):
    backend: str
    documents: int
    superseded_versions: int
    statements: int
    commitments: int
    threads: int
    glossary_terms: int
    agreements: int
    reviews: dict[str, int]
    thread_status: dict[str, int]
    series: dict[str, int]
    dates: list[Optional[str]]
