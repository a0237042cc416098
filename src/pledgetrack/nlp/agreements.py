"""Finds the agreements a statement refers to and gives each one name across spellings.

"Panmunjom Declaration on Peace, ... (Panmunjom Declaration)" and "Panmunjeom Declaration for
Peace, Prosperity and Unification of the Korean Peninsula" are one agreement: the name is cut
to its short form (the words up to the type word: "Declaration", "Treaty", ...), party
prefixes are dropped ("U.S.-ROK Mutual Defense Treaty"), and romanisation variants of Korean
names (jeo/jo, yeo/yo) fold together. Acronyms resolve through the collection's glossary.
"""
from __future__ import annotations

import re

from ..countries import find_countries
from .glossary import Glossary

TYPE_WORDS = ("Declaration", "Agreement", "Treaty", "Accord", "Accords", "Communiqué", "Communique",
              "Principles", "Guidelines", "Plan", "Strategy", "Vision", "Charter", "Convention",
              "Protocol", "Framework", "Arrangement", "Resolution", "Resolutions", "Statement",
              "Pact", "Understanding", "Roadmap", "Consensus", "Commitment")
_NAME_WORD = r"(?:[A-Z][\w'’.&]*(?:-[A-Z\w.]+)*|\d+(?:st|nd|rd|th)?|of|on|for|and|to|the)"
_AGREEMENT = re.compile(
    rf"\b(?P<name>(?:[A-Z][\w'’.&]*(?:-[\w.]+)*\s+)(?:{_NAME_WORD}\s+){{0,6}}(?:{'|'.join(TYPE_WORDS)}))\b"
)
# A name that opens with its type word: "the Declaration on the Conduct of Parties in the South
# China Sea", "the Treaty on the Non-Proliferation of Nuclear Weapons" (what it is about in capitals).
_LEADING_TYPE = re.compile(
    r"\b(?P<name>(?:Declaration|Agreement|Treaty|Convention|Protocol|Charter|Accord|"
    r"Arrangement)\s+(?:on|of|for|between)\s+(?:the\s+)?[A-Z][A-Za-z'’-]*(?:\s+(?:(?:of|on|for|and|in|the|to)\s+)*"
    r"[A-Z][A-Za-z'’-]*){0,8})(?![\w-])")
_UN_RESOLUTIONS = re.compile(r"\b(?:UN|United Nations)\s+Security\s+Council\s+[Rr]esolutions?\b|\bUNSCRs?\b")
_ARTICLE = re.compile(r"^(?:the|The)\s+")
_LEADING = re.compile(r"^(?:The|A|An|This|These|Our|Its|Their|In|At|On|Both|Since|With|Under|the|a|an)\s+")
_AND = re.compile(r",?\s+and\s+(?:the\s+)?")
_CONNECTORS = {"of", "on", "for", "to", "and", "between", "in", "at"}
_GENERIC = {"joint statement", "statement", "plan", "strategy", "vision", "framework", "agreement",
            "principles", "commitment", "understanding", "consensus", "resolution", "resolutions"}


def agreement_key(name: str) -> str:
    """The registry key of an agreement: equal for "Five-Point Consensus" and "Five Point Consensus"."""
    return _fold(name)


def _fold(name: str) -> str:
    """A spelling-insensitive key: lowercase, romanisation variants folded, punctuation gone."""
    key = _fold_word(name).lower()
    return re.sub(r"[^a-z0-9]+", " ", key).strip()


def canonical_name(name: str, glossary: Glossary | None = None) -> str:
    """The display name of an agreement; equal for spellings of one agreement."""
    if glossary is not None and (long := glossary.expand(name)):
        name = long
    name = _LEADING.sub("", name.strip())
    name = _strip_party_prefix(name)
    name = _short_form(name)
    if " and " in name:  # "Convention on Climate Change and the Paris Agreement" -> "Paris Agreement"
        name = _LEADING.sub("", name.rsplit(" and ", 1)[1])
    return " ".join(_fold_word(w) for w in name.split())


def _strip_party_prefix(name: str) -> str:
    """The name without the parties that open it: "U.S.-ROK Mutual Defense Treaty", "Australia-UK
    Defence Agreement" -> "Mutual Defense Treaty", "Defence Agreement" (any country, any order)."""
    rest = _ARTICLE.sub("", name)
    pos = 0
    for start, end, _ in find_countries(rest):
        if rest[pos:start].strip(" -–") or start < pos:
            break
        pos = end
    if pos == 0:
        return name
    tail = rest[pos:].lstrip(" -–")
    return tail if tail and tail[0].isupper() and tail not in TYPE_WORDS else name


def _short_form(name: str) -> str:
    """The name up to its type word: "Panmunjom Declaration on Peace, ..." -> "Panmunjom Declaration",
    "UN Framework Convention on Climate Change" -> "UN Framework Convention"."""
    words = name.split()
    head = next((k for k, w in enumerate(words) if w in _CONNECTORS and k > 0), len(words))
    types = [k for k, w in enumerate(words[:head]) if w.strip(",") in TYPE_WORDS]
    if types and types[-1] > 0:
        return " ".join(words[: types[-1] + 1]).strip(",")
    later = [k for k, w in enumerate(words) if w.strip(",") in TYPE_WORDS]
    return " ".join(words[: later[0] + 1]).strip(",") if later and later[0] > 0 else name


def _fold_word(word: str) -> str:
    """A word with its romanisation folded ("Panmunjeom" -> "Panmunjom"), case kept otherwise."""
    return re.sub(r"(?<=[jy])eo", "o", word)


def _named_before(text: str, start: int) -> bool:
    """Whether a capitalised word stands right before ``start`` ("Panmunjom Declaration on ..."):
    then the name begins there, not at its type word."""
    before = text[:start].rstrip().rsplit(None, 1)
    word = before[-1].lstrip("\"“‘'(") if before else ""
    return word[:1].isupper() and word not in ("The", "A", "An")


def find_agreements(text: str, glossary: Glossary | None = None) -> list[str]:
    """Canonical names of the agreements mentioned in ``text``, each once, in textual order."""
    found: dict[str, str] = {}
    if _UN_RESOLUTIONS.search(text):
        found.setdefault("un security council resolutions", "UN Security Council resolutions")
    leading = [m for m in _LEADING_TYPE.finditer(text) if not _named_before(text, m.start())]
    for m in sorted([*_AGREEMENT.finditer(text), *leading], key=lambda m: m.start()):
        for part in _AND.split(m.group("name")):  # "the Mutual Defense Treaty and the Armistice Agreement"
            if not any(w.strip(",") in TYPE_WORDS for w in part.split()):
                continue
            name = canonical_name(part, glossary)
            if _fold(name) not in _GENERIC and len(name.split()) >= 2:
                found.setdefault(_fold(name), name)
    if glossary is not None:
        for long in glossary.terms_in(text).values():
            if any(long.endswith(w) or f" {w} " in f" {long} " for w in TYPE_WORDS):
                name = canonical_name(long)
                key = _fold(name)  # "Digital Economy Framework Agreement" of "the ASEAN Digital Economy ..."
                if key not in _GENERIC and not any(k == key or k.endswith(" " + key) for k in found):
                    found.setdefault(key, name)
    return list(found.values())
