"""Which reader a file needs: by extension, else by its first bytes."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>")


def detect_kind(path: Path, data: bytes) -> str:
    """The document kind of ``path``: its extension decides, else its content."""
    kind = _BY_SUFFIX.get(path.suffix.lower())
    return kind if kind else sniff_kind(data)


def sniff_kind(data: bytes) -> str:
    """Guess the kind from content: PDF and DOCX signatures, HTML tags, else plain text."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else "binary"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") and b"<html" in head or head.startswith(_HTML_MARKERS):
        return "html"
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False
