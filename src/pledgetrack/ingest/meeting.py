"""When and where the meeting took place, read from the heading and opening sentences."""
from __future__ import annotations

import re

from pledgetrack.countries import to_iso3
from pledgetrack.ingest.dates import DateMention, find_dates

_MEETING_VERB = re.compile(
    r"\b(?:held|convened?|met|meet|meeting|gathered|assembled|took place|summit)\b", re.IGNORECASE
)
_PLACE = r"(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]+){0,2}(?:,?\s+D\.?\s?C\.?|,\s+[A-Z][a-z]+(?=\s+(?:on|to|for|in)\b))?)"
_PLACE_AFTER_VERB = re.compile(
    rf"\b(?:held|convened?|met|meet|meeting|gathered|assembled|took place|hosted)\b[^.;]{{0,60}}?\b(?:in|at)\s+(?:the\s+)?{_PLACE}"
)
_PLACE_BEFORE_DATE = re.compile(rf"\bin\s+{_PLACE},?\s+on\s+[A-Z]")
_PLACE_AFTER_DATE = re.compile(rf"^[,.]?\s*{_PLACE}\s*\)?$")  # "November 2. 2015, Seoul"
_PLACE_BEFORE_HEADING_DATE = re.compile(r"(?<![\w-])(?P<place>[A-Z][a-z]+(?:,?\s+D\.?\s?C\.?)?),\s*$")  # "(Seoul, October 2, 2013)"
# A line that is only the place and the date: "New York, 22 September 2023", "Labuan Bajo, Indonesia, 10-11 May 2023".
_PLACE_LINE_BEFORE_DATE = re.compile(
    r"^\s*(?P<place>(?:[A-Z][a-z]+[ \t]+){0,2}[A-Z][a-z]+(?:,[ \t]+(?:[A-Z][a-z]+[ \t]+)?[A-Z][a-z]+)?),\s*$")
_WEEKDAY_AT_END = re.compile(r"(?:,\s*|\s+)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*$")
_NOT_PLACES = frozenset({"The", "This", "Today", "Person", "Order", "Line", "Addition", "Particular", "Joint", "Statement",
                         "Declaration", "Press", "Fact"})


def meeting_date(heading: str, opening: str) -> DateMention | None:
    """The heading's date, else the first date in a sentence about the meeting, else None."""
    dates = find_dates(heading)
    if dates:
        return dates[0]
    for sentence in _sentences(opening):
        verb = _MEETING_VERB.search(sentence)
        if verb:
            dates = find_dates(sentence)
            if dates:
                after = [d for d in dates if d.start >= verb.start()]
                return (after or dates)[0]
    return None


def meeting_place(heading: str, opening: str) -> str | None:
    """The place next to the heading's date, or after "held in" / "convened at" / "in X on"."""
    for date in find_dates(heading):
        before = heading[: date.start].rsplit("(", 1)[-1].split("\n")[-1]
        before = _WEEKDAY_AT_END.sub(", ", before[-40:].split("  ")[-1])  # "Tokyo, Tuesday, 22 October"
        for pattern, side in ((_PLACE_AFTER_DATE, heading[date.end:].split("\n")[0]), (_PLACE_LINE_BEFORE_DATE, before),
                              (_PLACE_BEFORE_HEADING_DATE, before)):
            m = pattern.search(side.strip())
            place = _city_and_country(m.group("place")) if m else ""
            if m and place.split()[0] not in _NOT_PLACES:
                return normalize_place(place)
    for sentence in _sentences(opening):
        for pattern in (_PLACE_AFTER_VERB, _PLACE_BEFORE_DATE):
            m = pattern.search(sentence)
            place = m.group("place") if m else ""
            if m and place.split()[0] not in _NOT_PLACES and not find_dates(place) and not re.search(r"[-–]", place):
                return normalize_place(m.group("place"))
    return None


def _city_and_country(place: str) -> str:
    """"Labuan Bajo, Indonesia" as it is; of "Joint Statement, Washington" only the last part, the
    part after a comma being no country."""
    head, comma, tail = place.rpartition(", ")
    if not comma or tail.startswith("D.") or to_iso3(tail):
        return place
    return tail


def normalize_place(place: str) -> str:
    """"Washington D.C." and "Washington, DC" as "Washington, D.C."; trailing commas dropped."""
    place = re.sub(r",?\s+D\.?\s?C\.?$", ", D.C.", place.strip())
    return place if place.endswith("D.C.") else place.rstrip(",;.")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[a-z0-9)”\"][.!?])\s+(?=[A-Z])", text) if s.strip()]
