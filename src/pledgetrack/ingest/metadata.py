"""Read ``DocumentMeta`` (title, date, place, series, parties, participants) from cleaned text."""
from __future__ import annotations

import re

from pledgetrack.config import settings
from pledgetrack.ingest.dates import find_dates
from pledgetrack.ingest.meeting import meeting_date, meeting_place
from pledgetrack.ingest.participants import assign_countries, find_participants
from pledgetrack.ingest.parties import find_parties
from pledgetrack.ingest.series import find_series
from pledgetrack.models import DocumentMeta

_SECTION_WORDS = frozenset({"preamble", "introduction", "overview", "summary", "background", "contents"})
_TRAILING_DATE_PLACE = re.compile(r"[\s,(]*(?:[A-Z][a-z]+(?:,?\s+D\.\s?C\.)?,\s*)?$")


def read_metadata(text: str) -> tuple[DocumentMeta, list[str]]:
    """The document's metadata and warnings about what could not be read."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = _split_heading(paragraphs)
    heading = "\n".join(head)
    opening = "\n\n".join(body[:settings().ingest.opening_paragraphs])
    warnings: list[str] = []
    meta = DocumentMeta(title=restore_case(_title(head), "\n\n".join(body)))
    date = meeting_date(heading, opening)
    if date and date.iso:
        meta.date = date.iso
    elif date:
        warnings.append(f"no year in the meeting date '{date.text}'; pass --date")
    else:
        warnings.append("no meeting date found in the text; pass --date")
    meta.place = meeting_place(heading, opening)
    # an office at the end of the heading runs into the dateline: "... President of the United States Tokyo, 3 May"
    meta.participants = [p for p in find_participants(heading + "\n\n" + opening) if p.name != meta.place]
    meta.parties = find_parties(heading, opening, meta.participants, meta.date)
    assign_countries(meta.participants, meta.parties)
    meta.series, meta.number = find_series(heading, opening, meta.parties, meta.date)
    return meta, warnings


def _split_heading(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Leading heading lines (short, no closing full stop) and the body paragraphs after them."""
    i = 0
    while i < len(paragraphs) and i < 4 and _is_heading(paragraphs[i]):
        i += 1
    return paragraphs[:i], paragraphs[i:]


def _is_heading(para: str) -> bool:
    words = para.split()
    return len(words) <= settings().ingest.max_title_words and not re.search(r"[a-z0-9)][.!?:;]$", para) and not re.match(r"\d{1,3}[.)]\s", para)


def _title(head: list[str]) -> str:
    """The first heading line that is neither a section word nor only a date and place."""
    for line in head:
        title = _strip_date(line)
        if title and title.lower() not in _SECTION_WORDS and len(title.split()) >= 2:
            return title
    return ""


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by", "with"})
_ORDINAL = re.compile(r"^(\d+)(St|Nd|Rd|Th)$")


def restore_case(title: str, body: str) -> str:
    """A title whose case was flattened ("Joint Communiqué Of The 45Th Rok-U.S. Security ...")
    back in the document's own spelling: small words and ordinal endings in lower case, and a word
    the body writes only in capitals ("ROK") in capitals. Other titles are returned as they are."""
    words = title.split()
    flattened = any(w in {x.capitalize() for x in _SMALL_WORDS} for w in words[1:]) or any(
        _ORDINAL.match(w) for w in words)
    if not flattened:
        return title

    def fix(part: str, first: bool) -> str:
        if m := _ORDINAL.match(part):
            return m.group(1) + m.group(2).lower()
        if not first and part.lower() in _SMALL_WORDS:
            return part.lower()
        core = part.strip(".,;:")
        if core and core[0].isupper() and not core.isupper() and core.isalpha() \
                and re.search(rf"(?<![\w-]){re.escape(core.upper())}(?![\w])", body) \
                and not re.search(rf"(?<![\w-]){re.escape(core)}(?![\w])", body):
            return part.replace(core, core.upper())
        return part

    return " ".join("-".join(fix(p, i == 0 and j == 0) for j, p in enumerate(w.split("-")))
                    for i, w in enumerate(words))


def _strip_date(line: str) -> str:
    """``line`` without a trailing "(Seoul, October 2, 2013)" / "Seoul, November 15, 2019"."""
    dates = find_dates(line)
    if not dates:
        return line.strip()
    head = line[: dates[0].start]
    return _TRAILING_DATE_PLACE.sub("", head).strip()
