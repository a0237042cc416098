"""Finds hedges that soften a statement ("seek to", "explore", "as appropriate").

The phrases are data (``data/hedges.toml``): PhraseMatchers on lowercase tokens; the modals
count only as modal verbs (tag ``MD``: "may", not the month).
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=8)
def load_hedges(name: str = "hedges.toml") -> dict[str, list[str]]:
    """The hedge lists of a data file of the package."""
    text = resources.files("pledgetrack.data").joinpath(name).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {"phrases": list(data.get("phrases", [])), "modals": list(data.get("modals", []))}


class HedgeMatcher:
    """Hedges of a parsed text as (start token, end token, phrase lowercased)."""

    def __init__(self, vocab: Vocab, patterns: str = "hedges.toml") -> None:
        lists = load_hedges(patterns)
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.phrases.add("HEDGE", [Doc(vocab, words=p.split()) for p in lists["phrases"]])
        self.modals = PhraseMatcher(vocab, attr="LOWER")
        self.modals.add("MODAL", [Doc(vocab, words=[m]) for m in lists["modals"]])

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        found = [(s, e) for _, s, e in self.phrases(doc)]
        found += [(s, e) for _, s, e in self.modals(doc) if doc[s].tag_ == "MD"]
        return sorted((s, e, doc[s:e].text.lower()) for s, e in found)
