"""The document reader's text as HTML: paragraphs, statements highlighted by act, commitments
marked, triggers in bold, glossary terms as <abbr>. Every slice of document text goes through
``markupsafe.escape``; this module is the only place that builds markup from document text."""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from .acts import act_family

_CLASS = re.compile(r"[^a-z0-9_-]")


def css_name(value: str) -> str:
    return _CLASS.sub("-", str(value).lower())[:40] or "x"


class _Glossary:
    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.expansions = {e["acronym"]: e["expansion"] for e in entries if e["acronym"].strip()}
        names = sorted(self.expansions, key=len, reverse=True)
        self.pattern = (re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
                        if names else None)

    def mark(self, text: str) -> Markup:
        """Escaped text with each glossary term wrapped in <abbr title=expansion>."""
        if not self.pattern or not text:
            return escape(text)
        out, pos = [], 0
        for m in self.pattern.finditer(text):
            out.append(escape(text[pos:m.start()]))
            term = m.group(1)
            out.append(Markup('<abbr class="gl" title="{}" tabindex="0">{}</abbr>').format(
                self.expansions[term], term))
            pos = m.end()
        out.append(escape(text[pos:]))
        return Markup("").join(out)


def _groups(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Statements grouped by sentence span; overlapping spans merge into one group."""
    groups: list[dict[str, Any]] = []
    for s in sorted(statements, key=lambda s: (s["start"], s["end"])):
        if groups and s["start"] < groups[-1]["end"]:
            g = groups[-1]
            g["end"] = max(g["end"], s["end"])
            g["items"].append(s)
        else:
            groups.append({"start": s["start"], "end": s["end"], "items": [s]})
    return groups


def _sentence(text: str, g: dict[str, Any], lo: int, hi: int, gloss: _Glossary) -> Markup:
    """One highlighted span (clipped to [lo, hi)) with its triggers in <b>."""
    start, end = max(lo, g["start"]), min(hi, g["end"])
    triggers = sorted({(s["trigger_start"], s["trigger_start"] + len(s["trigger"])) for s in g["items"]})
    out, pos = [], start
    for a, b in triggers:
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        out.append(gloss.mark(text[pos:a]))
        out.append(Markup('<b class="trig">{}</b>').format(text[a:b]))
        pos = b
    out.append(gloss.mark(text[pos:end]))
    items = g["items"]
    lead = max(items, key=lambda s: (s["commitment"], s["strength"]))
    classes = ["st", f"act-{css_name(lead['act'])}", f"fam-{act_family(lead['act'])}"]
    if any(s["commitment"] for s in items):
        classes.append("commit")
    if any(s.get("review") == "rejected" for s in items):
        classes.append("rejected")
    ids = " ".join(str(s["id"]) for s in items)
    label = "; ".join(f"{s['act']}{' (commitment)' if s['commitment'] else ''}: {' '.join(s['actors'])}" for s in items)
    anchors = Markup("").join(Markup('<span id="p-{}"></span>').format(s["id"]) for s in items[1:])
    return Markup('<span class="{}" id="p-{}" data-ids="{}" role="button" tabindex="0" title="{}">{}{}</span>').format(
        " ".join(classes), items[0]["id"], ids, label, anchors, Markup("").join(out))


def render_text(text: str, paragraphs: list[dict[str, Any]], statements: list[dict[str, Any]],
                glossary: list[dict[str, Any]]) -> Markup:
    gloss = _Glossary(glossary)
    groups = _groups([s for s in statements if 0 <= s["start"] < s["end"] <= len(text)])
    paras = [(p["start"], p["end"], p.get("number")) for p in paragraphs if p["end"] > p["start"]]
    if not paras:
        paras = [(m.start(), m.end(), None) for m in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", text, re.S)]
    out = []
    gi = 0
    for lo, hi, number in paras:
        while gi < len(groups) and groups[gi]["end"] <= lo:
            gi += 1
        parts, pos, j = [], lo, gi
        while j < len(groups) and groups[j]["start"] < hi:
            g = groups[j]
            if g["start"] > pos:
                parts.append(gloss.mark(text[pos:g["start"]]))
            parts.append(_sentence(text, g, max(lo, pos), hi, gloss))
            pos = max(pos, min(hi, g["end"]))
            j += 1
        parts.append(gloss.mark(text[pos:hi]))
        shown = number and not text[lo:hi].lstrip().startswith(str(number))
        num = Markup('<span class="pn">{}</span> ').format(number) if shown else Markup("")
        out.append(Markup('<p>{}{}</p>').format(num, Markup("").join(parts)))
    return Markup("\n").join(out)
