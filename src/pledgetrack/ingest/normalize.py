"""Whitespace normalisation that leaves words, quotes and dashes as written."""
from __future__ import annotations

import re

_SPACES = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphen, zero-width chars
_MD_ESCAPE = re.compile(r"\\([.\-*_#()\[\]!+`])")  # "2\." left by Markdown converters
_MULTISPACE = re.compile(r" {2,}")
_BLANKS = re.compile(r"\n{3,}")


def normalize_whitespace(text: str) -> str:
    """Unify line ends and spaces, drop invisible characters, trim lines, keep page breaks as blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\f", "\n\n").replace("\u00ad\n", "")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    lines = [_MULTISPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
