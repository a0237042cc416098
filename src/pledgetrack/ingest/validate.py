"""Checks that reject unusable input with one clear line (an ``InputError``)."""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from pledgetrack.config import settings
from pledgetrack.errors import InputError

_EN_STOPWORDS = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "at", "from", "it", "be", "are", "was", "were", "this", "these", "those", "their", "its", "our", "we", "they", "he", "she", "his", "her", "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "not", "or", "but", "which", "who", "whom", "whose", "an", "also", "both", "all", "any", "such", "than", "then", "there", "other", "into", "been", "being", "do", "does", "did", "so", "if", "more", "most", "between", "through", "under", "over", "about", "after", "before"]
)
# Function words of other Latin-script languages that are not English words.
_FOREIGN_STOPWORDS = frozenset(
    ["le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que", "qui", "sur", "au", "aux", "avec", "sont", "ce", "cette", "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "zu", "von", "auf", "für", "sich", "el", "los", "las", "del", "y", "en", "por", "con", "para", "una", "es", "lo", "il", "di", "che", "della", "delle", "gli", "per", "sono", "non", "os", "da", "do", "em", "um", "uma", "são", "não"]
)
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_path(path: Path) -> None:
    """Raise if ``path`` is missing, not a file, unreadable, empty or over ``ingest.max_bytes``."""
    name = path.name
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"{name}: {_stat_problem(path, exc)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: not a file")
    if not os.access(path, os.R_OK):
        raise InputError(f"{name}: permission denied")
    size = info.st_size
    if size == 0:
        raise InputError(f"{name}: file is empty")
    if size > (most := settings().ingest.max_bytes):
        raise InputError(f"{name}: file too large ({_mb(size)} > {_mb(most)} limit)")


def _stat_problem(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be opened, in words: a link loop and a dangling link are not missing files."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link points back to itself)"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (its target {os.readlink(path)!r} does not exist)"
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot read file ({exc.strerror or exc})"


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when NUL bytes fall on one side of each byte pair (Latin-script
    text in UTF-16 saved without a byte order mark), else None."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even = sample[0:2 * pairs:2].count(0)
    odd = sample[1:2 * pairs:2].count(0)
    if odd > 0.7 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.7 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str) -> str:
    """Decode text bytes (UTF-8, UTF-16 with or without BOM, else cp1252); raise if they look binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data and (utf16 := _utf16_without_bom(data)):
        text = data.decode(utf16, errors="replace")
    elif b"\x00" in data:
        raise InputError(f"{name}: binary file, not a supported document")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    controls = len(_CONTROL.findall(text)) + text.count("\ufffd")
    if controls > max(2, len(text) // 100):
        raise InputError(f"{name}: binary file, not a supported document")
    return text


def check_text(text: str, name: str, *, language: bool = True) -> None:
    """Raise if ``text`` is blank, over ``ingest.max_bytes`` or (when ``language``) not English."""
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    size = len(text.encode("utf-8"))
    if size > (most := settings().ingest.max_bytes):
        raise InputError(f"{name}: text too large ({_mb(size)} > {_mb(most)} limit)")
    if language and not is_english(text):
        raise InputError(f"{name}: text is not English")


def is_english(text: str) -> bool:
    """A cheap language check: Latin script and enough English function words."""
    cfg = settings().ingest
    sample = text[:cfg.language_sample_chars]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return False
    latin = len(_LATIN_LETTER.findall(sample))
    if latin / letters < 0.7:
        return False
    words = [w.lower() for w in _WORD.findall(sample)]
    english = sum(1 for w in words if w in _EN_STOPWORDS)
    foreign = sum(1 for w in words if w in _FOREIGN_STOPWORDS)
    if len(words) < cfg.min_words_for_ratio:
        return foreign <= english
    return english / len(words) >= cfg.min_stopword_ratio and foreign < english
