"""Text out of a Word (.docx) file: its paragraphs and table rows, in document order.

The main document part is streamed out of the zip and parsed incrementally (each paragraph or
table is dropped once its text is taken), so memory stays small whatever the file holds. A zip
bomb is refused before any of it is decompressed: a part that declares more than
``ingest.docx_max_xml_bytes``, or a large part that declares more than ``ingest.docx_max_ratio``
times its compressed size. The declared size is also what ``zipfile`` stops reading at, and the bytes actually read
are counted again, so a lying header cannot get past the cap either.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO

from lxml import etree

from pledgetrack.config import settings
from pledgetrack.errors import InputError
from pledgetrack.ingest.docx_numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T, _TAB, _BR, _CR = (W + x for x in ("p", "tbl", "tr", "tc", "t", "tab", "br", "cr"))
_NO_BREAK_HYPHEN, _TEXT_BOX = W + "noBreakHyphen", W + "txbxContent"
_RELS = "_rels/.rels"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
DEFAULT_PART = "word/document.xml"

CHUNK = 256 * 1024


def docx_to_text(data: bytes, name: str) -> str:
    """Paragraphs and table rows (cells joined by " | ") of the body, separated by blank lines."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            main = _main_part(zf)
            info = zf.getinfo(main)
            _check_sizes(info, name)
            numbering = Numbering.from_parts(_part(zf, _sibling(main, "numbering.xml"), name),
                                             _part(zf, _sibling(main, "styles.xml"), name))
            with zf.open(info) as raw:
                blocks = list(_blocks(_Capped(raw, settings().ingest.docx_max_xml_bytes, name), name, numbering))
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, etree.XMLSyntaxError, EOFError,
            OSError, ValueError, NotImplementedError) as exc:
        raise InputError(f"{name}: corrupt or unreadable DOCX ({type(exc).__name__})") from None
    return "\n\n".join(blocks)


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (``word/document.xml`` usually)."""
    try:
        info = zf.getinfo(_RELS)
    except KeyError:
        return DEFAULT_PART
    if info.file_size > 1024 * 1024:
        return DEFAULT_PART
    root = etree.fromstring(zf.read(info), etree.XMLParser(resolve_entities=False, no_network=True))
    for rel in root:
        if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("Target"):
            return rel.get("Target").lstrip("/")
    return DEFAULT_PART


def _sibling(main: str, part: str) -> str:
    """A part beside the main document part ("word/numbering.xml" beside "word/document.xml")."""
    return f"{main.rsplit('/', 1)[0]}/{part}" if "/" in main else part


def _part(zf: zipfile.ZipFile, path: str, name: str) -> bytes | None:
    """The bytes of an optional part, checked like the main one; None when the package has none."""
    try:
        info = zf.getinfo(path)
    except KeyError:
        return None
    _check_sizes(info, name)
    with zf.open(info) as raw:
        return _Capped(raw, settings().ingest.docx_max_xml_bytes, name).readall()


def _check_sizes(info: zipfile.ZipInfo, name: str) -> None:
    size, packed, cfg = info.file_size, max(1, info.compress_size), settings().ingest
    if size > cfg.docx_max_xml_bytes:
        raise InputError(f"{name}: DOCX refused: its text part would unpack to {_mb(size)} "
                         f"(limit {_mb(cfg.docx_max_xml_bytes)}); a zip bomb or far too large")
    if size > cfg.docx_ratio_floor and size / packed > cfg.docx_max_ratio:
        raise InputError(f"{name}: DOCX refused: its text part unpacks {size // packed}x "
                         f"(limit {cfg.docx_max_ratio}x); a zip bomb")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


class _Capped(io.RawIOBase):
    """A read-only stream that raises once more than ``limit`` bytes have come out of ``raw``."""

    def __init__(self, raw: IO[bytes], limit: int, name: str) -> None:
        self.raw, self.limit, self.name, self.seen = raw, limit, name, 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(CHUNK if n is None or n < 0 else min(n, CHUNK))
        self.seen += len(data)
        if self.seen > self.limit:
            raise InputError(f"{self.name}: DOCX refused: its text part unpacks to more than "
                             f"{_mb(self.limit)}; a zip bomb or far too large")
        return data


def _blocks(stream: IO[bytes] | io.RawIOBase, name: str, numbering: Numbering) -> Iterator[str]:
    """Top-level paragraphs (with the number or bullet Word draws before them) and table rows as
    they end in the stream; each is freed once read."""
    tables = paragraphs = 0
    total, most = 0, settings().ingest.max_bytes
    for event, el in etree.iterparse(stream, events=("start", "end"), tag=(_P, _TBL),
                                     resolve_entities=False, no_network=True, huge_tree=False):
        if el.tag == _TBL:
            tables += 1 if event == "start" else -1
        else:
            paragraphs += 1 if event == "start" else -1
        if event != "end" or tables or paragraphs:
            continue  # inside a table or a text box: taken with its container
        found = _table_rows(el) if el.tag == _TBL else [_numbered(el, numbering)]
        for block in found:
            if block:
                total += len(block)
                if total > most:
                    raise InputError(f"{name}: text too large (over {_mb(most)} limit)")
                yield block
        el.clear(keep_tail=False)
        parent = el.getparent()
        while parent is not None and el.getprevious() is not None:
            del parent[0]


def _numbered(p: etree._Element, numbering: Numbering) -> str:
    mark = numbering.mark(p)  # counted even for an empty paragraph, as Word counts it
    text = _paragraph_text(p).strip()
    return mark + text if text else ""


def _paragraph_text(p: etree._Element) -> str:
    """The visible text of a paragraph's runs (tabs, breaks and no-break hyphens included;
    field codes, deleted text and text boxes left out)."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == _T:
                out.append(child.text or "")
            elif tag == _TAB:
                out.append("\t")
            elif tag in (_BR, _CR):
                out.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                out.append("-")
            elif tag not in (_TEXT_BOX, _P, _TBL):
                walk(child)

    walk(p)
    return "".join(out)


def _table_rows(tbl: etree._Element) -> list[str]:
    """Each row of a table as its distinct non-empty cells joined by " | "."""
    rows = []
    for tr in tbl.iterchildren(_TR):
        cells = []
        for tc in tr.iterchildren(_TC):
            text = "\n".join(_paragraph_text(p) for p in tc.iterchildren(_P)).strip()
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(dict.fromkeys(cells)))
    return rows
