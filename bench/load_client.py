"""The load generator of bench_web_load.py: N keep-alive HTTP/1.1 connections on one asyncio loop.

    .venv/bin/python bench/load_client.py PORT PATH CLIENTS SECONDS [--grace 0.5] [--timeout 10]

Run in a process of its own, so that the clients cost one event loop, not one Python thread
each contending for the interpreter with the others. Each connection sends ``GET PATH`` back to
back for SECONDS; prints one JSON object: the latencies (ms) of the 200 answers, the errors
(another status, a broken connection, an answer over the timeout) and the unfinished requests
(still waiting GRACE seconds after the cell ended: cut off, not errors).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import time


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Reads one response (Content-Length or chunked body) and returns its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _client(port: int, request: bytes, stop_at: float, grace: float, timeout: float, out: dict) -> None:
    reader = writer = None
    while time.monotonic() < stop_at:
        left = stop_at + grace - time.monotonic()
        t = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), min(timeout, left))
            writer.write(request)
            assert reader is not None
            status = await asyncio.wait_for(_read_response(reader), min(timeout, left))
            ok = status == 200
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            ok = False
            if writer is not None:
                writer.close()
            reader = writer = None
        if ok:
            out["latencies"].append((time.perf_counter() - t) * 1000)
        elif time.monotonic() >= stop_at and left < timeout:
            out["unfinished"] += 1
        else:
            out["errors"] += 1
    if writer is not None:
        writer.close()


async def run(port: int, path: str, clients: int, seconds: float, grace: float, timeout: float) -> dict:
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: keep-alive\r\n\r\n".encode()
    out: dict = {"latencies": [], "errors": 0, "unfinished": 0}
    started = time.perf_counter()
    stop_at = time.monotonic() + seconds
    await asyncio.gather(*(_client(port, request, stop_at, grace, timeout, out) for _ in range(clients)))
    out["elapsed"] = time.perf_counter() - started
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("port", type=int)
    ap.add_argument("path")
    ap.add_argument("clients", type=int)
    ap.add_argument("seconds", type=float)
    ap.add_argument("--grace", type=float, default=0.5)
    ap.add_argument("--timeout", type=float, default=10.0)
    a = ap.parse_args()
    print(json.dumps(asyncio.run(run(a.port, a.path, a.clients, a.seconds, a.grace, a.timeout))))


if __name__ == "__main__":
    main()
