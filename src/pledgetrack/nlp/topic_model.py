"""The second topic signal: a linear classifier over a sentence's lemmas, for words no cue lists.

Cues say "submarine" means capabilities only if someone wrote the cue; the classifier has
learnt from annotated statements which words go with which label, so "frigates" or "shipyard
workforce" count too. It is one logistic regression per label (``scripts/train_topic_model.py``
trains it on gold statements with scikit-learn and writes ``data/topic_model.json``); here it is
only a weighted sum, so nothing beyond the standard library is needed at run time. It applies to
a taxonomy whose labels it knows (the default one); a user taxonomy uses cues alone.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

MODEL_FILE = "topic_model.json"


def features(tokens: Iterable[Token]) -> set[str]:
    """The words a statement is classified by: lowercase lemmas of its content words."""
    from .topics import cue_key

    return {cue_key(t) for t in tokens if t.is_alpha and not t.is_stop and len(t.text) > 2}


@dataclass(frozen=True)
class TopicModel:
    """Per label: a bias and the weights of the words that move it."""

    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # word -> label -> weight

    def probabilities(self, words: set[str]) -> dict[str, float]:
        """P(label | words) for every label the model knows."""
        z = dict(self.bias)
        for word in words:
            for label, weight in self.weights.get(word, {}).items():
                z[label] += weight
        return {label: 1 / (1 + math.exp(-max(-30.0, min(30.0, v)))) for label, v in z.items()}


@lru_cache(maxsize=4)
def load_topic_model(name: str = MODEL_FILE) -> TopicModel | None:
    """The packaged model, or None when the package has none."""
    try:
        text = resources.files("pledgetrack.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    data = json.loads(text)
    by_word: dict[str, dict[str, float]] = {}
    for label, weights in data["weights"].items():
        for word, weight in weights.items():
            by_word.setdefault(word, {})[label] = weight
    return TopicModel(bias=dict(data["bias"]), weights=by_word)
