"""Text out of a Word (.docx) file: its paragraphs and table cells, in order."""
from __future__ import annotations

import io

import docx

from pledgetrack.errors import InputError


def docx_to_text(data: bytes, name: str) -> str:
    """Paragraphs (and table rows) of the body, separated by blank lines."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own errors
        raise InputError(f"{name}: corrupt or unreadable DOCX ({type(exc).__name__})") from None
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                blocks.append(" | ".join(dict.fromkeys(cells)))
    return "\n\n".join(b.strip() for b in blocks if b.strip())
