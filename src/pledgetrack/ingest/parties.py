"""The signatory parties: country pairs and lists in the heading and opening, the organisation
whose own statement it is ("We, the Leaders of the G7", "Chairman's Statement of the 44th ASEAN
Summit"), and the participants."""
from __future__ import annotations

import re

from pledgetrack.countries import find_countries, find_organisations
from pledgetrack.models import Participant

# What may stand between two linked party names: "A-B", "A, B, and the C", "A (ROK)–B".
# An office may stand before the next name: "the Prime Minister of Japan and the President of the U.S.".
_OFFICE = (r"(?:(?:(?:Vice\s+)?President|Prime\s+Minister|Chancellor|King|Queen|Emperor|Governments?|People)\s+of\s+"
           # a ministry or its head: "the (Federal) Ministry of Defence of the ...", "the Minister for Foreign Affairs of"
           r"|(?:Federal\s+)?(?:Ministry|Department|Minister|Secretary)\s+(?:of|for)\s+(?:[A-Z][\w'’]*\s+(?:and\s+)?){1,4}of\s+"
           # a state's formal name: "the Socialist Republic of", "the Kingdom of", "the Federative Republic of"
           r"|(?:[A-Z][\w'’]*\s+){0,3}(?:Republic|Kingdom|Federation|Commonwealth|Sultanate|Principality|State)\s+of\s+)"
           r"(?:the\s+)?")
_LINK = re.compile(
    rf"^\)?\s*(?:\(|[-–—]|,\s*(?:and\s+)?(?:the\s+)?|,?\s*and\s+(?:the\s+)?)\s*(?:{_OFFICE})?$")
# A heading that names an organisation with what it held or issued: its own statement.
_ISSUED = re.compile(r"\b(?:Summit|Communiqu|Leaders|Declaration|Statement|Chair|Meeting|Council|Ministerial)", re.I)
# The words before an organisation's name in the opening of its own statement: "We, the Leaders
# of the", "Heads of State and Government of the", "the Member States of the".
_MEMBERS_OF = re.compile(r"\b(?:leaders|members|government|allies|ministers|states|countries)\s+of\s+(?:the\s+)?$", re.I)
# An opening sentence in the group's own voice: "We, the Heads of State and Government of the 32 NATO Allies, ...".
_WE_THE = re.compile(r"^\s*(?:\d{1,3}[.)]\s+)?We,?\s+the\b[^.;]*$")
# A heading that names the one party whose statement it is: "European Council conclusions", "Japan's
# Statement on ...", "Statement by the Prime Minister of Japan".
_STATEMENT = r"(?:conclusions|statement|declaration|communiqu[eé]|press\s+release)"
_AUTHOR_BEFORE = re.compile(rf"^(?:['’]s)?\s+{_STATEMENT}\b", re.I)
_AUTHOR_AFTER = re.compile(rf"\b{_STATEMENT}\s+(?:issued\s+)?(?:by|of)\s+(?:the\s+)?(?:{_OFFICE})?$", re.I)
OPENING_CHARS = 600  # an organisation's opening names it in its first sentences


def find_parties(heading: str, opening: str, participants: list[Participant], date: str | None = None) -> list[str]:
    """Sorted ISO codes of the parties: the first run of linked party names in the heading, else
    the organisation the heading names as the issuer, else the one party it names as the author
    ("European Council conclusions"), else whichever comes first in the opening
    (a run of names or "the Leaders of <organisation>"); with the participants' countries.
    An organisation stands for its members on ``date``."""
    codes = _linked(heading, date)[1] or _issuer(heading, date)[1] or _author(heading)
    if not codes:
        found = [f for f in (_linked(opening, date), _issuer(opening[:OPENING_CHARS], date, opening=True)) if f[1]]
        codes = min(found, key=lambda f: f[0])[1] if found else []
    return sorted(set(codes) | {p.country for p in participants if p.country})


def _issuer(text: str, date: str | None, *, opening: bool = False) -> tuple[int, list[str]]:
    """Where ``text`` names an organisation as the issuer of the statement, and its members: a
    heading that names it with what it held or issued, an opening "the Leaders of <organisation>"
    or "We, the Leaders of the <organisation> members"."""
    if opening or _ISSUED.search(text):
        for start, _, org in find_organisations(text):
            if not opening or _MEMBERS_OF.search(text[:start]) or _WE_THE.match(text[:start]):
                return start, org.members_on(date)
    return len(text), []


def _author(heading: str) -> list[str]:
    """The one party a heading names as the author of its statement, if any."""
    for start, end, code in find_countries(heading):
        if _AUTHOR_BEFORE.match(heading[end:]) or _AUTHOR_AFTER.search(heading[:start]):
            return [code]
    return []


def _linked(text: str, date: str | None) -> tuple[int, list[str]]:
    """Where the first run of two or more party names joined by dashes, commas or "and" starts,
    and its codes (an organisation's name brings its members: "ASEAN-Japan")."""
    mentions = [(s, e, [code]) for s, e, code in find_countries(text)]
    mentions += [(s, e, org.members_on(date)) for s, e, org in find_organisations(text)]
    mentions.sort(key=lambda m: m[0])
    runs: list[list[tuple[int, int, list[str]]]] = []
    for mention in mentions:
        if runs and _LINK.match(text[runs[-1][-1][1]: mention[0]]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    for run in runs:
        codes = {code for _, _, found in run for code in found}
        if len(run) >= 2 and len(codes) >= 2:
            return run[0][0], sorted(codes)
    return len(text), []
