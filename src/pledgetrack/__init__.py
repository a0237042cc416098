"""pledgetrack: who promised what in alliance and summit joint statements, and what became of it."""
from .api import Collection, extract, extract_many, load
from .models import Document, DocumentMeta, ExtractedDocument, Statement

__version__ = "0.1.0"
__all__ = ["Collection", "Document", "DocumentMeta", "ExtractedDocument", "Statement", "extract",
           "extract_many", "load", "__version__"]
