"""Rebuild paragraphs: undo hard line wraps, rejoin paragraphs split mid-sentence."""
from __future__ import annotations

import re

from pledgetrack.config import settings
from pledgetrack.ingest.dates import find_dates
from pledgetrack.ingest.hyphenation import join_hyphenated

_TERMINAL = (".", "!", "?", ":", ";", "\"", "”", "’")
# A list line: a bullet (the glyphs of nlp.lists.ITEM_MARK), a number or a letter.
_LIST_ITEM = re.compile(r"^(?:[•◦▪▫●○■□➢►▶‣⁃·\uf0b7\uf0a7\uf0d8\uf076\-*–—]\s|\(?\d{1,3}[.)]\s|\([a-z]{1,4}\)\s|[a-z][.)]\s|[ivx]{2,4}[.)]\s)")
_FUNCTION_END = re.compile(
    r"(?:,|\b(?:the|of|and|or|to|in|a|an|for|with|by|on|at|from|its|their|our|as|that|which|"
    r"between|including|such|into|under|this|these|nor|but))$",
    re.IGNORECASE,
)


def reflow(text: str, vocab: tuple[set[str], set[str]]) -> str:
    """Join wrapped lines within each block; give every other line break a blank line."""
    blocks = [_reflow_block(block.split("\n"), vocab) for block in text.split("\n\n")]
    return "\n\n".join(b for b in blocks if b)


def _reflow_block(lines: list[str], vocab: tuple[set[str], set[str]]) -> str:
    lines = [line for line in lines if line]
    if not lines:
        return ""
    wrapped = len(lines) > 1 and max(len(line) for line in lines) <= settings().ingest.wrap_width
    width = max(len(line) for line in lines)
    out = lines[0]
    for prev, line in zip(lines, lines[1:], strict=False):
        if wrapped and prev.endswith("-") and line[:1].isalpha():
            out = join_hyphenated(out, line, vocab)
        elif not wrapped or _breaks_paragraph(prev, line, width):
            out += "\n\n" + line
        else:
            out += " " + line
    return out


# What may stand before the date of a dateline: a place ("New Delhi,", "Labuan Bajo, Indonesia,").
_DATELINE_PLACE = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?,?\s*$")


def _is_dateline(line: str) -> bool:
    """A line that is only a place and a date ("New Delhi, March 3, 2030"), or only a date."""
    dates = find_dates(line)
    if not dates or line[dates[-1].end:].strip(" .)"):
        return False
    before = line[:dates[0].start].strip().lstrip("(")
    return not before or bool(_DATELINE_PLACE.match(before))


def _breaks_paragraph(prev: str, line: str, width: int) -> bool:
    """True where a line break in wrapped text ends a paragraph, a heading or a list item, or
    comes before a dateline (a heading's place and date are no part of its title)."""
    if _LIST_ITEM.match(line) or _is_dateline(line):
        return True
    short = len(prev) < 0.7 * width
    if prev.endswith(_TERMINAL):
        return short
    return short and line[:1].isupper() and not _FUNCTION_END.search(prev)


def join_broken_paragraphs(text: str) -> str:
    """Join a paragraph to the next when a sentence runs across the blank line between them."""
    paragraphs = text.split("\n\n")
    out = [paragraphs[0]]
    for para in paragraphs[1:]:
        if _continues(out[-1], para):
            out[-1] = out[-1] + " " + para
        else:
            out.append(para)
    return "\n\n".join(out)


# A clause of a resolution's preamble: "Recalling its resolutions,", "Deeply concerned by ...," (the
# pattern of nlp.operative._PREAMBLE_CLAUSE, which reads them).
_PREAMBLE_CLAUSE = re.compile(r"^(?:[A-Z][a-z]+ly\s+)?(?:[A-Z][a-z]+(?:ing|ed))\b")


def _continues(prev: str, para: str) -> bool:
    if not prev or not para or prev.endswith(_TERMINAL) or _LIST_ITEM.match(para):
        return False
    if _PREAMBLE_CLAUSE.match(para) and _PREAMBLE_CLAUSE.match(prev.rsplit("\n\n", 1)[-1]):
        return False  # "Recalling ...,\n\nReaffirming ...,": clauses of a preamble, one a paragraph
    if para[0].islower():
        return True
    return len(prev) > 80 and bool(_FUNCTION_END.search(prev))
