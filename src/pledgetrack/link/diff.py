"""The commitment-aware diff of two documents: what changed since the last meeting.

Statements of the two documents are aligned one-to-one (the same scores as linking). An
aligned pair is reaffirmed, reworded, strengthened or weakened; an old statement left alone is
dropped, a new one is new. Changes come ordered by consequence: dropped and weakened
commitments first, then new commitments, then the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models import ExtractedDocument, Statement
from .compare import compare
from .match import assign
from .threads import Linker

DIFF_MARGIN = 0.06


@dataclass
class Change:
    change: str  # new, dropped, reaffirmed, reworded, strengthened, weakened
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


def consequence(c: Change) -> tuple:
    """Sort key: dropped/weakened commitments, new commitments, strengthened, then the rest."""
    s = c.old if c.change in ("dropped", "weakened") else (c.new or c.old)
    commit = c.commitment
    if c.change == "dropped" and commit:
        rank = 0
    elif c.change == "weakened" and commit:
        rank = 1
    elif c.change == "new" and commit:
        rank = 2
    elif c.change == "strengthened":
        rank = 3
    elif c.change == "weakened":
        rank = 4
    elif c.change == "dropped":
        rank = 5
    elif c.change == "new":
        rank = 6
    elif c.change == "reworded":
        rank = 7
    else:
        rank = 8
    # Within a rank: substantive (topical, strong) statements first, then document order.
    substantive = 0 if s.topics and s.strength > 0 else 1
    return (rank, substantive, -s.strength, -len(c.reasons), s.doc != (c.old.doc if c.old else ""), s.start)


def diff_documents(old: ExtractedDocument, new: ExtractedDocument, *, semantic: bool = False) -> DiffResult:
    """Every statement of both documents in exactly one change, most consequential first."""
    linker = Linker([old, new], semantic)
    a, b = old.statements, new.statements
    # A diff shows a pair as changed only when it is clearly the same statement: a stricter bar.
    pairs = assign(linker.matrix(a, b), linker.threshold + DIFF_MARGIN) if a and b else []
    changes: list[Change] = []
    used_a, used_b = set(), set()
    for i, j, score in pairs:
        used_a.add(i)
        used_b.add(j)
        cmp = compare(a[i], b[j])
        changes.append(Change(cmp.label, a[i], b[j], cmp.reasons, round(score, 3)))
    changes += [Change("dropped", s, None, ["no counterpart in the new document"]) for i, s in enumerate(a) if i not in used_a]
    changes += [Change("new", None, s, ["no counterpart in the old document"]) for j, s in enumerate(b) if j not in used_b]
    changes.sort(key=consequence)
    return DiffResult(old, new, changes)
