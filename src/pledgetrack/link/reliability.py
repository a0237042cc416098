"""How far a link of a given strength can be trusted: the held-out calibration of the pair model
(``bench/fit_link_model.py`` counts, for each probability band, how many links that strong were
right when each gold pair was linked by a model fitted without it). Reads only JSON."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..config import settings


@dataclass(frozen=True)
class Reliability:
    """Held-out links as strong as this one: how many were right of how many, and whether that
    is too few to quote the link unread (below ``link.trusted_share``)."""

    right: int
    judged: int
    check: bool

    def to_dict(self) -> dict[str, int | bool]:
        return {"right": self.right, "judged": self.judged, "check": self.check}

    def phrase(self) -> str:
        """ "check: 9 of 26 held-out links this strong were right"."""
        words = f"{self.right} of {self.judged} held-out links this strong were right"
        return f"check: {words}" if self.check else words


@lru_cache(maxsize=1)
def _bands() -> tuple[tuple[float, float, int, int], ...]:
    text = resources.files("pledgetrack").joinpath("data/link_model.json").read_text(encoding="utf-8")
    return tuple((b["from"], b["to"], b["right"], b["judged"]) for b in json.loads(text).get("calibration", []))


def reliability(score: float | None) -> Reliability | None:
    """The reliability of a link scored ``score`` (a thread step's similarity); None for a step
    that is no link (a thread's first step) or a score outside the calibrated bands."""
    if score is None:
        return None
    for low, high, right, judged in _bands():
        if judged and (low <= score < high or (high == 1.0 and score >= 1.0)):
            return Reliability(right, judged, right / judged < settings().link.trusted_share)
    return None
