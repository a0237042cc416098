"""Finds deadlines in a statement's content and resolves them to dates.

"in 2020" and "by the end of 2021" resolve to the last day of the period; "by June 2024" to the
month's last day, "by the third quarter of 2032" to the quarter's; "by the mid-2030s" to the end
of 2035; "by FY2027" to the end of that fiscal year, by the convention of the country it names or the statement's actor;
"next year", "before the end of the year", "within six months" and "over three years" relative to
the meeting date. Undated ones
("expeditiously", "as soon as possible") are kept as text with no date.
"""
from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Sequence
from datetime import date, timedelta
from importlib import resources

from ..countries import find_countries
from ..models import Deadline

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_RE = "|".join(_MONTHS)
_YEAR = r"(?:19|20)\d{2}"

_PREPOSITION = r"(?:by|before|until|no later than|within|in|during|at|through|starting in|from)\s+"
# A span of years ("between 2031 and 2034", "from 2032 to 2035"): due at the end of its last year.
_YEARS_SPAN = re.compile(rf"\b(?:(?:between\s+{_YEAR}\s+and|from\s+{_YEAR}\s+(?:to|until|through))\s+"
                         rf"|(?:in|over|during|for)\s+(?:the\s+(?:period\s+)?)?{_YEAR}\s*[–-]\s*)(?P<to>{_YEAR})\b",
                         re.IGNORECASE)
_DATED = re.compile(
    rf"\b(?P<phrase>{_PREPOSITION}(?:the\s+)?"
    rf"(?:(?:end\s+of\s+the\s+)?(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?|"
    rf"Q(?P<q>[1-4])\s+|"
    rf"(?P<part>end|beginning|start|first half|second half|middle|"
    rf"spring|summer|fall|autumn|winter|early|late|mid)(?:\s+of)?[\s-]+)?"
    rf"(?:(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{_MONTH_RE})\s+(?:(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?)?"
    rf"(?P<year>{_YEAR}))\b(?![-–/]\d)",
    re.IGNORECASE,
)
# A decade: "by the mid-2030s", "in the early 2040s", "by the end of the 2030s".
_DECADE = re.compile(
    rf"\b(?P<phrase>{_PREPOSITION}the\s+(?:(?P<part>early|mid|middle\s+of\s+the|late|end\s+of\s+the)[\s-]+)?"
    r"(?P<decade>(?:19|20)\d0)['’]?s)\b",
    re.IGNORECASE,
)
_DECADE_PART = {"early": 3, "mid": 5, "middle of the": 5}
# A fiscal year: "by FY2027", "in fiscal year 2026-27", "by JFY2030".
_FISCAL = re.compile(
    rf"\b(?P<phrase>{_PREPOSITION}(?:the\s+)?(?:(?:J|U\.?S\.?\s*)?FY\s*|fiscal\s+(?:year\s+)?)"
    rf"(?P<year>{_YEAR})(?:[-–/](?P<to>\d{{2}}|{_YEAR}))?)\b",
    re.IGNORECASE,
)
# A year written split, as fiscal and financial years are ("by 2030/31", "in 2031-32"): the year it ends in.
_SPLIT_YEAR = re.compile(
    rf"\b(?P<phrase>{_PREPOSITION}(?:the\s+)?(?:end\s+of\s+)?(?P<year>{_YEAR})[/–-](?P<to>\d{{2}}))\b(?![/–-]\d)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?P<phrase>(?:by|before|until|no\s+later\s+than|in|within|during)?\s*(?:the\s+)?(?:end\s+of\s+|early\s+|later\s+)?"
    r"(?P<rel>next year|this year|the coming year|the following year|the coming months|the next few months|"
    r"(?:this|the)\s+decade))\b",
    re.IGNORECASE,
)
# The end of the meeting's year, the year unnamed: "before the end of the year", "by year-end",
# "within the year" (translated English).
_YEAR_END = re.compile(
    r"\b(?:(?:by|before|until|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+the\s+(?:calendar\s+)?year|year[-\s]end)"
    r"|within\s+(?:the|this)\s+(?:calendar\s+)?year)\b"
    r"(?!\s*(?:of\s+)?\d)",
    re.IGNORECASE,
)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
# A span from the meeting: "within six months", "over the next five years", "within 90 days",
# "over three years", "within a decade". "Over" alone after "in", "for" or "than" means "more than"
# ("the first time in over three years").
_SPAN = re.compile(
    r"\b(?P<phrase>(?:(?:within|in|over|during)\s+the\s+(?:next|coming|following)|within|the\s+next|"
    r"(?<!\bin\s)(?<!\bfor\s)(?<!\bthan\s)(?<!\bof\s)over)\s+"
    rf"(?P<count>\d{{1,3}}|{'|'.join(sorted(_COUNTS, key=len, reverse=True))})\s+(?P<unit>day|week|month|year|decade)s?)\b"
    r"(?!\s+(?:ago|old|of\s+age))",
    re.IGNORECASE,
)
# "report back in 12 months", "meet again in two years' time": a span ending the clause (not "the first
# visit in 12 months", "growth in three years", which count back or measure).
_IN_SPAN = re.compile(
    rf"\b(?P<phrase>in\s+(?P<count>\d{{1,3}}|{'|'.join(sorted(_COUNTS, key=len, reverse=True))})\s+"
    r"(?P<unit>day|week|month|year)s?(?:['’]s?\s+time)?)(?=\s*(?:[.;,:)]|$))",
    re.IGNORECASE,
)
# What makes "in 12 months" count back: "the first visit in 12 months", "the lowest level in five years".
_COUNTED_BACK = re.compile(r"\b(?:first|last|time|ever|past|lowest|highest|most|least)\b(?:\s+[\w'’-]+){0,3}\s*$",
                           re.IGNORECASE)
