"""Plain text out of Markdown: markup removed, words and line structure kept."""
from __future__ import annotations

import re

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"^\s*\*\s+", re.M), "- "),  # "* item" lists
]


def markdown_to_text(text: str) -> str:
    """Strip Markdown markup (headings, emphasis, links, quotes, rules)."""
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text
