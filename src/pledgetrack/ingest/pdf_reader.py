"""Text out of a PDF file, page by page (pages separated by a form feed)."""
from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import LimitReachedError, PyPdfError

from pledgetrack.errors import InputError


def pdf_to_text(data: bytes, name: str) -> str:
    """The text layer of every page, joined by form feeds; raise on a corrupt or encrypted PDF."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{name}: encrypted PDF, cannot read its text")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except LimitReachedError:  # pypdf stops unpacking a stream at its output limit (75 MB)
        raise InputError(f"{name}: PDF refused: a stream unpacks past the reader's limit; "
                         "a decompression bomb or far too large") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, AssertionError) as exc:
        raise InputError(f"{name}: corrupt or unreadable PDF ({type(exc).__name__})") from None
    text = "\f".join(pages)
    if not text.strip():
        raise InputError(f"{name}: PDF has no text layer (scanned image?)")
    return text
