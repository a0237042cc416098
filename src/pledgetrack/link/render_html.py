"""The diff as one self-contained HTML page: both documents side by side, aligned statements,
a word-level redline inside each aligned pair, change labels and filters. No external URLs."""
from __future__ import annotations

import difflib
import json
from html import escape

from ..models import StepLabel
from .diff import DiffResult
from .render_text import _title
from .text import normalize

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.2em} .bar{margin:.6em 0 1em} .bar label{margin-right:1em}
table{border-collapse:collapse;width:100%} td,th{border-top:1px solid #ddd;padding:.4em;vertical-align:top}
th{text-align:left;background:#f4f4f4} td.l{white-space:nowrap;font-weight:600}
tr.dropped td.l{color:#b00} tr.weakened td.l{color:#c44} tr.new td.l{color:#080}
tr.strengthened td.l{color:#2a2} tr.reworded td.l{color:#a70} tr.reaffirmed td.l{color:#888}
del{background:#fdd;text-decoration:line-through} ins{background:#dfd;text-decoration:none}
.why{color:#555;font-size:.92em} .c{font-size:.8em;color:#fff;background:#346;border-radius:3px;padding:0 .3em}
.trig{font-weight:600}
"""

JS = """
function f(){var on={};document.querySelectorAll('.bar input[data-k]').forEach(function(i){on[i.dataset.k]=i.checked});
var oc=document.getElementById('onlyc').checked;
document.querySelectorAll('tbody tr').forEach(function(r){r.style.display=(on[r.dataset.change]&&(!oc||r.dataset.c==='1'))?'':'none'})}
document.querySelectorAll('.bar input').forEach(function(i){i.addEventListener('change',f)});f();
"""


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
    counts = result.counts()
    rows = []
    for c in result.changes:
        if c.old and c.new:
            o, n = redline(c.old.sentence, c.new.sentence)
        else:
            o = escape(c.old.sentence) if c.old else ""
            n = escape(c.new.sentence) if c.new else ""
        trig = lambda s: f"<div><span class=trig>{escape(s.trigger)}</span> · {escape(s.act)} · {escape(' '.join(s.actors))}</div>" if s else ""
        rows.append(
            f"<tr class='{c.change}' data-change='{c.change}' data-c='{1 if c.commitment else 0}'>"
            f"<td class=l>{c.change}{' <span class=c>commitment</span>' if c.commitment else ''}</td>"
            f"<td>{trig(c.old)}{o}</td><td>{trig(c.new)}{n}</td>"
            f"<td class=why>{'<br>'.join(escape(r) for r in c.reasons)}</td></tr>")
    boxes = "".join(f"<label><input type=checkbox data-k='{k}' {'checked' if k != 'reaffirmed' else ''}> {k} ({counts.get(k, 0)})</label>"
                    for k in (StepLabel.DROPPED, StepLabel.WEAKENED, StepLabel.FULFILLED, StepLabel.NEW,
                              StepLabel.STRENGTHENED, StepLabel.REWORDED, StepLabel.REAFFIRMED))
    title = f"{_title(result.old)} → {_title(result.new)}"
    data = json.dumps({"old": result.old.document.name, "new": result.new.document.name}).replace("<", "\\u003c")
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1>"
            f"<div class=bar>{boxes}<label><input type=checkbox id=onlyc> commitments only</label></div>"
            f"<table><thead><tr><th>change</th><th>{escape(result.old.document.name)}</th>"
            f"<th>{escape(result.new.document.name)}</th><th>why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<script type=application/json id=meta>{data}</script><script>{JS}</script></body></html>\n")
