"""Assigns topic labels to statements from a taxonomy of labelled cue words.

The sentence's own cues decide; the paragraph's cues break ties and fill in when the sentence
has none (communiqués keep to one subject a paragraph). A taxonomy is TOML (``[label]`` with
``covers`` and ``cues``) or a Markdown table ``| label | covers |`` as in spec/topics.md.
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
from typing import TYPE_CHECKING

from ..errors import InputError
from .plugins import plugin_taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .context import DocumentContext, Segment

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
    """The default taxonomy, or the one in ``path`` (TOML or Markdown table), or the one an
    installed plugin names ``path`` (entry point group ``pledgetrack.taxonomies``)."""
    if path is None:
        return _default_taxonomy()
    file = Path(path)
    if not file.exists() and file.suffix == "":
        given = plugin_taxonomy(str(path))
        if isinstance(given, dict):
            return _from_toml(given)
        if given is not None:
            file = Path(given)
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


class TopicScorer:
    """Labels every statement of a parsed paragraph (the ``pledgetrack_topics`` component).

    A statement's own words weigh most, then its sentence, then ``context_sentences`` either
    side; a statement with no cue near it takes the last statement's labels, or the document's
    commonest label when no statement came before (settled once the last paragraph is seen).
    """

    def __init__(self, nlp: "Language", context_sentences: int) -> None:
        self.context_sentences = context_sentences

    def __call__(self, doc: "Doc", ctx: "DocumentContext", seg: "Segment") -> None:
        taxonomy = ctx.taxonomy
        state = ctx.state.setdefault("topics", {"fallback": None, "pending": [], "tally": Counter()})
        hits = taxonomy.hits(doc.text)
        state["tally"] += taxonomy.tally(hits)
        sents = list(doc.sents)
        by_sent: dict[int, list] = {}
        for draft in doc._.pt_drafts:
            by_sent.setdefault(draft.sent.start, []).append(draft)
        for n, sent in enumerate(sents):
            drafts = by_sent.get(sent.start)
            if not drafts:
                continue
            window = sents[max(0, n - self.context_sentences): n + self.context_sentences + 1]
            context = taxonomy.tally(hits, window[0].start_char, window[-1].end_char)
            sent_scores = taxonomy.tally(hits, sent.start_char, sent.end_char)
            starts = [d.pred.trigger.idx for d in drafts]
            for k, draft in enumerate(drafts):
                later = [s for s in starts if s > draft.pred.trigger.idx]
                own = (draft.pred.trigger.idx, min(later) if later else sent.end_char)
                scores = taxonomy.tally(hits, *own) + sent_scores
                if not scores and not context and state["fallback"] is None:
                    state["pending"].append(draft.statement)
                    draft.statement.topics = []
                    continue
                draft.statement.topics = choose_topics(taxonomy, scores, context, state["fallback"] or [])
            last = drafts[-1].statement
            pending = bool(state["pending"]) and state["pending"][-1] is last
            state["fallback"] = None if pending else last.topics
        if seg.index == ctx.segments - 1:
            overall = [label for label, _ in state["tally"].most_common(1)]
            for statement in state["pending"]:
                statement.topics = list(overall)
