"""Charts drawn on the server as SVG (no script, nothing fetched), also saved as PNG from the CLI.

Four charts over a store: commitments per meeting by topic, commitments per year by party,
threads per series by outcome (open, fulfilled, dropped, ...), and one thread's steps on a time
axis. Each ``*_chart`` function counts (one pass over the rows: linear in the collection) and
lays out a ``Chart`` of plain shapes; ``chart_svg`` writes it through the autoescaped
``templates/chart.svg``, so no text of a document can break the markup.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..config import settings
from ..link.timeline import COLORS as STEP_COLORS
from ..store import Store
from .queries import documents, meeting_label

# Categorical colours (Tableau 10), far apart for neighbouring series; the 11th is "other".
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")
OTHER = "#d3d6da"
OUTCOMES = {"open": "#9aa5b1", "in_progress": "#f0b429", "fulfilled": "#2b8a3e", "partially_fulfilled": "#94d82d",
            "lapsed": "#e8590c", "superseded": "#7048e8", "dropped": "#c92a2a"}
KINDS = ("topics", "parties", "outcomes")  # the collection charts; "thread" needs an id


@dataclass
class Chart:
    """A chart as shapes: each a dict with ``kind`` (rect, line, circle, text, polyline) and its
    SVG attributes; ``tip`` becomes a tooltip."""

    title: str
    width: int
    height: int
    description: str = ""
    shapes: list[dict[str, Any]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    legend_x: float = 0  # the legend's column, right of the plot
    empty: bool = False

    def __post_init__(self) -> None:
        self.width = max(self.width, int(len(self.title) * 8.2) + 30)  # room for the title (14px bold)

    def add(self, kind: str, **attrs: Any) -> None:
        self.shapes.append({"kind": kind, **attrs})


def _top(counter: Counter) -> list[str]:
    """The series drawn: the ``web.chart_max_series`` commonest (the rest are summed as "other")."""
    return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:settings().web.chart_max_series]]


def _nice_max(value: int) -> int:
    """The axis top: the smallest of 1, 2, 5 x 10^k at or above ``value``."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step >= value:
                return max(1, m * step)
        step *= 10


def _y_axis(chart: Chart, left: int, top: int, height: int, right: int, peak: int, label: str) -> float:
    """Grid lines and ticks; returns pixels per unit."""
    top_value = _nice_max(peak)
    scale = height / top_value
    for i in range(5):
        value = top_value * i / 4
        y = top + height - value * scale
        chart.add("line", x1=left, y1=round(y, 1), x2=right, y2=round(y, 1), stroke="#e6e9ec")
        chart.add("text", x=left - 6, y=round(y + 4, 1), text=f"{value:g}", anchor="end", size=10, fill="#5b6570")
    chart.add("text", x=12, y=top + height / 2, text=label, anchor="middle", size=10, fill="#5b6570",
              transform=f"rotate(-90 12 {top + height / 2})")
    return scale


def _stacked_columns(title: str, columns: list[tuple[str, str]], counts: dict[str, Counter], keys: list[str],
                     colors: dict[str, str], y_label: str, description: str) -> Chart:
    """Columns (x: (id, label)), each a stack of ``keys`` (the rest as "other")."""
    left, top, bottom, col = 96, 44, 130, 30
    plot_h = 260
    chart = Chart(title, max(520, left + col * len(columns) + 200), top + plot_h + bottom, description,
                  legend_x=left + col * len(columns) + 24)
    totals = {c: sum(counts.get(c, Counter()).values()) for c, _ in columns}
    if not columns or not any(totals.values()):
        chart.empty = True
        return chart
    scale = _y_axis(chart, left, top, plot_h, left + col * len(columns), max(totals.values()), y_label)
    stack_keys = keys + (["other"] if any(k not in keys for c in counts.values() for k in c) else [])
    for i, (cid, label) in enumerate(columns):
        x = left + i * col + 4
        y: float = top + plot_h
        here = counts.get(cid, Counter())
        for k in stack_keys:
            n = here.get(k, 0) if k != "other" else sum(v for kk, v in here.items() if kk not in keys)
            if not n:
                continue
            h = n * scale
            y -= h
            chart.add("rect", x=x, y=round(y, 1), width=col - 8, height=round(h, 1), fill=colors.get(k, OTHER),
                      tip=f"{label}: {k} {n}")
        lx, ly = x + (col - 8) / 2, top + plot_h + 10
        chart.add("text", x=lx, y=ly, text=label, anchor="end", size=10, fill="#1d232a",
                  transform=f"rotate(-55 {lx} {ly})", tip=f"{label}: {totals[cid]}")
    chart.add("line", x1=left, y1=top + plot_h, x2=left + col * len(columns), y2=top + plot_h, stroke="#5b6570")
    chart.legend = [(k, colors.get(k, OTHER)) for k in stack_keys]
    return chart


