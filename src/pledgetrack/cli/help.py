"""Help texts without Python types: a flag shows no type, a value a readable placeholder
(``--db FILE|URL``, ``--date YYYY-MM-DD``, ``PATH...``), a choice its values."""
from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand

PLACEHOLDERS = {"db": "FILE|URL", "date": "YYYY-MM-DD", "since": "YYYY-MM-DD", "until": "YYYY-MM-DD",
                "today": "YYYY-MM-DD", "output": "FILE", "meta": "FILE", "topics": "FILE", "chart": "FILE",
                "html": "FILE", "config": "FILE", "workers": "N", "limit": "N", "min_docs": "N", "port": "N",
                "score": "-1|0|1", "evidence": "KEY", "user": "NAME", "url": "URL"}


def placeholder(param: Any) -> str:
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.is_choice and desc.choices:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    name = PLACEHOLDERS.get(param.name or "", (param.name or "value").upper().replace("_", "-"))
    return name + ("..." if param.nargs != 1 else "")


def tidy(param: Any) -> Any:
    """Gives ``param`` a placeholder (or none, for a flag) in place of its Python type."""
    if getattr(param, "is_flag", False):
        param.metavar = ""
    elif isinstance(param, TyperArgument):
        param.metavar = param.metavar or (param.name or "value").upper()  # the name says it; no type column
        param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
    elif param.metavar is None:
        param.metavar = placeholder(param)
    return param


class CleanHelpCommand(TyperCommand):
    """A command whose ``--help`` shows placeholders rather than ``<list[Path]>`` or ``<bool>``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            tidy(param)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        return tidy(option) if option is not None else None
