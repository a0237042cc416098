"""The machine formats: ``diff --format json`` and ``link --format jsonl`` (docs/spec/INTERFACE.md)."""
from __future__ import annotations

import json
from typing import IO

from .diff import DiffResult


def diff_json(result: DiffResult, fh: IO[str]) -> None:
    json.dump(result.to_dict(), fh, ensure_ascii=False, indent=2)
    fh.write("\n")