def _short(label: str, most: int = 26) -> str:
    return label if len(label) <= most else label[: most - 9].rstrip() + "…" + label[-8:]


def _documents(store: Store, series: str | None) -> list[dict[str, Any]]:
    docs = [d for d in documents(store) if d.get("date")]
    if series:
        docs = [d for d in docs if (d.get("series") or "").lower() == series.lower()]
    return sorted(docs, key=lambda d: (d["date"], d["name"]))


def topics_chart(store: Store, series: str | None = None) -> Chart:
    """Commitments per meeting, stacked by topic (a statement with two topics counts in both)."""
    docs = _documents(store, series)
    counts: dict[str, Counter] = {}
    overall: Counter = Counter()
    for s in store.statements(commitment=True, **({"series": series} if series else {})):
        for x in s["topics"] or ["(no topic)"]:
            counts.setdefault(s["doc"], Counter())[x] += 1
            overall[x] += 1
    keys = _top(overall)
    colors = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    columns = [(d["name"], _short(f"{meeting_label(d)} · {d['date'][:4]}")) for d in docs]
    return _stacked_columns(f"Commitments per meeting by topic{f' · {series}' if series else ''}", columns, counts,
                            keys, colors, "commitments",
                            "Each column is a meeting in date order; its height is the number of commitments, "
                            "split by topic.")


def parties_chart(store: Store, series: str | None = None) -> Chart:
    """Commitments per year, one line per party (the parties with most commitments)."""
    per: dict[str, Counter] = {}
    overall: Counter = Counter()
    for s in store.statements(commitment=True, **({"series": series} if series else {})):
        if not s.get("date"):
            continue
        for a in s["actors"]:
            per.setdefault(a, Counter())[s["date"][:4]] += 1
            overall[a] += 1
    parties = _top(overall)
    years = sorted({y for a in parties for y in per[a]})
    title = f"Commitments per year by party{f' · {series}' if series else ''}"
    left, top, plot_h, step = 56, 44, 260, 56
    chart = Chart(title, max(520, left + step * max(1, len(years) - 1) + 230), top + plot_h + 60,
                  "One line per party: how many commitments it made in each year's statements.",
                  legend_x=left + step * max(1, len(years) - 1) + 40)
    if not years:
        chart.empty = True
        return chart
    right = left + step * max(1, len(years) - 1)
    scale = _y_axis(chart, left, top, plot_h, right, max(per[a][y] for a in parties for y in years), "commitments")
    xs = {y: left + (step * i if len(years) > 1 else (right - left) / 2) for i, y in enumerate(years)}
    for y, x in xs.items():
        chart.add("text", x=x, y=top + plot_h + 18, text=y, anchor="middle", size=10, fill="#1d232a")
    for i, a in enumerate(parties):
        color = PALETTE[i % len(PALETTE)]
        pts = [(xs[y], top + plot_h - per[a].get(y, 0) * scale) for y in years]
        chart.add("polyline", points=" ".join(f"{x:.1f},{y:.1f}" for x, y in pts), stroke=color)
        for (x, yv), year in zip(pts, years, strict=False):
            chart.add("circle", cx=round(x, 1), cy=round(yv, 1), r=3.5, fill=color,
                      tip=f"{a} {year}: {per[a].get(year, 0)} commitments")
    chart.legend = [(a, PALETTE[i % len(PALETTE)]) for i, a in enumerate(parties)]
    return chart


def outcome(thread: dict[str, Any]) -> str:
    """A thread's outcome for the chart: its status, or "dropped" for an open thread whose last step dropped it."""
    steps = thread.get("steps") or []
    if thread["status"] == "open" and steps and steps[-1]["label"] == "dropped":
        return "dropped"
    return thread["status"]


