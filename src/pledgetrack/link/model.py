"""The learned pair scorer: a logistic regression over ``features.FEATURES``, shipped as JSON.

``bench/fit_link_model.py`` fits it on the gold links and writes ``data/link_model.json``
(feature names, standardisation, coefficients, the decision thresholds and the leave-one-pair-out
figures it was chosen by). Scoring needs only numpy.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .features import FEATURES


@dataclass(frozen=True)
class PairModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float  # a pair is linked at or above this probability
    extra: float  # a second link of a statement (a split or a merge) needs this much

    def probability(self, x: np.ndarray) -> np.ndarray:
        """Probabilities that pairs carry the same commitment; ``x`` is (..., len(FEATURES))."""
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def from_dict(data: dict) -> PairModel:
    if tuple(data["features"]) != FEATURES:
        raise ValueError("link model was fitted on other features; refit with bench/fit_link_model.py")
    return PairModel(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                     float(data["intercept"]), float(data["threshold"]), float(data["extra"]))


@lru_cache(maxsize=1)
def load() -> PairModel:
    """The shipped model (``pledgetrack/data/link_model.json``)."""
    text = resources.files("pledgetrack").joinpath("data/link_model.json").read_text(encoding="utf-8")
    return from_dict(json.loads(text))
