"""Writes one benchmark's section of docs/benchmarks.md, leaving the other sections as they are."""
from __future__ import annotations

import platform
import re
from datetime import date
from pathlib import Path

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nMeasured by the scripts in `bench/`; each section is rewritten by its script.\n"


def machine() -> str:
    """A one-line description of the machine a benchmark ran on."""
    import os
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def update_section(key: str, title: str, body: str) -> None:
    """Replaces (or appends) the section marked ``<!-- bench:KEY -->`` in docs/benchmarks.md."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    block = f"<!-- bench:{key} -->\n## {title}\n\n_Run {date.today().isoformat()} on {machine()}._\n\n{body.strip()}\n<!-- /bench:{key} -->\n"
    pattern = re.compile(rf"<!-- bench:{re.escape(key)} -->.*?<!-- /bench:{re.escape(key)} -->\n?", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
