"""Paragraph spans of the cleaned text and their printed numbers."""
from __future__ import annotations

import re

from pledgetrack.models import Paragraph

_NUMBER = re.compile(r"^(?:\((?P<a>\d{1,3})\)|(?P<b>\d{1,3})[.)])(?=\s)")


def find_paragraphs(text: str) -> list[Paragraph]:
    """One ``Paragraph`` per blank-line-separated block, numbered from "1." / "(1)" / "1)"."""
    out = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        number = _NUMBER.match(match.group(0))
        out.append(Paragraph(match.start(), match.end(), (number.group("a") or number.group("b")) if number else None))
    return out
