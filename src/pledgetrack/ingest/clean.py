"""The clean-up pipeline: from text as read to the cleaned text that offsets point into."""
from __future__ import annotations

from pledgetrack.ingest.boilerplate import remove_furniture, remove_running_lines
from pledgetrack.ingest.headings import split_glued_headings
from pledgetrack.ingest.hyphenation import document_vocabulary, repair_inline_breaks
from pledgetrack.ingest.normalize import normalize_whitespace
from pledgetrack.ingest.reflow import join_broken_paragraphs, reflow


def clean_text(text: str) -> str:
    """Normalise spaces, drop furniture, undo wraps and hyphen breaks, rejoin split paragraphs."""
    text = normalize_whitespace(remove_running_lines(text))
    text = remove_furniture(text)
    vocab = document_vocabulary(text)
    text = reflow(text, vocab)
    text = repair_inline_breaks(text, vocab)
    text = join_broken_paragraphs(text)
    text = split_glued_headings(text)
    return text.strip()
