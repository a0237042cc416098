"""The signatory parties: country pairs and lists in the heading and opening, and the participants."""
from __future__ import annotations

import re

from pledgetrack.countries import ORGANISATIONS, find_countries
from pledgetrack.models import Participant

_G7_LEADERS = re.compile(r"\b(?:leaders|members)\s+of\s+the\s+(?:Group\s+of\s+Seven|G7)\b", re.I)
_G7_HEADING = re.compile(r"\b(?:G7|Group\s+of\s+Seven)\b.*\b(?:Summit|Communiqu|Leaders)", re.I)
# What may stand between two linked country names: "A-B", "A, B, and the C", "A (ROK)–B".
_LINK = re.compile(r"^\)?\s*(?:\(|[-–—]|,\s*(?:and\s+)?(?:the\s+)?|,?\s*and\s+(?:the\s+)?)\s*$")


def find_parties(heading: str, opening: str, participants: list[Participant]) -> list[str]:
    """Sorted ISO codes of the parties; the G7 with the EU when "the Leaders of the Group of Seven"."""
    if _G7_HEADING.search(heading) or _G7_LEADERS.search(opening[:600]):
        return sorted(ORGANISATIONS["G7"] + ["EU"])
    codes = set(_linked_countries(heading)) or set(_linked_countries(opening))
    codes.update(p.country for p in participants if p.country)
    return sorted(codes)


def _linked_countries(text: str) -> list[str]:
    """The first run of two or more countries joined by dashes, commas or "and"."""
    mentions = find_countries(text)
    runs: list[list[tuple[int, int, str]]] = []
    for mention in mentions:
        if runs and _LINK.match(text[runs[-1][-1][1]: mention[0]]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    for run in runs:
        codes = {code for _, _, code in run}
        if len(codes) >= 2:
            return sorted(codes)
    return []
