"""Builds the glossary of acronyms and short names that documents define in parentheses.

"Security Consultative Meeting (SCM)", "wartime operational control (OPCON)" and "the Panmunjom
Declaration on Peace, ... (Panmunjom Declaration)". The long form of an acronym is found with
the Schwartz-Hearst algorithm (the acronym's letters matched right to left in the preceding
words). A glossary built over a collection resolves an acronym in any of its documents.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Document, GlossaryEntry

_PAREN = re.compile(r"\(([^()]{2,80})\)")
_ACRONYM = re.compile(r"^(?:the\s+)?([A-Z][A-Za-z0-9&/.\-]{1,14}(?: [A-Z][A-Z0-9&/.\-]{1,10})?)$")
_WORD = re.compile(r"[\w&'’.\-]+")
_FUNCTION_WORDS = {"and", "or", "of", "the", "for", "on", "in", "to", "a", "an", "with", "by", "at"}


def _schwartz_hearst(short: str, before: str) -> str | None:
    """The shortest tail of ``before`` whose words spell ``short`` (letters right to left).

    The first letter must open a word that is not a function word: in "Acquisition and
    Cross-Servicing Agreement (ACSA)" the first A is "Acquisition", not "and".
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2 or sum(c.isupper() for c in short) < 2:
        return None
    words = _WORD.findall(before)[-(min(len(letters) + 5, 2 * len(letters) + 2)):]
    if not words:
        return None
    long_form = " ".join(words)
    s_idx, l_idx = len(letters) - 1, len(long_form) - 1
    while s_idx >= 0:
        c = letters[s_idx]
        while l_idx >= 0 and (long_form[l_idx].lower() != c or (s_idx == 0 and not _opens_content_word(long_form, l_idx))):
            l_idx -= 1
        if l_idx < 0:
            return None
        s_idx -= 1
        l_idx -= 1
    start = long_form.rfind(" ", 0, l_idx + 1) + 1
    candidate = long_form[start:].strip(" ,;:")
    return candidate if len(candidate) > len(short) else None


def _opens_content_word(text: str, i: int) -> bool:
    if i > 0 and text[i - 1].isalnum():
        return False
    word = text[i:].split(" ", 1)[0].lower()
    return word not in _FUNCTION_WORDS


def _short_name(short: str, before: str) -> str | None:
    """ "the Panmunjom Declaration on ... (Panmunjom Declaration)": the name the short form opens."""
    short = re.sub(r"^the\s+", "", short.strip(), flags=re.I)
    words = short.split()
    if len(words) < 2 or not all(w[0].isupper() or w.lower() in {"of", "on", "for", "and"} for w in words):
        return None
    starts = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(words[0])}(?![\w-])", before)]
    if not starts or len(before) - starts[-1] > 300:
        return None
    long_form = before[starts[-1]:].strip(" ,;")
    if re.search(r"[()]|[.;:]\s", long_form):
        return None  # the name would run across a sentence or a parenthesis
    return long_form if long_form != short and len(long_form) > len(short) else None


def find_definitions(doc: Document) -> list[GlossaryEntry]:
    """The acronyms and short names defined in one document, in textual order."""
    out: list[GlossaryEntry] = []
    text = doc.text
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        before = text[max(0, m.start() - 400): m.start()]
        before = before.split("\n")[-1]
        acronym = _ACRONYM.match(inner)
        expansion = _schwartz_hearst(acronym.group(1), before) if acronym else _short_name(inner, before)
        if expansion:
            key = acronym.group(1) if acronym else re.sub(r"^the\s+", "", inner, flags=re.I)
            out.append(GlossaryEntry(key, expansion, doc.name, m.start()))
    return out


class Glossary:
    """Definitions across a collection: the first definition of each term wins."""

    def __init__(self, entries: Iterable[GlossaryEntry] = ()) -> None:
        self.entries: dict[str, GlossaryEntry] = {}
        self._pattern: re.Pattern[str] | None = None
        for entry in entries:
            self.add(entry)

    def add(self, entry: GlossaryEntry) -> None:
        if entry.acronym not in self.entries:
            self.entries[entry.acronym] = entry
            self._pattern = None

    def _terms_pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.entries:
            terms = sorted(self.entries, key=len, reverse=True)
            self._pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, terms)) + r")(?![\w-])")
        return self._pattern

    def expand(self, term: str) -> str | None:
        """The long form of ``term``, if any document of the collection defines it."""
        entry = self.entries.get(term)
        return entry.expansion if entry else None

    def terms_in(self, text: str) -> dict[str, str]:
        """The glossary terms that occur in ``text`` with their long forms."""
        pattern = self._terms_pattern()
        if pattern is None:
            return {}
        return {m.group(0): self.entries[m.group(0)].expansion for m in pattern.finditer(text)}

    def __len__(self) -> int:
        return len(self.entries)


def build_glossary(docs: Iterable[Document]) -> Glossary:
    """The glossary of a collection, documents taken in the given order."""
    return Glossary(entry for doc in docs for entry in find_definitions(doc))
