"""Fast start: help, the version and store-only commands never import spaCy (it loads only for
the commands that parse), nor scikit-learn (the linker), nor Alembic (a store at the newest
revision opens without it). Timings are in bench/bench_start.py; this checks what is imported."""
from __future__ import annotations

import subprocess
import sys

import pytest

_PROBE = """
import sys
from pledgetrack.cli.main import app
sys.argv = ["pledgetrack", *{args!r}]
try:
    app()
except SystemExit as exc:
    code = exc.code or 0
heavy = sorted(m for m in ("spacy", "thinc", "fastapi", "torch", "sklearn", "scipy", "alembic") if m in sys.modules)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def _heavy(args: list[str]) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", _PROBE.format(args=args)], capture_output=True, text=True,
                          timeout=120)
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY:"))
    return done.returncode, line[len("HEAVY:"):]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["stats", "--help"]])
def test_help_imports_nothing_heavy(args):
    assert _heavy(args) == (0, "")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # imports do not depend on the backend
def test_store_commands_do_not_load_spacy(seeded_url):
    for args in (["stats"], ["search", "alliance", "-n", "2"], ["statements", "--actor", "KOR"], ["threads"]):
        code, heavy = _heavy([*args, "--db", seeded_url])
        assert code == 0 and heavy == "", (args, heavy)
