"""Finds the agreements a statement refers to and gives each one name across spellings.

"Panmunjom Declaration on Peace, ... (Panmunjom Declaration)" and "Panmunjeom Declaration for
Peace, Prosperity and Unification of the Korean Peninsula" are one agreement: the name is cut
to its short form (the words up to the type word: "Declaration", "Treaty", ...), party
prefixes are dropped ("U.S.-ROK Mutual Defense Treaty"), and romanisation variants of Korean
names (jeo/jo, yeo/yo) fold together. Acronyms resolve through the collection's glossary.
"""
from __future__ import annotations

import re

from .glossary import Glossary

TYPE_WORDS = ("Declaration", "Agreement", "Treaty", "Accord", "Accords", "Communiqué", "Communique",
              "Principles", "Guidelines", "Plan", "Strategy", "Vision", "Charter", "Convention",
              "Protocol", "Framework", "Arrangement", "Resolution", "Resolutions", "Statement",
              "Pact", "Understanding", "Roadmap", "Consensus", "Commitment")
_NAME_WORD = r"(?:[A-Z][\w'’.&]*(?:-[A-Z\w.]+)*|\d+(?:st|nd|rd|th)?|of|on|for|and|to|the)"
_AGREEMENT = re.compile(
    rf"\b(?P<name>(?:[A-Z][\w'’.&]*(?:-[\w.]+)*\s+)(?:{_NAME_WORD}\s+){{0,6}}?(?:{'|'.join(TYPE_WORDS)}))\b"
)
_UN_RESOLUTIONS = re.compile(r"\b(?:UN|United Nations)\s+Security\s+Council\s+[Rr]esolutions?\b|\bUNSCRs?\b")
_PARTY_PREFIX = re.compile(r"^(?:(?:the|The)\s+)?(?:(?:ROK|U\.S\.|US|Japan|Korea|United States|Republic of Korea)"
                           r"(?:\s*[-–]\s*(?:ROK|U\.S\.|US|Japan|Korea|DPRK))*\s+)")
_LEADING = re.compile(r"^(?:The|A|An|This|These|Our|Its|Their|In|At|On|Both|Since|With|Under)\s+")
_GENERIC = {"joint statement", "statement", "plan", "strategy", "vision", "framework", "agreement",
            "principles", "commitment", "understanding", "consensus", "resolution", "resolutions"}


def _fold(name: str) -> str:
    """A spelling-insensitive key: lowercase, romanisation variants folded, punctuation gone."""
    key = _fold_word(name).lower()
    return re.sub(r"[^a-z0-9]+", " ", key).strip()


def canonical_name(name: str, glossary: Glossary | None = None) -> str:
    """The display name of an agreement; equal for spellings of one agreement."""
    if glossary is not None and (long := glossary.expand(name)):
        name = long
    name = _LEADING.sub("", name.strip())
    name = _PARTY_PREFIX.sub("", name)
    for word in TYPE_WORDS:
        idx = name.find(f" {word}")
        if idx >= 0:
            name = name[: idx + len(word) + 1]
            break
    return " ".join(_fold_word(w) for w in name.split())


def _fold_word(word: str) -> str:
    """A word with its romanisation folded ("Panmunjeom" -> "Panmunjom"), case kept otherwise."""
    return re.sub(r"(?<=[jy])eo", "o", word)


def find_agreements(text: str, glossary: Glossary | None = None) -> list[str]:
    """Canonical names of the agreements mentioned in ``text``, each once, in textual order."""
    found: dict[str, str] = {}
    for m in _UN_RESOLUTIONS.finditer(text):
        found.setdefault("un security council resolutions", "UN Security Council resolutions")
    for m in _AGREEMENT.finditer(text):
        name = canonical_name(m.group("name"), glossary)
        if _fold(name) in _GENERIC or len(name.split()) < 2:
            continue
        found.setdefault(_fold(name), name)
    if glossary is not None:
        for term, long in glossary.terms_in(text).items():
            if any(long.endswith(w) or f" {w} " in f" {long} " for w in TYPE_WORDS):
                name = canonical_name(long)
                if _fold(name) not in _GENERIC:
                    found.setdefault(_fold(name), name)
    return list(found.values())
