"""Article text out of an HTML page, without navigation, headers, footers and scripts.

Pages are parsed with libxml2's large-document option, so nesting up to its hard limit (about
2,000 levels) is read; a page nested deeper is refused with that reason, not as "empty"."""
from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError

from pledgetrack.errors import InputError
from pledgetrack.ingest.dates import find_dates

_FURNITURE = "//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//template"
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "tr"}
DATELINE_WINDOW = 1500  # an article that gives its date does so in its first lines
DATELINE_WORDS = 40
_EXTRACT: dict[str, Any] = {"include_comments": False, "include_tables": True, "favor_precision": True, "deduplicate": False}


# A footnote's mark in the text ("Partnership<sup>1</sup>", "<sup><a href="#fn2">[2]</a></sup>"): no word of
# the sentence (an ordinal's "51<sup>st</sup>" is, and stays).
_FOOTNOTE_MARK = re.compile(r"<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?\[?(?:\d{1,3}|[*†‡§¶])\]?\s*(?:</a>\s*)?</sup>", re.I)


def html_to_text(html: str, name: str) -> str:
    """The main text of ``html``, paragraphs separated by blank lines, with the page heading first."""
    html = _FOOTNOTE_MARK.sub("", html)
    text = trafilatura.extract(html, **_EXTRACT)
    if not text or not text.strip():  # deep nesting defeats the default parser: retry on the large-document tree
        text = trafilatura.extract(_parse(html, name), **_EXTRACT)
    if not text or not text.strip():
        text = _fallback_text(html, name)
    root = _tree(html)
    if root is None:
        return text
    heading = _heading(root)
    text = _number_ordered_items(root, text).lstrip()
    if heading and text.startswith(heading):
        text = text[len(heading):].lstrip()
    dateline = "" if _dated(text[:DATELINE_WINDOW]) else _dateline(root, text)  # last: it drops the furniture
    return "\n\n".join(part for part in (heading, dateline, text) if part)


def _tree(html: str) -> lxml.html.HtmlElement | None:
    """The page's element tree for what the extractor leaves out (heading, list numbers, dateline)."""
    try:
        return lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (ParserError, ValueError):
        return None


def _number_ordered_items(root: lxml.html.HtmlElement, text: str) -> str:
    """Items of the page's numbered lists (<ol>) with their numbers ("2. Allies commit ..."), as
    a reader cites them; the extractor writes every list item as "- ..."."""
    numbers: dict[str, int] = {}
    for ol in root.iter("ol"):
        start = int(ol.get("start", "1")) if ol.get("start", "1").isdigit() else 1
        for n, li in enumerate(ol.findall("li"), start=start):
            numbers.setdefault(_item_key(li.text_content()), n)
    if not numbers:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        number = numbers.get(_item_key(line[2:])) if line.startswith("- ") else None
        if number is not None:
            lines[i] = f"{number}. {line[2:]}"
    return "\n".join(lines)


def _item_key(text: str) -> str:
    return " ".join(text.split())[:60]


def _dated(text: str) -> bool:
    return any(d.year for d in find_dates(text))


def _dateline(root: lxml.html.HtmlElement, text: str) -> str:
    """A short line of the page outside its navigation that dates the statement ("Issued ... in
    Madrid 29 June 2031", a <time>), for an article whose extracted text gives no date: the
    extractor drops such lines as page furniture. Drops the navigation from ``root``."""
    for node in root.xpath(_FURNITURE):
        node.drop_tree()
    for el in root.iter("time", *_BLOCKS, "div", "span"):
        line = " ".join(el.text_content().split())
        if line and len(line.split()) <= DATELINE_WORDS and _dated(line) and line not in text:
            return line
    return ""


def _parse(html: str, name: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (ParserError, ValueError) as exc:
        raise InputError(f"{name}: unreadable HTML ({exc})") from None
    for entry in parser.error_log:
        if "Excessive depth" in entry.message:
            limit = "".join(ch for ch in entry.message.split(",")[0] if ch.isdigit()) or "too many"
            raise InputError(f"{name}: HTML nested too deeply to read (over {limit} levels of elements)")
    return root


def _heading(root: lxml.html.HtmlElement) -> str:
    """The page's first <h1>, else its <title>."""
    for xpath in ("//h1", "//title"):
        found = root.xpath(xpath)
        if found:
            heading = " ".join(found[0].text_content().split())
            if heading:
                return heading
    return ""


def _fallback_text(html: str, name: str) -> str:
    """Block-level text of <article>/<main>/<body> once page furniture is dropped."""
    root = _parse(html, name)
    for node in root.xpath(_FURNITURE):
        node.drop_tree()
    container = (root.xpath("//article") or root.xpath("//main") or root.xpath("//body") or [root])[0]
    blocks = [" ".join(el.text_content().split()) for el in container.iter() if el.tag in _BLOCKS]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(container.text_content().split())
