"""Article text out of an HTML page, without navigation, headers, footers and scripts.

Pages are parsed with libxml2's large-document option, so nesting up to its hard limit (about
2,000 levels) is read; a page nested deeper is refused with that reason, not as "empty"."""
from __future__ import annotations

from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError

from pledgetrack.errors import InputError

_FURNITURE = "//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//template"
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "tr"}
_EXTRACT: dict[str, Any] = {"include_comments": False, "include_tables": True, "favor_precision": True, "deduplicate": False}


def html_to_text(html: str, name: str) -> str:
    """The main text of ``html``, paragraphs separated by blank lines, with the page heading first."""
    text = trafilatura.extract(html, **_EXTRACT)
    if not text or not text.strip():  # deep nesting defeats the default parser: retry on the large-document tree
        text = trafilatura.extract(_parse(html, name), **_EXTRACT)
    if not text or not text.strip():
        text = _fallback_text(html, name)
    heading = _heading(html)
    if heading and not text.lstrip().startswith(heading):
        text = f"{heading}\n\n{text}"
    return text


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


def _heading(html: str) -> str:
    """The page's first <h1>, else its <title>."""
    try:
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (ParserError, ValueError):
        return ""
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
