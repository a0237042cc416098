"""Lines that are page furniture, not statement text: web banners, share bars, running headers."""
from __future__ import annotations

import re
from collections import Counter

from pledgetrack.config import settings

_WEB_FURNITURE = re.compile(
    r"|".join([
        r"^an official website of\b",
        r"^here[’']s how you know\b",
        r"official websites use \.gov",
        r"\.gov website belongs to",
        r"secure \.gov websites use https",
        r"^a lock \(",
        r"you have accessed part of a historical collection",
        r"links may not function",
        r"^(?:for )?immediate release\b",
        r"^(?:release|press release|news release|statements and releases)$",
        # an issuer's label above the title: "Office of the Spokesperson", "Media Note", "Readout"
        r"^(?:office of the (?:spokesperson|press secretary|spokesman)|media note|media advisory|press statement|"
        r"press briefing|readout)$",
        r"can be found here\.?$",
        r"\bclick here\b",
        r"^(?:related|useful|quick) links?\b",
        r"^skip to (?:main )?content",
        r"\bcookies?\b.*\b(?:accept|consent|settings|policy|use)\b|^(?:accept|reject) (?:all )?cookies",
        r"^(?:share|share this|share on|print|email|e-mail|tweet|facebook|twitter|linkedin|x|whatsapp)"
        r"(?:\s*(?:this|page|article|story|:))?$",
        r"^(?:print|share|email)(?:\s*[|/,]\s*(?:print|share|email|facebook|twitter|linkedin))+$",
        r"^back to top$",
        r"^(?:subscribe|sign up)\b.*\b(?:newsletter|updates|alerts)\b",
        r"^(?:photo|image) credit",
        r"^(?:#{3,}|-{3,}|\*{3,}|_{3,}|[—–]+|end)$",  # press-release end marks and rules
    ]),
    re.IGNORECASE,
)
_PAGE_NUMBER = r"(?i:page\s+)?\d{1,4}(?:\s*(?i:of|/)\s*\d{1,4})?"  # "12", "Page 3 of 9", "3/9"
_PAGE_FURNITURE = re.compile(
    r"|".join([
        rf"^{_PAGE_NUMBER}$",
        r"^[-–—]\s*\d{1,4}\s*[-–—]$",
        r"^(?i:appendix|annex|reference|chapter)\s+[\dIVXivx]{1,5}$",  # "Appendix 317"
        r"^(?:\d{4}\s+)?(?:[A-Z][A-Za-z]+\s+){0,4}(?:White Paper|Annual Report|Yearbook)(?:\s+\d{4})?$",
        r"^(?:[A-Z][A-Za-z]+\s+){1,3}of\s+[A-Z][A-Za-z]+\s+\d{4}$",  # "Defense of Japan 2018"
    ]),
)
EDGE_LINES = 3  # lines at the top and at the bottom of a page where running headers and footers sit
_LABEL_PREFIX = re.compile(r"^(?:Appendix|Annex|Reference)\s+\d{1,4}\s+(?=[A-Z])")


def remove_running_lines(text: str) -> str:
    """Drop the running headers and footers of a paged text (pages split by form feeds, as the
    PDF reader writes them): a short line at the top or bottom of at least two pages and of half
    of them, however few pages there are."""
    pages = text.split("\f")
    if len(pages) < 2:
        return text
    edges = [_edge_lines(page) for page in pages]
    counts = Counter(key for edge in edges for key in {_unnumbered(line) for line in edge})
    running = {key for key, n in counts.items() if key and n >= 2 and 2 * n >= len(pages)}
    if not running:
        return text
    kept = []
    for page, edge in zip(pages, edges, strict=True):
        lines = page.split("\n")
        kept.append("\n".join(line for line in lines
                              if _unnumbered(line.strip()) not in running or line.strip() not in edge))
    return "\f".join(kept)


_NUMBER_AT_AN_END = re.compile(rf"^{_PAGE_NUMBER}\s+|\s+{_PAGE_NUMBER}$")


def _unnumbered(line: str) -> str:
    """A running line without the page number it carries ("TITLE   Page 1 of 2", "3 TITLE"): the
    same on every page."""
    return _NUMBER_AT_AN_END.sub("", line).strip()


def _edge_lines(page: str) -> list[str]:
    """The first and last few short non-empty lines of a page, stripped."""
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    edge = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    return [line for line in edge if len(line) <= 80 and not line.endswith((".", ":", ";"))]


def remove_furniture(text: str) -> str:
    """Drop web-page furniture, page numbers, running headers/footers and "Appendix N" labels."""
    lines = text.split("\n")
    repeated = _repeated_lines(lines)
    kept = []
    for line in lines:
        if line and _is_furniture(line, repeated):
            continue
        kept.append(_LABEL_PREFIX.sub("", line) if len(line) < 200 else line)
    return "\n".join(kept)


def _is_furniture(line: str, repeated: set[str]) -> bool:
    if len(line) > settings().ingest.max_furniture_chars:
        return False
    return bool(_WEB_FURNITURE.search(line) or _PAGE_FURNITURE.match(line) or line in repeated)


def _repeated_lines(lines: list[str]) -> set[str]:
    """Short lines without sentence punctuation that recur: running headers and footers."""
    counts = Counter(line for line in lines if 0 < len(line) <= 80 and not line.endswith((".", ":", ";")))
    return {line for line, n in counts.items() if n >= settings().ingest.repeats_for_header and not line.startswith("-")}
