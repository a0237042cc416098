"""An English word list for repairing hyphenation: the installed spaCy model's string store."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import spacy.util

_SUFFIXES = (
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ing", "ings",
    "ance", "ances", "ence", "ences", "ally", "ical", "ive", "ives", "ous", "ized", "izing",
    "ization", "izations", "able", "ible", "ure", "ures", "ary", "ory", "ated", "ating",
    "ation", "ations", "ational", "tional", "ional", "ism", "isms", "ist", "ists",
)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-cased words known to an installed spaCy English pipeline (empty when none is)."""
    words: set[str] = set()
    for package in sorted(spacy.util.get_installed_models()):
        if not package.startswith("en_"):
            continue
        try:
            root = spacy.util.get_package_path(package)
        except (ImportError, OSError):
            continue
        for strings in sorted(root.glob("**/vocab/strings.json")):
            words.update(s.lower() for s in _load(strings) if s.isalpha())
    return frozenset(words)


def _load(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [s for s in data if isinstance(s, str)]


def is_suffix(fragment: str) -> bool:
    """True for a bare word ending ("tional", "ment") that cannot stand as a word of its own."""
    return fragment.lower() in _SUFFIXES
