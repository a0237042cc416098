"""Country names, abbreviations and demonyms mapped to ISO 3166-1 alpha-3 codes.

Shared by metadata reading (parties) and actor resolution. Names that joint statements use
("the ROK", "U.S.", "the Republic of Korea", "Korean", "American") are data
(``data/countries.toml``); every other country's short ISO 3166 name comes from pycountry.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

import pycountry

_DATA = tomllib.loads(resources.files("pledgetrack.data").joinpath("countries.toml").read_text(encoding="utf-8"))
# Organisations that act as parties. The EU has no ISO code; "EU" is the convention of the spec.
ORGANISATIONS: dict[str, list[str]] = {k: list(v) for k, v in _DATA["organisations"].items()}
# Who holds a bare title ("the Secretary") when the document does not say (see data/countries.toml).
ROLE_HOLDERS: dict[str, list[str]] = {k: list(v) for k, v in _DATA.get("roles", {}).items()}
_ALIASES: dict[str, str] = {name: code for code, names in _DATA["aliases"].items() for name in names}
# ISO 3166 names that are also common words or places inside other countries.
_AMBIGUOUS_NAMES = {"georgia", "jordan", "chad", "niger", "jersey", "guernsey", "dominica", "guinea",
                    "mali", "oman", "man", "cuba", "peru"}


def _iso_names() -> dict[str, str]:
    """Short English names of every ISO 3166 country ("Finland", "Bolivia"), for mention search."""
    out = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        key = name.lower()
        if "," not in key and "(" not in key and len(key) >= 5 and key not in _AMBIGUOUS_NAMES:
            out[key] = c.alpha_3
    return out


_MENTION_NAMES = {**_iso_names(), **_ALIASES}

# Words that name a country only as part of a longer name ("Korean Peninsula").
_NOT_A_PARTY_AFTER = re.compile(r"^\s*(?:" + "|".join(_DATA["not_a_party_after"]["words"]) + r")\b")


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


def _alias_pattern() -> re.Pattern[str]:
    names = sorted({k for k in _MENTION_NAMES if len(k) > 2 or k in {"eu", "uk"}}, key=len, reverse=True)
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<![\w.])(?:{alts})(?![\w])", re.IGNORECASE)


_MENTION = _alias_pattern()


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """Country mentions in ``text`` as (start, end, ISO code), leaving out "Korean Peninsula"."""
    out = []
    for m in _MENTION.finditer(text):
        if _NOT_A_PARTY_AFTER.match(text[m.end():]):
            continue
        token = m.group(0)
        if token.lower() in {"us"} and token != "U.S.":
            continue
        code = to_iso3(token)
        if code:
            out.append((m.start(), m.end(), code))
    return out
