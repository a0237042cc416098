"""Errors that pledgetrack reports to its users as one clear line."""
from __future__ import annotations

import unicodedata

_LINE_BREAKING = {"Cc", "Zl", "Zp"}  # control characters, line and paragraph separators
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with every control character or line break written as an escape (``\\n``,
    ``\\x1b``, ``\\u2028``), so a file name cannot split, recolour or forge an error line."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in _LINE_BREAKING:
            code = ord(ch)
            out.append(_SHORT.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(ch)
    return "".join(out)


class PledgetrackError(Exception):
    """Base class: the message is shown to the user as is (on one line), with a non-zero exit."""

    def __init__(self, message: object = "", *args: object) -> None:
        super().__init__(one_line(str(message)), *args)


class InputError(PledgetrackError):
    """A file cannot be used: missing, unreadable, empty, binary, not English, too large or too slow."""


class ModelNotFoundError(PledgetrackError):
    """No spaCy English model is installed."""


class ConfigError(PledgetrackError):
    """A configuration file cannot be used: missing, not TOML, an unknown key or a wrong value."""
