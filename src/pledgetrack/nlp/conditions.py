"""Finds the conditions a statement sets on itself: "until the ROK acquires these capabilities"."""
from __future__ import annotations

import re

# "once" as "formerly" ("Panmunjom, which once served as a symbol of division") is no condition.
_CONDITION = re.compile(
    r"\b(?:until|unless|provided that|on condition that|on the condition that|as long as|"
    r"so long as|subject to|contingent (?:up)?on|(?<!which\s)(?<!that\s)(?<!who\s)(?<!where\s)once(?!\s+(?:again|more)\b)|if|in the event (?:that|of)|"
    r"when (?:the|conditions)|depending on|conditions-based|based on conditions|"
    r"as soon as (?:the|conditions))\b[^.;]*",
    re.IGNORECASE,
)
# A condition ends where the next clause of the statement starts.
_CLAUSE_END = re.compile(r",\s+(?:and|but|as well as|while|which|to)\b|;")


# Resolve, not a condition: "for as long as it takes", "as long as necessary".
_RESOLVE = re.compile(r"\b(?:for\s+)?(?:as|so)\s+long\s+as\s+(?:it\s+takes|(?:is\s+)?(?:necessary|needed|required))\b",
                      re.IGNORECASE)


def find_conditions(text: str, *, leading: bool = False) -> list[str]:
    """Condition clauses in a statement's content, as written (``leading``: only one that starts
    the text, as an adverbial of the act does: "Provided that funding is available")."""
    out = []
    text = _RESOLVE.sub(lambda m: " " * len(m.group(0)), text)
    for m in _CONDITION.finditer(text):
        if leading and text[:m.start()].strip():
            break
        clause = m.group(0)
        end = _CLAUSE_END.search(clause)
        clause = (clause[: end.start()] if end else clause).strip(" ,")
        if len(clause.split()) >= 2 or clause.lower() == "conditions-based":
            out.append(clause)
    return out
