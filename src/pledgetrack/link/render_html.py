"""The diff as one self-contained HTML page: both documents side by side, aligned statements,
a word-level redline inside each aligned pair, change labels and filters. No external URLs."""
from __future__ import annotations

import difflib
import json
from html import escape

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..models import StepLabel
from .diff import DiffResult
from .render_text import _title
from .text import normalize

# The standalone pages (diff, timeline) come from autoescaped Jinja templates in link/templates.
TEMPLATES = Environment(loader=PackageLoader("pledgetrack.link", "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True),
                        trim_blocks=True, lstrip_blocks=True)
ORDER = (StepLabel.DROPPED, StepLabel.WEAKENED, StepLabel.FULFILLED, StepLabel.NEW, StepLabel.STRENGTHENED,
         StepLabel.REWORDED, StepLabel.REAFFIRMED)


def redline(old: str, new: str) -> tuple[str, str]:
    """Word-level redline: (old with deletions marked, new with insertions marked), HTML-escaped."""
    a, b = normalize(old).split(), normalize(new).split()
    sm = difflib.SequenceMatcher(a=[w.lower() for w in a], b=[w.lower() for w in b], autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            left.append(escape(" ".join(a[i1:i2])))
            right.append(escape(" ".join(b[j1:j2])))
        else:
            if i2 > i1:
                left.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
            if j2 > j1:
                right.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(left), " ".join(right)


def diff_html(result: DiffResult) -> str:
    """The diff as one page: aligned pairs with a word-level redline, filters by change."""
    rows = []
    for c in result.changes:
        o: str
        n: str
        if c.old and c.new:
            o, n = (Markup(x) for x in redline(c.old.sentence, c.new.sentence))  # redline escapes every word
        else:
            o = c.old.sentence if c.old else ""
            n = c.new.sentence if c.new else ""
        rows.append({"change": c.change, "commitment": c.commitment, "reasons": c.reasons,
                     "old": {"statement": c.old, "html": o}, "new": {"statement": c.new, "html": n}})
    data = json.dumps({"old": result.old.document.name, "new": result.new.document.name}).replace("<", "\\u003c")
    return TEMPLATES.get_template("diff.html").render(
        title=f"{_title(result.old)} → {_title(result.new)}", rows=rows, counts=result.counts(), order=ORDER,
        old_name=result.old.document.name, new_name=result.new.document.name, meta=Markup(data)) + "\n"
