"""Country names, abbreviations and demonyms mapped to ISO 3166-1 alpha-3 codes.

Shared by metadata reading (parties) and actor resolution. Names that joint statements use
("the ROK", "U.S.", "the Republic of Korea", "Korean", "American") are listed here; any other
country name is looked up in pycountry's ISO 3166 tables.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Organisations that act as parties. The EU has no ISO code; "EU" is the convention of the spec.
ORGANISATIONS: dict[str, list[str]] = {
    "G7": ["CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"],
    "Quad": ["AUS", "IND", "JPN", "USA"],
}

_ALIASES: dict[str, str] = {
    # United States
    "united states": "USA", "united states of america": "USA", "u.s.": "USA", "us": "USA",
    "u.s.a.": "USA", "usa": "USA", "america": "USA", "american": "USA", "americans": "USA",
    # Republic of Korea
    "republic of korea": "KOR", "rok": "KOR", "south korea": "KOR", "korea": "KOR",
    "korean": "KOR", "south korean": "KOR",
    # DPRK
    "democratic people's republic of korea": "PRK", "dprk": "PRK", "north korea": "PRK",
    "north korean": "PRK",
    # Others frequent in alliance texts
    "japan": "JPN", "japanese": "JPN",
    "australia": "AUS", "australian": "AUS", "india": "IND", "indian": "IND",
    "china": "CHN", "prc": "CHN", "people's republic of china": "CHN", "chinese": "CHN",
    "russia": "RUS", "russian federation": "RUS", "russian": "RUS",
    "united kingdom": "GBR", "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR",
    "british": "GBR", "france": "FRA", "french": "FRA", "germany": "DEU", "german": "DEU",
    "italy": "ITA", "italian": "ITA", "canada": "CAN", "canadian": "CAN",
    "european union": "EU", "eu": "EU",
    "taiwan": "TWN", "vietnam": "VNM", "viet nam": "VNM", "iran": "IRN", "ukraine": "UKR",
    "philippines": "PHL", "the philippines": "PHL", "new zealand": "NZL", "indonesia": "IDN",
    "singapore": "SGP", "myanmar": "MMR", "burma": "MMR", "afghanistan": "AFG",
    "south africa": "ZAF", "brazil": "BRA", "mexico": "MEX", "turkey": "TUR", "türkiye": "TUR",
}

# Words that name a country only as part of a longer name ("Korean Peninsula").
_NOT_A_PARTY_AFTER = re.compile(r"^\s*(Peninsula|War|Armistice|Strait)\b")


@lru_cache(maxsize=4096)
def to_iso3(name: str) -> str | None:
    """The ISO alpha-3 code (or "EU") for a country name, abbreviation or demonym, else None."""
    key = re.sub(r"\s+", " ", name.strip().strip(".,;:")).lower()
    key = key.replace("\u2019", "'")
    if key.startswith("the "):
        key = key[4:]
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    if key.replace(".", "") in {"us", "usa"}:
        return "USA"
    try:
        match = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return match.alpha_3


def _alias_pattern() -> re.Pattern[str]:
    names = sorted({k for k in _ALIASES if len(k) > 2 or k in {"eu", "uk"}}, key=len, reverse=True)
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
