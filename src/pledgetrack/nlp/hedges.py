"""Finds hedges that soften a statement ("seek to", "explore", "as appropriate")."""
from __future__ import annotations

import re

from .lexicon import HEDGES

_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True)) + r")\b",
                    re.IGNORECASE)


def find_hedges(text: str) -> list[str]:
    """The hedge phrases in ``text``, lowercased, each once, in textual order."""
    seen: dict[str, None] = {}
    for m in _HEDGE.finditer(text):
        seen.setdefault(m.group(0).lower(), None)
    return list(seen)
