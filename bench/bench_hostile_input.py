"""Hostile input: how fast and in how much memory it is refused.

    .venv/bin/python bench/bench_hostile_input.py [--time-limit 20] [--no-write]

Each case runs the real CLI in a fresh process and reads that process's wall time and peak
resident memory (``wait4``):

* .docx zip bombs of 0.6 MB and 3 MB (built by ``tests/hostile.py``; they unpack to about
  400 MB and 2 GB), and a 0.6 MB PDF whose content stream unpacks to 200 MB;
* a 19 MB plain text (under the 20 MB limit) ingested with a short file beside it, under a
  per-document time limit of ``--time-limit`` seconds: it is refused, the other is stored;
* ``pledgetrack serve``: a 500 MB POST (Content-Length) and an 800 MB chunked POST to a write
  endpoint without credentials; the server's memory before and after.

Writes its section of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import update_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from hostile import docx_bomb, pdf_bomb  # noqa: E402

CLI = [sys.executable, "-c", "from pledgetrack.cli.main import app; app()"]
SHORT = ("Joint Statement of the Example Consultative Meeting\n\n"
         "1. The Minister and the Secretary met in Lisbon on March 3, 2031.\n\n"
         "2. The two sides pledged to deepen cooperation on maritime security.\n")


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, last stderr line) of one CLI run."""
    t = time.perf_counter()
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in err.splitlines() if line.startswith("error:")] or err.splitlines()[-1:]
    return time.perf_counter() - t, usage.ru_maxrss / 1024, proc.returncode, " / ".join(lines)[:200]


def refusal_s(path: Path) -> float:
    """Seconds ``load_document`` takes to refuse ``path`` here (no process start, imports done)."""
    from pledgetrack.errors import InputError
    from pledgetrack.ingest import load_document
    t = time.perf_counter()
    try:
        load_document(path)
    except InputError:
        return time.perf_counter() - t
    raise SystemExit(f"{path.name} was not refused")


def long_text(path: Path, size: int) -> None:
    unit = ("The two sides pledged to expand joint exercises and agreed to review the plan each year, "
            "while both ministers reaffirmed their commitment to regional stability.\n\n")
    with path.open("w", encoding="utf-8") as fh:
        fh.write(SHORT + "\n")
        for _ in range(size // len(unit)):
            fh.write(unit)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post_big(port: int, size: int, chunked: bool) -> tuple[int | str, float]:
    """POST ``size`` bytes to a write endpoint; (status or error, seconds)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    block = b"x" * (1024 * 1024)
    t = time.perf_counter()
    try:
        conn.putrequest("POST", "/api/statements/1/review")
        conn.putheader("Content-Type", "application/json")
        if chunked:
            conn.putheader("Transfer-Encoding", "chunked")
        else:
            conn.putheader("Content-Length", str(size))
        conn.endheaders()
        sent = 0
        while sent < size:
            conn.send(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
            sent += len(block)
        if chunked:
            conn.send(b"0\r\n\r\n")
        status: int | str = conn.getresponse().status
    except (OSError, http.client.HTTPException):
        try:  # the server answered and closed while we were still sending
            status = conn.getresponse().status
        except (OSError, http.client.HTTPException) as exc:
            status = type(exc).__name__
    finally:
        conn.close()
    return status, time.perf_counter() - t


def web_cases(db: Path) -> list[str]:
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/api/summary")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        before = _rss_mb(proc.pid)
        for label, size, chunked in (("500 MB POST, Content-Length", 500 << 20, False),
                                     ("800 MB POST, chunked", 800 << 20, True)):
            status, seconds = post_big(port, size, chunked)
            time.sleep(1)
            rows.append(f"| {label} | {status} in {seconds:.2f} s | {before:.0f} MB → {_rss_mb(proc.pid):.0f} MB |")
    finally:
        proc.terminate()
        proc.wait(15)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time-limit", type=float, default=20.0, help="per-document limit for the long text (s)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pledgetrack-hostile-"))
    cli_rows = []
    for mb in (0.6, 3):
        bomb = work / f"bomb-{mb}mb.docx"
        unpacked = docx_bomb(bomb, mb)
        seconds, rss, code, line = run(["extract", str(bomb), "--format", "jsonl"])
        cli_rows.append(f"| .docx zip bomb, {bomb.stat().st_size / 1e6:.1f} MB (unpacks to {unpacked / 1e6:,.0f} MB) "
                        f"| `extract` | {seconds:.2f} ({refusal_s(bomb) * 1000:.0f} ms) | {rss:.0f} | {code} | {line} |")
    pdf = work / "bomb.pdf"
    pdf_bomb(pdf, 200)
    seconds, rss, code, line = run(["extract", str(pdf), "--format", "jsonl"])
    cli_rows.append(f"| PDF, {pdf.stat().st_size / 1e6:.1f} MB, one stream unpacking to 200 MB | `extract` | "
                    f"{seconds:.2f} ({refusal_s(pdf) * 1000:.0f} ms) | {rss:.0f} | {code} | {line} |")
    text, short = work / "long.txt", work / "short.txt"
    long_text(text, 19 * 1024 * 1024)
    short.write_text(SHORT, encoding="utf-8")
    db = work / "store.db"
    seconds, rss, code, line = run(["ingest", str(text), str(short), "--db", str(db)],
                                   env={"PLEDGETRACK_TIME_LIMIT": f"{args.time_limit:g}"})
    from pledgetrack.store import Store
    with Store.open(db) as store:
        stored = [d["name"] for d in store.documents()]
    cli_rows.append(f"| 19 MB text + a short file, limit {args.time_limit:g} s | `ingest` | {seconds:.2f} | {rss:.0f} | "
                    f"{code} | {line}; stored: {', '.join(stored) or 'nothing'} |")
    web_rows = web_cases(db)
    body = ("Each case in a fresh process (seconds include starting it; in brackets, the refusal alone, "
            "timed in one warm process); peak resident memory of that process.\n\n"
            "| input | command | seconds | peak RSS (MB) | exit | message |\n| --- | --- | ---: | ---: | ---: | --- |\n"
            + "\n".join(cli_rows)
            + "\n\n`pledgetrack serve`, no credentials, to `/api/statements/1/review` (body cap 1 MiB):\n\n"
            "| request | answer | server RSS before → after |\n| --- | --- | --- |\n" + "\n".join(web_rows))
    print(body)
    if not args.no_write:
        update_section("hostile", "Hostile input", body)


if __name__ == "__main__":
    main()
