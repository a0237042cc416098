"""Country names, abbreviations and demonyms mapped to ISO 3166-1 alpha-3 codes.

Shared by metadata reading (parties) and actor resolution. Names that joint statements use
("the ROK", "U.S.", "the Republic of Korea", "Korean", "American") are data
(``data/countries.toml``); every other country's short ISO 3166 name comes from pycountry. Mentions
are found by a spaCy PhraseMatcher over those names (``CountryMatcher``).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, cast

import pycountry

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

_DATA = tomllib.loads(resources.files("pledgetrack.data").joinpath("countries.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Organisation:
    """A group that issues statements as one party ("we, the Leaders of the G7"): the names
    documents call it by, its members (ISO codes; the EU has none, "EU" is the spec's convention)
    and the dates members joined after the founding."""

    name: str
    names: tuple[str, ...]
    members: tuple[str, ...]
    series: str
    joined: dict[str, str] = field(default_factory=dict)

    def members_on(self, date: str | None) -> list[str]:
        """Sorted members on ``date`` (YYYY-MM-DD, "2019-00-00" for a year); every member when unknown."""
        return sorted(m for m in self.members if not date or self.joined.get(m, "") <= date)


ORGANISATIONS: dict[str, Organisation] = {
    key: Organisation(key, tuple(v["names"]), tuple(v["members"]), v["series"], dict(v.get("joined", {})))
    for key, v in _DATA["organisations"].items()}
_ORGANISATION_NAMES = re.compile(
    r"(?<!\w)(" + "|".join(sorted((re.escape(n) for o in ORGANISATIONS.values() for n in o.names), key=len, reverse=True))
    + r")(?!\w)")
_BY_NAME = {n: o for o in ORGANISATIONS.values() for n in o.names}


GROUP_LISTED = 5  # a party list this long or longer names a whole organisation by its name


def party_list(codes: list[str] | tuple[str, ...]) -> str:
    """Parties as a reader names them: a whole organisation's membership by its name and size,
    the others as codes ("NATO (32)", "ASEAN (11), CHN"); a short list as its codes."""
    wanted = set(codes)
    best: tuple[Organisation, frozenset[str]] | None = None
    if len(wanted) >= GROUP_LISTED:
        for org in ORGANISATIONS.values():
            for date in ("0000-00-00", *sorted(org.joined.values())):
                members = frozenset(org.members_on(date))
                if members <= wanted and (best is None or len(members) > len(best[1])):
                    best = (org, members)
    if best is None:
        return ", ".join(sorted(wanted))
    org, members = best
    name = f"{org.name} ({len(members)})" if org.joined else org.name  # the size where it changed over time
    return ", ".join([name, *sorted(wanted - members)])


def find_organisations(text: str) -> list[tuple[int, int, Organisation]]:
    """Mentions of the organisations of ``data/countries.toml`` as (start, end, organisation);
    names match as written ("Quad", not "quad")."""
    return [(m.start(), m.end(), _BY_NAME[m.group(1)]) for m in _ORGANISATION_NAMES.finditer(text)]


# Who holds a bare title ("the Secretary") when the document does not say (see data/countries.toml).
ROLE_HOLDERS: dict[str, list[str]] = {k: list(v) for k, v in _DATA.get("roles", {}).items()}
# Capitals by name, for their governments as an act's subject ("Seoul and Washington agreed").
CAPITALS: dict[str, str] = dict(_DATA.get("capitals", {}))
# The one government whose office a full title names ("secretary of defense": USA).
OFFICE_HOLDERS: dict[str, str] = dict(_DATA.get("offices", {}))
# The countries a regional adjective names ("European", "Nordic"), for "the European members".
REGIONS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _DATA.get("regions", {}).items()}
_ALIASES: dict[str, str] = {name: code for code, names in _DATA["aliases"].items() for name in names}
# ISO 3166 names that are also common words or places inside other countries.
_AMBIGUOUS_NAMES = {"georgia", "jordan", "chad", "niger", "jersey", "guernsey", "dominica", "guinea",
                    "mali", "oman", "man", "cuba", "peru", "guam"}  # Guam: a U.S. territory, a place forces move to


def _iso_names() -> dict[str, str]:
    """English names of every ISO 3166 country, short and official ("Finland", "Bolivia", "the
    French Republic", "the Republic of India"), for mention search."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (getattr(c, "common_name", None) or c.name, getattr(c, "official_name", None)):
            key = (name or "").lower()
            if key and "," not in key and "(" not in key and len(key) >= 4 and key not in _AMBIGUOUS_NAMES:
                out.setdefault(key, c.alpha_3)
    return out


_MENTION_NAMES = {**_iso_names(), **_ALIASES}


# How the statements themselves name these parties in short.
_SHORT_NAMES = {"USA": "U.S.", "KOR": "ROK", "PRK": "DPRK", "GBR": "UK", "EU": "EU", "ARE": "UAE"}


@lru_cache(maxsize=512)
def display_name(code: str) -> str:
    """A party's short name for series and reasons ("U.S.", "ROK", "Japan", "New Zealand"):
    the statements' own short form, else the first name of ``[aliases]``, else ISO's."""
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    names = _DATA["aliases"].get(code)
    if names:
        return " ".join(w if w.isupper() else w.capitalize() for w in names[0].split())
    found = pycountry.countries.get(alpha_3=code)
    return str(getattr(found, "common_name", None) or found.name) if found else code


@lru_cache(maxsize=4096)
def to_iso3(name: str) -> str | None:
    """The ISO alpha-3 code (or "EU") for a country name, abbreviation or demonym, else None."""
    key = re.sub(r"\s+", " ", name.strip().strip(".,;:")).lower()
    key = key.replace("\u2019", "'")
    if key.startswith("the "):
        key = key[4:]
    if not key:
        return None
    if key in _MENTION_NAMES:
        return _MENTION_NAMES[key]
    if key.replace(".", "") in {"us", "usa"}:
        return "USA"
    try:
        match = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return match.alpha_3


class CountryMatcher:
    """Country mentions by a spaCy PhraseMatcher over the names of ``data/countries.toml`` and
    pycountry, on lowercase whole tokens ("Japan's", "U.S.-ROK" and "Korean-American" hold one
    mention a name), the longest name winning ("Republic of Korea" over "Korea")."""

    def __init__(self, names: dict[str, str], not_after: list[str]) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.util import compile_infix_regex, compile_suffix_regex

        self.nlp = spacy.blank("en")
        tokenizer = cast("Tokenizer", self.nlp.tokenizer)
        # "U.S.-Japan", "(ROK)-United States": a dash after a period or a bracket parts two names
        infixes = [*(self.nlp.Defaults.infixes or ()), r"(?:(?<=[A-Za-z]\.)|(?<=\)))[-\u2013\u2014/](?=[A-Za-z(])",
                   r"(?<=[A-Za-z.])\)(?=[-\u2013\u2014])"]
        suffixes = [*(self.nlp.Defaults.suffixes or ()), r"(?<=[A-Za-z]\.)[-\u2013\u2014]"]  # "U.S.- Japan"
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for name, code in names.items():
            if len(name) > 2 or name in {"eu", "uk"}:  # never the pronoun "us"
                # cut as the text would be: "U.S." is one token, "u.s." is not
                variants = {tuple(t.text for t in self.nlp.make_doc(v)): v for v in (name, name.upper(), name.title())}
                self.matcher.add(code, [self.nlp.make_doc(v) for v in variants.values()])
        self.not_after = {w.lower() for w in not_after}

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        from spacy.tokens import Doc, Span
        from spacy.util import filter_spans

        parsed = self.nlp.make_doc(text.replace("\u2019", "'"))
        kept = [t for t in parsed if not t.is_space]  # "United\nStates" is one name
        doc = Doc(self.nlp.vocab, words=[t.text for t in kept])
        out = []
        for span in filter_spans([Span(doc, s, e, label=k) for k, s, e in self.matcher(doc)]):
            after = re.match(r"[a-z]*", doc[span.end].lower_ if span.end < len(doc) else "")
            if after and after.group(0) in self.not_after:
                continue  # "Korean Peninsula", "Taiwan Strait"
            first, last = kept[span.start], kept[span.end - 1]
            before = parsed[first.i - 1] if first.i > 0 else None
            if before is not None and before.text.endswith(".") and not before.whitespace_:
                continue  # "x.Japan": inside a longer run of letters, as in a file name
            out.append((first.idx, last.idx + len(last.text), span.label_))
        return out


@lru_cache(maxsize=1)
def _matcher() -> CountryMatcher:
    return CountryMatcher(_MENTION_NAMES, list(_DATA["not_a_party_after"]["words"]))


CACHED_TEXT_CHARS = 2000  # phrases and sentences are looked up again and again; documents are not


@lru_cache(maxsize=8192)
def _find(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_matcher()(text))


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """Country mentions in ``text`` as (start, end, ISO code), leaving out "Korean Peninsula"."""
    return list(_find(text)) if len(text) <= CACHED_TEXT_CHARS else _matcher()(text)