def outcomes_chart(store: Store, series: str | None = None) -> Chart:
    """Threads per series (horizontal bars) split by outcome: open, in progress, fulfilled, ... dropped."""
    counts: dict[str, Counter] = {}
    for t in store.iter_threads():  # listing rows: status, series and steps are all it needs
        name = t["series"] or "other"
        if series and name.lower() != series.lower():
            continue
        counts.setdefault(name, Counter())[outcome(t)] += 1
    names = sorted(counts, key=lambda n: (-sum(counts[n].values()), n))
    left, top, row, plot_w = 180, 44, 28, 420
    chart = Chart(f"Threads by outcome{f' · {series}' if series else ' per series'}", left + plot_w + 230,
                  max(top + row * max(1, len(names)) + 40, top + 16 * len(OUTCOMES) + 20),
                  "One bar per meeting series: its threads by outcome.", legend_x=left + plot_w + 60)
    if not names:
        chart.empty = True
        return chart
    peak = max(sum(c.values()) for c in counts.values())
    scale = plot_w / _nice_max(peak)
    for i, n in enumerate(names):
        y = top + i * row
        chart.add("text", x=left - 8, y=y + row / 2 + 4, text=_short(n, 28), anchor="end", size=11, fill="#1d232a",
                  tip=n)
        x: float = left
        for k, color in OUTCOMES.items():
            v = counts[n].get(k, 0)
            if v:
                chart.add("rect", x=round(x, 1), y=y + 4, width=round(v * scale, 1), height=row - 8, fill=color,
                          tip=f"{n}: {k.replace('_', ' ')} {v}")
                x += v * scale
        chart.add("text", x=round(x + 5, 1), y=y + row / 2 + 4, text=str(sum(counts[n].values())), size=10,
                  fill="#5b6570")
    chart.legend = [(k.replace("_", " "), c) for k, c in OUTCOMES.items()]
    return chart


def thread_chart(store: Store, thread_id: str) -> Chart:
    """One thread's steps on a time axis: x the meeting date, y the statement's strength (0-6)."""
    view = store.thread(thread_id)
    strength = {s["key"]: s["strength"] for s in view["statements"]}
    steps = [s for s in view["steps"] if s.get("date")]
    left, top, plot_w, plot_h = 56, 44, 560, 200
    chart = Chart(f"Thread {view['id']}: steps over time", left + plot_w + 160, top + plot_h + 60,
                  "Each step at its meeting's date; height is the strength of what was said (0-6), colour the change.",
                  legend_x=left + plot_w + 30)
    if not steps:
        chart.empty = True
        return chart
    days = [dt.date.fromisoformat(s["date"]).toordinal() for s in steps]
    lo, hi = min(days) - 60, max(days) + 60
    x_of = lambda d: left + (d - lo) / (hi - lo) * plot_w  # noqa: E731
    scale = plot_h / 6
    for v in range(0, 7, 2):
        y = top + plot_h - v * scale
        chart.add("line", x1=left, y1=y, x2=left + plot_w, y2=y, stroke="#e6e9ec")
        chart.add("text", x=left - 6, y=y + 4, text=str(v), anchor="end", size=10, fill="#5b6570")
    chart.add("text", x=12, y=top + plot_h / 2, text="strength", anchor="middle", size=10, fill="#5b6570",
              transform=f"rotate(-90 12 {top + plot_h / 2})")
    for year in range(dt.date.fromordinal(lo).year + 1, dt.date.fromordinal(hi).year + 1):
        x = x_of(dt.date(year, 1, 1).toordinal())
        chart.add("line", x1=round(x, 1), y1=top + plot_h, x2=round(x, 1), y2=top + plot_h + 5, stroke="#5b6570")
        chart.add("text", x=round(x, 1), y=top + plot_h + 18, text=str(year), anchor="middle", size=10, fill="#1d232a")
    chart.add("line", x1=left, y1=top + plot_h, x2=left + plot_w, y2=top + plot_h, stroke="#5b6570")
    points = []
    for s, d in zip(steps, days, strict=False):
        value = 0 if s["label"] == "dropped" else strength.get(s.get("statement_key") or "", 0)
        points.append((x_of(d), top + plot_h - value * scale, s, value))
    chart.add("polyline", points=" ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points), stroke="#9aa5b1")
    for i, (x, y, s, value) in enumerate(points):
        color = STEP_COLORS.get(s["label"], "#9aa5b1")
        chart.add("circle", cx=round(x, 1), cy=round(y, 1), r=6, fill=color,
                  tip=f"{s['date']} {s['doc']}: {s['label']} (strength {value})")
        chart.add("text", x=round(x, 1), y=round(y - 10 - (i % 2) * 11, 1), text=s["label"], anchor="middle",
                  size=10, fill=color)
    chart.legend = [(k, c) for k, c in STEP_COLORS.items()]
    return chart


def collection_chart(store: Store, kind: str, series: str | None = None) -> Chart:
    """One of the collection charts by name (``KINDS``)."""
    return {"topics": topics_chart, "parties": parties_chart, "outcomes": outcomes_chart}[kind](store, series)


def chart_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document."""
    from .render import env

    return env.get_template("chart.svg").render(c=chart)


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """PNG of an SVG (needs the ``charts`` extra: cairosvg)."""
    try:
        import cairosvg
    except ImportError:
        from ..errors import PledgetrackError
        raise PledgetrackError("PNG charts need cairosvg: pip install 'pledgetrack[charts]' (or write .svg)") from None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
