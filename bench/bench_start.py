"""Start-up: wall time of `pledgetrack --help`, `--version` and the store-only commands on the
sample store (median of 5 runs, each a fresh process), and which heavy modules each imported
(spaCy, scikit-learn, Alembic: none should be, for these commands on a store at the newest schema).

    .venv/bin/python bench/bench_start.py [--db PATH]

The sample store is out/bench-sample.db (made by bench_scale.py, or here by ingesting the sample
corpus when missing). Writes its section of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from report import update_section

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).with_name("pledgetrack")
COMMANDS = (["--help"], ["--version"], ["stats"], ["search", "nuclear deterrence"], ["statements", "--actor", "KOR"],
            ["threads"], ["statements", "--actor", "KOR", "-n", "0", "-f", "jsonl"])


def run(args: list[str]) -> float:
    """Median seconds of 5 runs."""
    times = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([str(BIN), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                       env={**os.environ, "COLUMNS": "120"})
        times.append(time.perf_counter() - t)
    return statistics.median(times)


HEAVY = ("spacy", "sklearn", "alembic")


def heavy_imports(args: list[str]) -> list[str]:
    """The heavy modules a run of the command imports."""
    probe = ("import sys; from pledgetrack.cli.main import app; sys.argv = ['pledgetrack', *sys.argv[1:]]\n"
             "try: app()\nexcept SystemExit: pass\n"
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return [m for m in last.split(",") if m in HEAVY]


def _store_size(db: str) -> tuple[int, int]:
    from pledgetrack.store import Store
    with Store.open(db) as store:
        summary = store.summary()
    return summary["documents"], summary["statements"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default=str(ROOT / "out" / "bench-sample.db"))
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()
    if not Path(args.db).exists():
        files = sorted((ROOT / "corpus" / "alliance").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
        subprocess.run([str(BIN), "ingest", *map(str, files), "--db", args.db], check=True)
    rows = []
    for cmd in COMMANDS:
        full = cmd if cmd[0].startswith("--") else [*cmd, "--db", args.db]
        seconds = run(full)
        rows.append(f"| `pledgetrack {' '.join(cmd)}` | {seconds:.2f} | {', '.join(heavy_imports(full)) or 'none'} |")
    documents, statements = _store_size(args.db)
    text = "\n".join([f"Sample store ({documents} documents, {statements:,} statements), SQLite; each run a fresh "
                      "process; tables print a page of 50 rows. Targets: help under 0.5 s, store-only commands "
                      "under 1 s. A store at the newest schema revision opens without Alembic (one query of its "
                      "version); the linker (scikit-learn) and spaCy load only in the commands that use them. "
                      f"Load average of the machine at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
                      "", f"| command | seconds (median of 5) | heavy imports ({', '.join(HEAVY)}) |",
                      "| --- | ---: | :---: |", *rows])
    print(text)
    if not args.no_write:
        update_section("start", "Start-up", text)


if __name__ == "__main__":
    main()
