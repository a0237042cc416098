"""Web load test: requests per second and latency at 1, 8 and 32 clients, over loopback.

    .venv/bin/python bench/bench_web_load.py [--db FILE|URL] [--workers N] [--cell 1.2] [--rounds 3]

Starts ``pledgetrack serve`` (the real CLI and uvicorn) over a store of the sample corpus
(``out/bench-web.db``, or a ``postgresql://`` URL; the corpus is ingested once when the store
is missing or empty); for each page and 1, 8 and 32 clients sends
requests back to back on keep-alive connections for ``--cell`` seconds (the clients are one
asyncio loop in a process of their own, ``load_client.py``), then lets the server
catch up (at most 3 s). The whole sweep is run ``--rounds`` times, so that every cell is measured
at three moments of the run rather than once (a 3 s cell measured once moved by 25% between runs on
a shared machine); the run stays near 60 s with the defaults. It reports each cell's median req/s
over the rounds, p50/p95/p99 latency of all its answers
and errors (any answer but 200, and requests over 10 s); a request still open half a second
after its cell ends is cut off and counted as unfinished. The server's resident memory (all its
processes) is read idle, at its peak under load, and 3 s after the load. Writes its section
of docs/benchmarks.md (one per backend and worker count).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from report import update_section

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = (1, 8, 32)
TIMEOUT_S = 10.0  # one request; a slower answer counts as an error
DRAIN_S = 3.0  # at most this long between cells for the server to finish what is queued
AFTER_S = 3.0  # memory is read again this long after the load stops
GRACE_S = 0.5  # a request still unanswered this long after its cell ends is cut off (an error)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli() -> list[str]:
    return [sys.executable, "-c", "from pledgetrack.cli.main import app; app()"]


def build_store(db: str) -> None:
    if "://" not in db:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    print(f"building {db} from corpus/ (once)...", file=sys.stderr)
    subprocess.run([*_cli(), "ingest", str(ROOT / "corpus"), "--db", db], check=True)


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    pids, total = [pid], 0
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _get(conn: http.client.HTTPConnection, path: str) -> int:
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status


class Server:
    def __init__(self, db: str, workers: int) -> None:
        self.port = _free_port()
        env = dict(os.environ)
        self.proc = subprocess.Popen([*_cli(), "serve", "--db", db, "--port", str(self.port),
                                      "--workers", str(workers)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                if _get(conn, "/api/summary") == 200:
                    conn.close()
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"server did not start: {self.proc.stderr.read().decode()[-400:]}")

    def rss_mb(self) -> float:
        return _tree_rss_mb(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def load(port: int, path: str, clients: int, seconds: float, peak: list[float], server: Server) -> dict:
    """``clients`` keep-alive connections requesting ``path`` back to back for ``seconds``
    (``load_client.py``, one asyncio loop in a process of its own)."""
    cmd = [sys.executable, str(Path(__file__).with_name("load_client.py")), str(port), path, str(clients),
           str(seconds), "--grace", str(GRACE_S), "--timeout", str(TIMEOUT_S)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    while proc.poll() is None:
        peak[0] = max(peak[0], server.rss_mb())
        time.sleep(0.25)
    out = json.loads(proc.stdout.read() if proc.stdout else "{}")
    return _summary(out["latencies"], out["errors"], out["unfinished"], [len(out["latencies"]) / out["elapsed"]])


def _summary(latencies: list[float], errors: int, unfinished: int, rps: list[float]) -> dict:
    ms = sorted(latencies)

    def pct(q: float) -> float:
        return ms[min(len(ms) - 1, int(q * len(ms)))] if ms else float("nan")
    return {"requests": len(ms), "errors": errors, "unfinished": unfinished, "rps": statistics.median(rps),
            "rps_each": rps, "latencies": ms, "p50": statistics.median(ms) if ms else float("nan"), "p95": pct(0.95),
            "p99": pct(0.99)}


def combined(runs: list[dict]) -> dict:
    """One cell over its rounds: the median req/s, the latencies and counts of all of them."""
    return _summary([x for r in runs for x in r["latencies"]], sum(r["errors"] for r in runs),
                    sum(r["unfinished"] for r in runs), [r["rps"] for r in runs])


def backend_and_pages(db: str) -> tuple[str, dict[str, str]]:
    """The store's backend and the pages to load (the corpus ingested first when the store is empty)."""
    from pledgetrack.store import Store
    with Store.open(db) as store:
        empty = not store.documents()
    if empty:
        build_store(db)
    with Store.open(db) as store:
        backend = store.backend
        name = max(store.documents(), key=lambda d: d["statements"])["name"]  # the longest reader page
    return backend, {"collection": "/", "reader": f"/documents/{quote(name)}", "search": "/statements?q=nuclear+deterrence",
            "API": "/api/statements?actor=KOR&limit=20"}


