"""Read a file of any supported kind into text."""
from __future__ import annotations

from pathlib import Path

from pledgetrack.errors import InputError
from pledgetrack.ingest.docx_reader import docx_to_text
from pledgetrack.ingest.html_reader import html_to_text
from pledgetrack.ingest.markdown import markdown_to_text
from pledgetrack.ingest.pdf_reader import pdf_to_text
from pledgetrack.ingest.sniff import detect_kind
from pledgetrack.ingest.validate import decode_text


def read_source(path: Path, data: bytes) -> str:
    """The text of file ``path`` whose bytes are ``data``, chosen by extension or content."""
    name = path.name
    kind = detect_kind(path, data)
    if kind == "pdf":
        if not data.startswith(b"%PDF-"):
            raise InputError(f"{name}: corrupt or unreadable PDF (no PDF header)")
        return pdf_to_text(data, name)
    if kind == "docx":
        return docx_to_text(data, name)
    if kind == "binary":
        raise InputError(f"{name}: binary file, not a supported document")
    text = decode_text(data, name)
    if kind == "html":
        return html_to_text(text, name)
    if kind == "markdown":
        return markdown_to_text(text)
    return text
