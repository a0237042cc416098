"""Words for comparing statements: content words, their Snowball stems, acronyms, numbers.

No model is needed: linking must work (and be fast) without one.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "which", "whose", "upon", "via", "such", "well", "including", "include", "includes", "included", "toward", "towards", "within", "without", "among", "amongst", "thereby", "two", "sides", "side", "minister", "secretary", "ministers", "leaders", "leader", "both", "nations", "nation", "country", "countries", "continue", "continued", "continuing", "continues", "further", "furthermore", "also"])

# Spellings and near-synonyms that name the same thing in joint statements, mapped to one stem.
SYNONYMS = {"defence": "defens", "military": "defens", "troop": "forc", "personnel": "forc",
            "implementation": "implement", "programme": "program"}

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-\.]*[A-Za-z0-9]|[A-Za-z]|\d[\d,\.]*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9\-&]{1,9}s?\b")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").translate(_QUOTES)


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a word: 'strengthening', 'strengthened' -> 'strengthen'."""
    w = word.lower().strip("'.-")
    if len(w) <= 3 or not w.isalpha():
        return w
    return str(_STEMMER.stemWord(w))


def words(text: str) -> list[str]:
    """Words as written, in order (quotes and dashes normalised)."""
    return list(_words(text))


@lru_cache(maxsize=32768)
def _words(text: str) -> tuple[str, ...]:
    # Linking reads the same statements again for each new document of its window.
    return tuple(_WORD.findall(normalize(text)))


def content_stems(text: str, acronyms: dict[str, str] | None = None) -> list[str]:
    """Stems of the content words of ``text``; an acronym also brings the stems of its expansion."""
    out: list[str] = []
    for w in words(text):
        lw = w.lower().replace("’", "'")
        if lw in STOPWORDS:
            continue
        if acronyms and w in acronyms:
            out.append(w.lower())
            out.extend(stem(x) for x in words(acronyms[w]) if x.lower() not in STOPWORDS)
            continue
        if w.isupper() and len(w) > 1:
            out.append(SYNONYMS.get(w.lower(), w.lower()))
            continue
        s = SYNONYMS.get(lw) or SYNONYMS.get(stem(lw)) or stem(lw)
        if len(s) > 1:
            out.append(s)
    return out


def acronyms_in(text: str) -> set[str]:
    return {a.rstrip("s") if a.endswith("s") and a[:-1].isupper() else a for a in _ACRONYM.findall(text or "")}