def drain(port: int) -> float:
    """Waits (at most DRAIN_S) until a cheap request is answered quickly again; returns the wait."""
    t = time.monotonic()
    while time.monotonic() - t < DRAIN_S:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=DRAIN_S)
        s = time.perf_counter()
        try:
            _get(conn, "/static/style.css")
        except OSError:
            pass
        finally:
            conn.close()
        if time.perf_counter() - s < 0.05:
            break
        time.sleep(0.1)
    return time.monotonic() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=str(ROOT / "out" / "bench-web.db"), help="SQLite file or postgresql:// URL")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--cell", type=float, default=1.2, help="seconds of load per page and client count, each round")
    ap.add_argument("--rounds", type=int, default=3, help="sweeps of every page and client count")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = ap.parse_args()
    backend, targets = backend_and_pages(args.db)
    began = time.monotonic()
    load_before = os.getloadavg()[0]
    server = Server(args.db, args.workers)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for path in targets.values():  # warm: templates, caches, connections
            _get(conn, path)
        conn.close()
        idle = server.rss_mb()
        peak = [idle]
        cells: dict[tuple[str, int], list[dict]] = {}
        for _ in range(args.rounds):
            for label, path in targets.items():
                for clients in CLIENTS:
                    r = load(server.port, path, clients, args.cell, peak, server)
                    r["drain"] = drain(server.port)
                    cells.setdefault((label, clients), []).append(r)
                    print(f"{label:12} c={clients:2}: {r['rps']:7.1f} req/s  p50 {r['p50']:7.0f} ms  "
                          f"p95 {r['p95']:7.0f}  p99 {r['p99']:7.0f}  errors {r['errors']}  unfinished {r['unfinished']}"
                          f"  drained in {r['drain']:.1f} s", file=sys.stderr)
        rows = [(label, clients, combined(runs)) for (label, clients), runs in cells.items()]
        time.sleep(AFTER_S)
        after = server.rss_mb()
    finally:
        server.stop()
    total = time.monotonic() - began
    table = ["| page | clients | req/s (median) | req/s each round | p50 (ms) | p95 (ms) | p99 (ms) | answered | unfinished | errors |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, clients, r in rows:
        each = " / ".join(f"{x:.0f}" for x in r["rps_each"])
        table.append(f"| {label} | {clients} | {r['rps']:.1f} | {each} | {r['p50']:.0f} | {r['p95']:.0f} | "
                     f"{r['p99']:.0f} | {r['requests']} | {r['unfinished']} | {r['errors']} |")
    paths = ", ".join(f"{k} `{v}`" for k, v in targets.items())
    body = (f"`pledgetrack serve --workers {args.workers}` (uvicorn) over the sample corpus store ({backend}), loopback, "
            f"keep-alive connections, {args.rounds} rounds of {args.cell:g} s per cell, {total:.0f} s in all; the machine's load average "
            f"was {load_before:.1f} before the run (other work shares its cores). Pages: {paths}. "
            f"Unfinished: requests still waiting {GRACE_S:g} s after their cell ended (cut off, the client hangs "
            f"up; not in the latencies). Errors: answers other than 200 and requests over {TIMEOUT_S:.0f} s.\n\n"
            + "\n".join(table)
            + f"\n\nServer memory (all its processes): idle {idle:.0f} MB, peak under load {peak[0]:.0f} MB, "
            f"{after:.0f} MB {AFTER_S:g} s after the load.")
    print(body)
    if not args.no_write:
        workers = f"{args.workers} worker{'s' if args.workers > 1 else ''}"
        if backend == "sqlite":  # the sections of the SQLite runs keep their names
            update_section(f"web-load-w{args.workers}", f"Web load ({workers})", body)
        else:
            update_section(f"web-load-{backend}-w{args.workers}", f"Web load ({workers}, {backend})", body)


if __name__ == "__main__":
    main()
