"""Which meeting series a statement belongs to, and its number: "51st SCM" -> ("SCM", 51)."""
from __future__ import annotations

import re

from pledgetrack.countries import ORGANISATIONS

_ORDINAL_WORDS = {
    "inaugural": 1, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
_ORDINAL = r"(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(_ORDINAL_WORDS) + ")"
# (series name, the body's name as written, its acronym)
_BODIES = [
    ("SCM", r"Security\s+Consultative\s+Meeting", "SCM"),
    ("2+2", r"Security\s+Consultative\s+Committee|\(?2\s*\+\s*2\)?", "SCC"),
    ("NCG", r"Nuclear\s+Consultative\s+Group", "NCG"),
]
_DISPLAY = {"USA": "U.S.", "KOR": "ROK", "JPN": "Japan", "AUS": "Australia", "IND": "India"}
_LEADERS_HEADING = re.compile(r"\bleaders\b", re.I)
_LEADERS_OPENING = re.compile(r"\b(?:we,? the leaders\b|(?:President|Prime Minister)\s+[A-Z])")
_GENERIC = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,3}(?:Meeting|Dialogue|Summit|Talks))\b")


def find_series(heading: str, opening: str, parties: list[str]) -> tuple[str | None, int | None]:
    """Series name and number from the heading and opening (generic bodies first, then by parties)."""
    first_sentence = re.split(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])", opening, maxsplit=1)[0]
    for series, body, acronym in _BODIES:
        for text in (heading, first_sentence):
            found = re.search(rf"\b(?:{body}|{acronym})\b", text, re.I)
            if found:
                return _qualify(series, parties), _number(text, found.start())
    members = set(parties)
    if members >= set(ORGANISATIONS["G7"]):
        return "G7 Summit", None
    leaders = bool(_LEADERS_HEADING.search(heading) or _LEADERS_OPENING.search(opening[:1500]))
    if members == set(ORGANISATIONS["Quad"]) and (leaders or re.search(r"\bQuad\b", heading + opening)):
        return "Quad Leaders", None
    if leaders and len(members) == 3:
        return "Trilateral Leaders", None
    if leaders and len(members) == 2:
        return f"{_pair(parties)} Leaders' Joint Statement", None
    generic = _GENERIC.search(heading)
    return (generic.group(1), None) if generic else (None, None)


def _qualify(series: str, parties: list[str]) -> str:
    """A body shared by several alliances ("2+2") is named with its pair: "U.S.-Japan 2+2"."""
    return f"{_pair(parties)} {series}" if series == "2+2" and len(parties) == 2 else series


def _pair(parties: list[str]) -> str:
    ordered = sorted(parties, key=lambda p: (p != "USA", p))
    return "-".join(_DISPLAY.get(p, p) for p in ordered)


def _number(text: str, body_start: int) -> int | None:
    """The ordinal just before the body's name ("51st ROK-U.S. Security ..."), within 80 characters."""
    window = text[max(0, body_start - 80): body_start]
    found = list(re.finditer(_ORDINAL, window, re.I))
    if not found:
        return None
    last = found[-1]
    return int(last.group("num")) if last.group("num") else _ORDINAL_WORDS[last.group("word").lower()]
