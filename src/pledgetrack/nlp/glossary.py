"""Builds the glossary of acronyms and short names that documents define in parentheses.

"Security Consultative Meeting (SCM)", "wartime operational control (OPCON)" and "the Panmunjom
Declaration on Peace, ... (Panmunjom Declaration)". The long form of an acronym is found with
the Schwartz-Hearst algorithm (the acronym's letters matched right to left in the preceding
words). A glossary built over a collection resolves an acronym in any of its documents.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..models import Document, GlossaryEntry

_PAREN = re.compile(r"\(([^()]{2,80})\)")
_ACRONYM = re.compile(r"^(?:the\s+)?([A-Z][A-Za-z0-9&/.\-]{1,14}(?: [A-Z][A-Z0-9&/.\-]{1,10})?)$")
_WORD = re.compile(r"[\w&'’.\-]+")
_FUNCTION_WORDS = {"and", "or", "of", "the", "for", "on", "in", "to", "a", "an", "with", "by", "at"}


def _schwartz_hearst(short: str, before: str) -> str | None:
    """The shortest tail of ``before`` that spells ``short`` (after Schwartz and Hearst).

    The long form starts at a word boundary (a space or a hyphen: "Japan-North Atlantic Treaty
    Organization (NATO)" gives "North Atlantic Treaty Organization") on a letter that is the
    acronym's first. A tail whose word initials spell the acronym comes first ("personal
    protective equipment (PPE)", not "protective equipment"; "Addis Ababa Action Agenda (AAAA)");
    failing that, inner letters count too ("operational control (OPCON)"), the last one inside the
    last word: "Non-Proliferation of Nuclear Weapons (NPT)" spells no NPT, so it gives nothing.
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2 or sum(c.isupper() for c in short) < 2:
        return None
    words = _WORD.findall(before)[-(min(len(letters) + 5, 2 * len(letters) + 2)):]
    tail = " ".join(words)
    starts = [i for i in reversed(_word_starts(tail))
              if tail[i].lower() == letters[0] and _opens_content_word(tail, i)]
    for initials_only in (True, False):  # "Addis Ababa Action Agenda" before "Ababa Action Agenda"
        for start in starts:
            candidate = tail[start:].strip(" ,;:")
            if len(candidate) > len(short) and _spells(letters, candidate, initials_only):
                return candidate
    return None


def _word_starts(text: str) -> list[int]:
    """Offsets where a word or a hyphenated part of one begins."""
    return [m.start() for m in re.finditer(r"(?<![^\s-])\w", text)]


def _spells(letters: list[str], long_form: str, initials_only: bool) -> bool:
    """Whether ``letters`` match ``long_form`` in order, the first on its first character.
    ``initials_only``: each on the first letter of a word or hyphen part (words may follow the last
    one: "Indo-Pacific Economic Framework for Prosperity"); otherwise the last in the last word."""
    allowed = set(_word_starts(long_form)) if initials_only else set(range(len(long_form)))
    last_word = long_form.rfind(" ") + 1
    text = long_form.lower()

    @cache
    def match(i: int, pos: int) -> bool:  # letters[i:] placed at or after pos
        if i == len(letters):
            return initials_only or pos > last_word
        return any(text[j] == letters[i] and j in allowed and match(i + 1, j + 1) for j in range(pos, len(text)))

    return text[0] == letters[0] and match(1, 1)


def _opens_content_word(text: str, i: int) -> bool:
    if i > 0 and text[i - 1].isalnum():
        return False
    word = re.split(r"[\s-]", text[i:], maxsplit=1)[0].lower()
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