_DATA = tomllib.loads(resources.files("pledgetrack.data").joinpath("deadlines.toml").read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_FISCAL_YEARS: dict[str, dict[str, str]] = _DATA.get("fiscal_years", {})
_UNDATED = re.compile(rf"\b({_alternation(_DATA['undated'])})\b", re.IGNORECASE)
# Deadlines set by an event rather than a date: "by COP26", "before the next SCM".
_EVENT = re.compile(
    r"\b(?i:by|before|ahead of|prior to|in time for|by the time of)\s+(?:the\s+|our\s+|their\s+)?"
    r"(?:COP\d+|next\s+[A-Z]{2,}\w*|(?:next\s+|upcoming\s+)?(?:[A-Z0-9][\w-]*\s+){0,3}"
    rf"(?:{_alternation(_DATA['events'])})|(?:next|upcoming)\s+(?i:{_alternation(_DATA['events'])}))\b"
)
_A_YEAR = re.compile(rf"\b(?P<year>{_YEAR})\b")
_OF_YEAR = re.compile(rf"\s+of\s+(?P<year>{_YEAR})\b")  # "by the Spring Meetings of 2032"
_NAMED_AFTER = re.compile(rf"\s+(?:[A-Z][\w'’-]*\s+){{0,3}}(?:{_alternation(_DATA['documents'])})\b")
_PART_MONTH = {"beginning": 3, "start": 3, "early": 3, "spring": 5,
               "first half": 6, "middle": 6, "mid": 6, "summer": 8, "second half": 12, "fall": 11,
               "autumn": 11, "late": 12, "end": 12, "winter": 12}
# Words before a year that make it a time frame, not a deadline ("in 2018 and 2019 talks").
_DEADLINE_PREPS = {"by", "before", "until", "no later than", "within", "in", "during", "through",
                   "starting in", "from", "at"}


def _last_day(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _resolve_dated(m: re.Match[str]) -> str:
    """The date a dated deadline gives: its day ("31 December 2031", "March 15, 2032"), else the last
    day of its month, quarter, part of the year or year."""
    year = int(m.group("year"))
    if m.group("month"):
        month = _MONTHS[m.group("month").lower()]
        day = m.group("day") or m.group("mday")
        if day and 1 <= int(day) <= int(_last_day(year, month)[-2:]):
            return f"{year:04d}-{month:02d}-{int(day):02d}"
        return _last_day(year, month)
    quarter = int(m.group("q")) if m.group("q") else _QUARTERS.get((m.group("quarter") or "").lower())
    if quarter:
        return _last_day(year, 3 * quarter)
    part = (m.group("part") or "end").lower()
    return _last_day(year, _PART_MONTH.get(part, 12))


def _resolve_decade(m: re.Match[str]) -> str:
    part = re.sub(r"\s+", " ", (m.group("part") or "").lower())
    return _last_day(int(m.group("decade")) + _DECADE_PART.get(part, 9), 12)


def _fiscal_owner(text: str, m: re.Match[str], actors: Sequence[str]) -> str | None:
    """Whose fiscal year a phrase names: the last country named before it ("welcomed Japan's
    commitment to building capabilities by FY 2027"), else the statement's one actor."""
    named = [code for _, _, code in find_countries(text[:m.start()])]
    return named[-1] if named else (actors[0] if len(actors) == 1 else None)


def _resolve_fiscal(m: re.Match[str], owner: str | None) -> str:
    """The last day of a fiscal year: by the convention of its owner where ``deadlines.toml``
    has it, else the end of the last calendar year the phrase names."""
    year = int(m.group("year"))
    convention = _FISCAL_YEARS.get(owner) if owner else None
    if (to := m.group("to")):  # "2026-27": the fiscal year that ends in 2027
        end_year = int(to) if len(to) == 4 else year // 100 * 100 + int(to)
    elif convention:
        end_year = year + (1 if convention["named_by"] == "start" else 0)
    else:
        return _last_day(year, 12)
    if not convention:
        return _last_day(end_year, 12)
    month, day = (int(x) for x in convention["ends"].split("-"))
    return date(end_year, month, day).isoformat()


def _resolve_relative(rel: str, meeting: date | None) -> str | None:
    if meeting is None:
        return None
    rel = rel.lower()
    if rel == "this year":
        return _last_day(meeting.year, 12)
    if rel in {"next year", "the coming year", "the following year"}:
        return _last_day(meeting.year + 1, 12)
    if rel.endswith("decade"):
        return _last_day(meeting.year // 10 * 10 + 9, 12)
    if "months" in rel.split():
        month = meeting.month + 6
        return _last_day(meeting.year + (month - 1) // 12, (month - 1) % 12 + 1)
    return None


def _resolve_span(count: str, unit: str, meeting: date | None) -> str | None:
    """The end of a span from the meeting: days and weeks to the day, months and years to the
    end of the month they reach ("within six months" of 14 March 2031: 2031-09-30)."""
    if meeting is None:
        return None
    n = int(count) if count.isdigit() else _COUNTS[count.lower()]
    unit = unit.lower()
    if unit == "decade":
        n, unit = 10 * n, "year"
    if unit in {"day", "week"}:
        return (meeting + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    months = meeting.month - 1 + n * (12 if unit == "year" else 1)
    return _last_day(meeting.year + months // 12, months % 12 + 1)


def find_deadlines(text: str, offset: int, meeting_date: str | None,
                   actors: Sequence[str] = ()) -> list[Deadline]:
    """Deadlines in ``text`` (which starts at ``offset`` in the document), in textual order;
    ``actors`` (the statement's) choose a fiscal year's convention."""
    meeting = date.fromisoformat(meeting_date) if meeting_date else None
    found: list[Deadline] = []
    periods = [(m, _resolve_fiscal(m, _fiscal_owner(text, m, actors))) for m in _FISCAL.finditer(text)]
    periods += [(m, _resolve_fiscal(m, _fiscal_owner(text, m, actors))) for m in _SPLIT_YEAR.finditer(text)
                if (int(m.group("year")) + 1) % 100 == int(m.group("to"))]  # "2030/31", not "2030-45"
    periods += [(m, _resolve_decade(m)) for m in _DECADE.finditer(text)]
    for m, resolved in periods:
        if meeting and resolved < meeting.isoformat():
            continue  # a period already over is history
        found.append(Deadline(m.group("phrase"), resolved, offset + m.start(), offset + m.end()))
    spans = list(_YEARS_SPAN.finditer(text))
    periods_of_years = [(m.start(), m.end()) for m in spans]
    for m in spans:  # "between 2031 and 2034", "from 2032 to 2035": due at its end
        if not meeting or int(m.group("to")) >= meeting.year:
            found.append(Deadline(m.group(0), _last_day(int(m.group("to")), 12), offset + m.start(), offset + m.end()))
    for m in _DATED.finditer(text):
        if any(a <= m.start() < b for a, b in periods_of_years):
            continue  # the start of a span of years, told whole above
        if meeting and int(m.group("year")) < meeting.year:
            continue  # a past year is history, not a deadline
        if _NAMED_AFTER.match(text, m.end()):
            continue  # "in the May 2029 Joint Statement": a document's name, not a time limit
        resolved = _resolve_dated(m)
        if meeting and resolved and resolved < meeting.isoformat():
            continue  # "held in Seoul in March" of the meeting's own year, months before it: history
        found.append(Deadline(m.group("phrase"), resolved, offset + m.start(), offset + m.end()))
    for m in _RELATIVE.finditer(text):
        phrase = m.group("phrase").strip()
        start = offset + m.start() + (len(m.group("phrase")) - len(m.group("phrase").lstrip()))
        found.append(Deadline(phrase, _resolve_relative(m.group("rel"), meeting), start, start + len(phrase)))
    for m in _YEAR_END.finditer(text):
        year_end = _last_day(meeting.year, 12) if meeting else None
        found.append(Deadline(m.group(0), year_end, offset + m.start(), offset + m.end()))
    ahead = [m for m in _IN_SPAN.finditer(text) if not _COUNTED_BACK.search(text[:m.start()])]
    for m in (*_SPAN.finditer(text), *ahead):
        found.append(Deadline(m.group("phrase"), _resolve_span(m.group("count"), m.group("unit"), meeting),
                              offset + m.start(), offset + m.end()))
    for m in _UNDATED.finditer(text):
        found.append(Deadline(m.group(0), None, offset + m.start(), offset + m.end()))
    dated_spans = [(d.start, d.end) for d in found]
    for m in _EVENT.finditer(text):
        start, end = offset + m.start(), offset + m.end()
        if not any(a < end and start < b for a, b in dated_spans if a is not None and b is not None):
            of_year = _OF_YEAR.match(text, m.end())
            year = _A_YEAR.search(m.group(0)) or of_year
            due = _last_day(int(year.group("year")), 12) if year else None
            if due is not None and meeting is not None and due < meeting.isoformat():
                due = None  # a year already over names the event, it sets no time
            phrase = text[m.start():of_year.end()] if of_year else m.group(0)
            found.append(Deadline(phrase, due, start, offset + m.start() + len(phrase)))
    return sorted(found, key=lambda d: d.start or 0)
