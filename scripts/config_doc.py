"""Writes the key tables of docs/configuration.md from src/pledgetrack/data/defaults.toml.

Each key's documentation is the comment above it in the TOML file; the tables go between the
``<!-- keys -->`` and ``<!-- /keys -->`` marks of the page. ``--check`` only says whether the page
is up to date (exit 1 when not).

    .venv/bin/python scripts/config_doc.py [--check]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = ROOT / "src" / "pledgetrack" / "data" / "defaults.toml"
PAGE = ROOT / "docs" / "configuration.md"
START, END = "<!-- keys -->", "<!-- /keys -->"
_SECTION = re.compile(r"^\[([\w.]+)\]\s*$")
_KEY = re.compile(r"^(\w+)\s*=")


def documented_keys(text: str) -> list[tuple[str, str, str]]:
    """(section, key, comment) of every key of a TOML text, in file order."""
    out, section, comment = [], "", []
    for line in text.splitlines():
        line = line.strip()
        if m := _SECTION.match(line):
            section, comment = m.group(1), []
        elif line.startswith("#"):
            comment.append(line.lstrip("#").strip())
        elif (m := _KEY.match(line)) and section:
            out.append((section, m.group(1), " ".join(comment)))
            comment = []
        elif not line:
            comment = []
    return out


def _value(section: str, key: str, table: dict) -> str:
    value = table
    for part in (*section.split("."), key):
        value = value[part]
    return f"`{json.dumps(value)}`"


def tables(text: str) -> str:
    """The Markdown tables of the keys, one per section."""
    table = tomllib.loads(text)
    out: list[str] = []
    section = None
    for sec, key, comment in documented_keys(text):
        if sec != section:
            section = sec
            out += ["", f"### [{sec}]", "", "| key | default | what it does |", "| --- | --- | --- |"]
        out.append(f"| `{key}` | {_value(sec, key, table)} | {comment.replace('|', '&#124;')} |")
    return "\n".join(out[1:])


def render(page: str, text: str) -> str:
    head, rest = page.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{tables(text)}\n{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the page is up to date")
    args = parser.parse_args()
    page, text = PAGE.read_text(encoding="utf-8"), DEFAULTS.read_text(encoding="utf-8")
    new = render(page, text)
    if args.check:
        if new != page:
            print(f"{PAGE.relative_to(ROOT)} is out of date: run scripts/config_doc.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
