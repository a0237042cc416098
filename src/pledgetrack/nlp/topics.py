"""Assigns topic labels to statements from a taxonomy of labelled cue words.

The sentence's own cues decide; the paragraph's cues break ties and fill in when the sentence
has none (communiqués keep to one subject a paragraph). A taxonomy is TOML (``[label]`` with
``covers`` and ``cues``) or a Markdown table ``| label | covers |`` as in docs/spec/topics.md.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import InputError

MAX_LABELS = 3
CONTEXT_WEIGHT = 0.4
KEEP_RATIO = 0.5
_STOP = {"the", "and", "of", "its", "their", "e.g.", "e", "g", "with", "for", "in", "on", "to",
         "a", "an", "or", "others", "other", "such", "as", "itself", "matters", "national"}


@dataclass(frozen=True)
class Taxonomy:
    """Topic labels with their descriptions and cue words, compiled into one pattern."""

    labels: tuple[str, ...]
    covers: dict[str, str]
    cues: dict[str, tuple[str, ...]]  # cue -> labels it signals
    pattern: re.Pattern[str]

    def hits(self, text: str) -> list[tuple[int, str]]:
        """(offset, cue) of every cue in ``text``."""
        return [(m.start(), " ".join(m.group(0).split())) for m in self.pattern.finditer(text.lower())]

    def tally(self, hits: list[tuple[int, str]], start: int = 0, end: int | None = None) -> Counter[str]:
        """Scores per label of the hits (in offset order) between ``start`` and ``end``; longer
        cues weigh more."""
        lo = bisect_left(hits, (start, ""))
        hi = len(hits) if end is None else bisect_left(hits, (end, ""))
        scores: Counter[str] = Counter()
        for _, cue in hits[lo:hi]:
            for label in self.cues.get(cue, ()):
                scores[label] += 1 + cue.count(" ")
        return scores

    def score(self, text: str) -> Counter[str]:
        """Cue scores per label in ``text``."""
        return self.tally(self.hits(text))


def _from_toml(data: dict) -> Taxonomy:
    covers: dict[str, str] = {}
    cues: dict[str, list[str]] = {}
    for label, entry in data.items():
        covers[label] = str(entry.get("covers", ""))
        words = list(entry.get("cues", [])) or _cues_from_description(covers[label])
        for cue in {" ".join(w.lower().split()) for w in words + [label.replace("_", " ")] if w.strip()}:
            cues.setdefault(cue, []).append(label)
    parts = sorted(cues, key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})")
    return Taxonomy(tuple(data), covers, {c: tuple(ls) for c, ls in cues.items()}, pattern)


def _cues_from_description(text: str) -> list[str]:
    words = re.findall(r"[A-Za-z][\w&/+.-]*", text)
    return [w.lower().rstrip(".") for w in words if w.lower() not in _STOP and len(w) > 2]


def _from_markdown(text: str) -> Taxonomy:
    rows = re.findall(r"^\|\s*([a-z][a-z0-9_]*)\s*\|\s*(.+?)\s*\|\s*$", text, re.M)
    data = {label: {"covers": covers} for label, covers in rows if label != "label"}
    if not data:
        raise InputError("topics file has no '| label | covers |' rows")
    return _from_toml(data)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The default taxonomy, or the one in ``path`` (TOML or Markdown table)."""
    if path is None:
        return _default_taxonomy()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{file}: cannot read topics file ({exc.strerror})") from exc
    if file.suffix.lower() == ".toml":
        try:
            return _from_toml(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{file}: not valid TOML ({exc})") from exc
    return _from_markdown(text)


@lru_cache(maxsize=1)
def _default_taxonomy() -> Taxonomy:
    text = resources.files("pledgetrack.data").joinpath("topics.toml").read_text(encoding="utf-8")
    return _from_toml(tomllib.loads(text))


def choose_topics(taxonomy: Taxonomy, scores: Counter[str], context_scores: Counter[str],
                  fallback: list[str]) -> list[str]:
    """The labels of one statement: its sentence's strongest cues, weighted by its neighbours'."""
    combined: Counter[str] = Counter()
    for label in set(scores) | set(context_scores):
        combined[label] = scores[label] + CONTEXT_WEIGHT * context_scores[label]
    if not scores and not context_scores:
        return list(fallback)
    top = max(combined.values())
    ranked = sorted(combined, key=lambda label: (-combined[label], taxonomy.labels.index(label)))
    return [label for label in ranked if combined[label] >= KEEP_RATIO * top][:MAX_LABELS]
