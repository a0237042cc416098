"""The diff as Markdown."""
from __future__ import annotations

from .diff import DiffResult
from .render_text import _title
from .similarity import shown_content


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def diff_markdown(result: DiffResult) -> str:
    counts = result.counts()
    lines = [f"# {_cell(_title(result.old))} → {_cell(_title(result.new))}", "",
             ", ".join(f"{k}: {v}" for k, v in counts.items()), "",
             "| change | commitment | old | new | why |", "| --- | --- | --- | --- | --- |"]
    for c in result.changes:
        o = f"**{_cell(c.old.trigger)}** {_cell(shown_content(c.old))}" if c.old else ""
        n = f"**{_cell(c.new.trigger)}** {_cell(shown_content(c.new))}" if c.new else ""
        lines.append(f"| {c.change} | {'yes' if c.commitment else ''} | {o} | {n} | {_cell('; '.join(c.reasons))} |")
    return "\n".join(lines) + "\n"
