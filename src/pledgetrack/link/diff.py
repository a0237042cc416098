"""The commitment-aware diff of two documents: what changed since the last meeting.

Statements of the two documents are aligned one-to-one (the same scores as linking). An
aligned pair is reaffirmed, reworded, strengthened or weakened; an old statement left alone is
dropped, a new one is new. Changes come ordered by consequence: dropped and weakened
commitments first, then new commitments, then the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..config import settings
from ..models import ExtractedDocument, Statement, StepLabel
from .compare import _quote, compare
from .features import about_the_next_meeting, meeting_bound, reports_done
from .fulfil import carried_on, fulfilled_by, fulfilled_reasons, remainder
from .match import assign_many, to_the_pledge_of_its_sentence
from .threads import Linker


@dataclass
class Change:
    change: str  # a StepLabel: new, dropped, fulfilled, reaffirmed, reworded, strengthened, weakened
    old: Statement | None = None
    new: Statement | None = None
    reasons: list[str] = field(default_factory=list)
    similarity: float | None = None

    @property
    def commitment(self) -> bool:
        return bool((self.old and self.old.commitment) or (self.new and self.new.commitment))

    def to_dict(self) -> dict[str, Any]:
        return {"change": self.change, "old": self.old.to_dict() if self.old else None,
                "new": self.new.to_dict() if self.new else None, "reasons": list(self.reasons),
                "similarity": self.similarity, "commitment": self.commitment}


@dataclass
class DiffResult:
    old: ExtractedDocument
    new: ExtractedDocument
    changes: list[Change]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.changes:
            out[c.change] = out.get(c.change, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old.document.meta_dict(), "new": self.new.document.meta_dict(),
                "changes": [c.to_dict() for c in self.changes]}


# Ranks of consequence: (label, is a commitment) -> rank; anything else ranks last.
_RANK: dict[tuple[str, bool], int] = {(StepLabel.DROPPED, True): 0, (StepLabel.WEAKENED, True): 1, (StepLabel.FULFILLED, True): 2,
         (StepLabel.NEW, True): 3, (StepLabel.STRENGTHENED, True): 4, (StepLabel.STRENGTHENED, False): 4,
         (StepLabel.WEAKENED, False): 5, (StepLabel.DROPPED, False): 6, (StepLabel.NEW, False): 7,
         (StepLabel.REWORDED, True): 8, (StepLabel.REWORDED, False): 8}


ROUTINE = "a line about its own or the next meeting (routine)"


def consequence(c: Change) -> tuple:
    """Sort key: dropped/weakened commitments, fulfilled ones, new ones, strengthened, then the
    rest; a routine line about a meeting dropped, new or carried on ("will hold the next summit in
    Paris") last."""
    s = c.old if c.change in (StepLabel.DROPPED, StepLabel.WEAKENED) else (c.new or c.old)
    if s is None:
        raise ValueError(f"a {c.change} change without the statement it is about")
    routine = (c.change in (StepLabel.DROPPED, StepLabel.NEW) or ROUTINE in c.reasons) and meeting_bound(s)
    rank = 10 if routine else _RANK.get((c.change, c.commitment), 9)
    # Within a rank: substantive (topical, strong) statements first, then document order.
    substantive = 0 if s.topics and s.strength > 0 else 1
    return (rank, substantive, -s.strength, -len(c.reasons), s.doc != (c.old.doc if c.old else ""), s.start)


def _closest(scores: np.ndarray, others: list[Statement], side: str, bar: float) -> list[str]:
    """The reason that names the closest statement of the other document, when it comes near
    enough to be worth a reader's check (``link.closest_shown``), with its score and the link bar
    (a pair over the bar lost its statement to a closer pair of the one-to-one alignment)."""
    if not scores.size:
        return []
    k = int(np.argmax(scores))
    if scores[k] < settings().link.closest_shown:
        return []
    near = others[k]
    return [f"closest in the {side} document: {_quote(f'{near.trigger} {near.content}', 120)}"
            + f" (score {scores[k]:.3f}; link bar {bar:.3f}{'' if scores[k] < bar else ', taken by a closer pair'})"]


def _routine(s: Statement) -> list[str]:
    return [ROUTINE] if meeting_bound(s) else []


def _next_meeting_lines(a: list[Statement], b: list[Statement], pairs: list[tuple[int, int, float]],
                        p: np.ndarray, fulfilled: set[int]) -> list[tuple[int, int, float]]:
    """Pairs (new, old, score) of the routine lines about the next meeting that the scores left alone
    ("will hold our next Summit in Oslo in 2031" -> "... in Tokyo in 2032"): the same line, carried
    on with another place and year, not one dropped and one new."""
    taken_a, taken_b = {i for _, i, _ in pairs} | fulfilled, {j for j, _, _ in pairs}

    def lines(side: list[Statement], taken: set[int]) -> list[int]:
        return [k for k, s in enumerate(side) if k not in taken and about_the_next_meeting(s)]
    return [(j, i, float(p[j, i])) for i, j in zip(lines(a, taken_a), lines(b, taken_b), strict=False)
            if a[i].commitment == b[j].commitment]


def diff_documents(old: ExtractedDocument, new: ExtractedDocument, *, semantic: bool = False) -> DiffResult:
    """Every statement of both documents in a change, most consequential first.

    Statements are aligned as linking aligns them (a split or a merge pairs one statement with
    two); an old commitment left alone is "fulfilled" when the new document reports it done,
    else "dropped"."""
    linker = Linker([old, new], semantic)
    a, b = old.statements, new.statements
    p = linker.block(b, a)
    # A pledge reported done is fulfilled: its report is not its rewording, nor is anything else;
    # and a report of something done carries on no earlier statement (it may fulfil one).
    # A pledge of several parts reported done in part ("to hold the Roundtable and to launch a
    # Partnership" -> "welcomed the Roundtable held in May") may be carried on in its other parts.
    fulfilled = fulfilled_by(linker.vectors, b, a) if a and b else {}
    rest = {i: left for i, j in fulfilled.items() if (left := remainder(a[i], b[j])) is not None}
    if rest:  # what is left of them is scored as a pledge of its own
        rest_of_old = replace(old, statements=[rest.get(i, s) for i, s in enumerate(a)])
        p[:, list(rest)] = Linker([rest_of_old, new], semantic).block(b, rest_of_old.statements)[:, list(rest)]
    if a and b:
        p[[reports_done(s) for s in b], :] = 0.0
        p[:, [i for i in fulfilled if i not in rest]] = 0.0
        for i, j in fulfilled.items():
            p[j, i] = 0.0  # the report is no rewording of what it reports
    pairs = to_the_pledge_of_its_sentence(assign_many(p, linker.threshold, linker.extra), b, a) if a and b else []
    pairs += _next_meeting_lines(a, b, pairs, p, set(fulfilled))
    changes: list[Change] = []
    used_a, used_b = set(), set()
    carried_by: dict[int, list[int]] = {}  # old statement -> the new ones that carry it on (more than one: a split)
    for j, i, _ in pairs:
        carried_by.setdefault(i, []).append(j)
    for j, i, score in pairs:
        used_a.add(i)
        used_b.add(j)
        siblings = [b[k] for k in carried_by[i] if k != j]
        cmp = compare(rest.get(i, a[i]), b[j], (old.document.meta.parties, new.document.meta.parties), siblings)
        reasons = cmp.reasons + ([carried_on(rest[i])] if i in rest else [])
        if meeting_bound(a[i]) and meeting_bound(b[j]):  # the place and year of a meeting say nothing
            reasons = [ROUTINE, *(r for r in reasons if not r.startswith("reworded ("))]
        changes.append(Change(cmp.label, a[i], b[j], reasons, round(score, 3)))
    for i, s in enumerate(a):
        if i in used_a and i not in fulfilled:
            continue
        if i in fulfilled:
            done = b[fulfilled[i]]
            changes.append(Change(StepLabel.FULFILLED, s, done, fulfilled_reasons(s, done)))
            used_b.add(fulfilled[i])
        else:
            reasons = ["no counterpart in the new document", *_routine(s), *_closest(p[:, i], b, "new", linker.threshold)]
            changes.append(Change(StepLabel.DROPPED, s, None, reasons))
    changes += [Change(StepLabel.NEW, None, s, ["no counterpart in the old document", *_routine(s),
                                                *_closest(p[j], a, "old", linker.threshold)])
                for j, s in enumerate(b) if j not in used_b]
    changes.sort(key=consequence)
    return DiffResult(old, new, changes)
