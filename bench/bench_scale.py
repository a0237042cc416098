"""Search and listings at scale: a store of N statements (default 1,000,000) against the bare
full-text query of the same data.

    .venv/bin/python bench/bench_scale.py [--statements N] [--db PATH|URL] [--queries 200]

The store is built once (cached: a rerun continues or reuses it) from perturbed copies of the
sample corpus's statements: every copy of a document has its own name, date, content hash and
words (about one word in six replaced by another word of the corpus), and its own copies of the
sample's threads and a few review decisions (rejected or corrected statements). Documents,
statements, threads and corrections are written with the store's own row functions
(``store.records``) and inserts, in one transaction per copy of the collection, after the schema
was made by the migrations, so the full-text index is kept by its triggers (SQLite) or generated
column (PostgreSQL) as in any store. Extraction and linking are not re-run for the copies (the
sample's results are copied); ``bench_store.py`` measures those.

Measured, per query of a fixed, seeded set (single words, rare to common, word pairs, quoted
phrases, ``a OR b``), interleaved: the bare full-text query of the first page (FTS5 ``MATCH ...
ORDER BY rank LIMIT 20``, or ``@@`` and ``ts_rank`` on PostgreSQL), ``Store.search`` for the
same page (overlay, filters, highlights), the web search page (``/statements?q=``) and the API
(``/api/search``), both asked of a real server (uvicorn, one process) over one keep-alive
connection, as a browser would (Starlette's TestClient adds 3-4 ms of thread hand-offs a request
that no user pays). Also listings (first and a deep keyset page, a filter, facets), and the server's
peak memory under load. Writes its section of docs/benchmarks.md (one per backend).
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import sqlalchemy as sa
from report import update_section

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out"
WORD = re.compile(r"[A-Za-z]{4,}")
STOP = set(["that", "with", "this", "from", "have", "been", "were", "their", "there", "which", "will", "would", "shall", "should", "could", "these", "those", "them", "they", "also", "both", "each", "other", "such", "than", "then", "into", "onto", "upon", "about", "over", "under", "between", "among", "through", "during", "before", "after", "above", "below", "again", "further", "once", "here", "when", "where", "while", "more", "most", "only", "very", "just", "must"])


# --- the store ---------------------------------------------------------------------------------

def sample_store(path: Path):
    """The sample corpus ingested (extraction and linking for real), made once."""
    from pledgetrack.store import Store
    store = Store.open(path)
    if not store.documents():
        files = sorted((ROOT / "corpus" / "alliance").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
        print(f"ingesting the sample corpus into {path} ...", flush=True)
        store.ingest(files)
    return store


@dataclasses.dataclass
class Sample:
    docs: list
    statements: dict  # document id -> [statement rows]
    threads: list
    steps: dict  # thread id -> [step rows]
    vocabulary: list[str]


def read_sample(store) -> Sample:
    from pledgetrack.store import schema as t
    with store.engine.connect() as conn:
        docs = conn.execute(sa.select(t.documents).where(t.documents.c.superseded.is_(False))
                            .order_by(t.documents.c.id)).all()
        stmts: dict = {}
        for r in conn.execute(sa.select(t.statements).order_by(t.statements.c.id)):
            stmts.setdefault(r.document_id, []).append(r)
        threads = conn.execute(sa.select(t.threads).order_by(t.threads.c.id)).all()
        steps: dict = {}
        for r in conn.execute(sa.select(t.thread_steps).order_by(t.thread_steps.c.id)):
            steps.setdefault(r.thread_id, []).append(r)
    words = sorted({w.lower() for rows in stmts.values() for r in rows for w in WORD.findall(r.sentence)} - STOP)
    return Sample(list(docs), stmts, list(threads), steps, words)


def _perturb(sentence: str, rng: random.Random, vocabulary: list[str]) -> str:
    def swap(m: re.Match) -> str:
        return rng.choice(vocabulary) if rng.random() < 0.17 else m.group(0)
    return WORD.sub(swap, sentence)


def write_copy(conn, sample: Sample, n: int, model_version: str) -> int:
    """Copy ``n`` of the sample collection: documents, statements, threads, a few reviews."""
    from pledgetrack.store import deadlines, evidence
    from pledgetrack.store import schema as t
    from pledgetrack.store.records import document_from_row, document_to_row, now, statement_from_row, statement_to_row
    rng = random.Random(n)
    keys: dict[str, tuple[int, str]] = {}  # sample statement key -> (copy's row id, key)
    written = 0
    for d in sample.docs:
        doc = document_from_row(d)
        stem, _, suffix = doc.name.rpartition(".")
        doc.name = f"{stem}-c{n:04d}.{suffix}"
        doc.content_hash = hashlib.sha256(f"{d.content_hash}:{n}".encode()).hexdigest()
        if doc.meta.date:
            year = int(doc.meta.date[:4]) - (n % 30)
            doc.meta.date = f"{year:04d}{doc.meta.date[4:]}"
        row = {**document_to_row(doc), "model_version": model_version, "ingested_at": now()}
        doc_id = conn.execute(sa.insert(t.documents).values(**row, version=1, superseded=False)
                              .returning(t.documents.c.id)).scalar_one()
        rows = []
        originals = sample.statements.get(d.id, [])
        for r in originals:
            s = statement_from_row(r)
            s.doc = doc.name
            s.id = f"{doc.name}:{s.trigger_start}"
            s.sentence = _perturb(s.sentence, rng, sample.vocabulary)
            rows.append({**statement_to_row(s), "document_id": doc_id})
        if rows:
            conn.execute(sa.insert(t.statements), rows)
            ids = conn.execute(sa.select(t.statements.c.id, t.statements.c.key)
                               .where(t.statements.c.document_id == doc_id).order_by(t.statements.c.id)).all()
            for orig, new in zip(originals, ids, strict=False):
                keys[orig.key] = (new.id, new.key)
            deadlines.record(conn, doc_id)
            evidence.record(conn, doc_id)
        written += len(rows)
    thread_rows, step_rows = [], []
    for th in sample.threads:
        tid = f"{th.id}-c{n:04d}"[:64]
        thread_rows.append({"id": tid, "linker_id": th.linker_id, "title": th.title, "series": th.series,
                            "topics": list(th.topics)})
        for st in sample.steps.get(th.id, []):
            ref = keys.get(st.statement_key) if st.statement_key else None
            step_rows.append({"thread_id": tid, "position": st.position, "doc": st.doc, "date": st.date,
                              "label": st.label, "statement_id": ref[0] if ref else None,
                              "statement_key": ref[1] if ref else None, "reasons": list(st.reasons),
                              "similarity": st.similarity})
    if thread_rows:
        conn.execute(sa.insert(t.threads), thread_rows)
    if step_rows:
        conn.execute(sa.insert(t.thread_steps), step_rows)
    reviewed = rng.sample(list(keys.values()), k=min(len(keys), max(1, len(keys) // 200)))
    conn.execute(sa.insert(t.corrections), [
        {"key": key, "decision": "rejected" if i % 3 == 0 else "corrected",
         "changes": {} if i % 3 == 0 else {"actors": ["JPN"], "commitment": bool(i % 2)}, "user": "bench",
         "updated_at": now()} for i, (_, key) in enumerate(reviewed)])
    return written


def build(store, sample: Sample, target: int) -> tuple[int, float]:
    from pledgetrack.store import schema as t
    with store.engine.connect() as conn:
        have = conn.execute(sa.select(sa.func.count()).select_from(t.statements)).scalar() or 0
        copies = conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar() // len(sample.docs)
    per_copy = sum(len(v) for v in sample.statements.values())
    started = time.perf_counter()
    n = copies
    while have < target:
        with store.engine.begin() as conn:
            have += write_copy(conn, sample, n, "bench-copy")
        n += 1
        if n % 10 == 0:
            rate = (n - copies) * per_copy / (time.perf_counter() - started)
            print(f"  {have:,} statements ({rate:,.0f}/s)", flush=True)
    if store.backend == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        with store.engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
    return have, time.perf_counter() - started


# --- queries -------------------------------------------------------------------------------------

def query_set(sample: Sample, n: int) -> list[str]:
    rng = random.Random(42)
    counts: dict[str, int] = {}
    sentences = [r.sentence for rows in sample.statements.values() for r in rows]
    for s in sentences:
        for w in {w.lower() for w in WORD.findall(s)} - STOP:
            counts[w] = counts.get(w, 0) + 1
    common = sorted(counts, key=lambda w: -counts[w])[:300]
    rare = [w for w in counts if counts[w] <= 3]
    out: list[str] = []
    while len(out) < n:
        kind = len(out) % 5
        if kind == 0:
            out.append(rng.choice(common))
        elif kind == 1:
            out.append(rng.choice(rare) if rare else rng.choice(common))
        elif kind == 2:
            out.append(f"{rng.choice(common)} {rng.choice(common)}")
        elif kind == 3:
            words = [w for w in re.findall(r"[A-Za-z]+", rng.choice(sentences)) if len(w) > 2]
            i = rng.randrange(max(1, len(words) - 2))
            out.append('"' + " ".join(words[i:i + 2]) + '"')
        else:
            out.append(f"{rng.choice(common)} OR {rng.choice(rare or common)}")
    return out


def bare(conn, backend: str, q: str, limit: int = 20) -> list[int]:
    """The floor: the full-text index alone, first page, nothing joined."""
    from pledgetrack.store.fts import fts5_query
    if backend == "sqlite":
        sql = "SELECT rowid FROM statements_fts WHERE statements_fts MATCH :q ORDER BY rank LIMIT :n"
        return [r[0] for r in conn.execute(sa.text(sql), {"q": fts5_query(q), "n": limit})]
    sql = ("SELECT id FROM statements, websearch_to_tsquery('english', :q) q WHERE sentence_tsv @@ q "
           "ORDER BY ts_rank(sentence_tsv, q) DESC LIMIT :n")
    return [r[0] for r in conn.execute(sa.text(sql), {"q": q, "n": limit})]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return 1000 * (time.perf_counter() - t)


def best(fn, runs: int = 3) -> float:
    """Milliseconds of the fastest of ``runs`` (on a shared machine, the others wait for a core)."""
    return min(timed(fn) for _ in range(runs))


# --- the server under load -------------------------------------------------------------------------

def _rss_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Served:
    """The web app served by uvicorn (one process) over the store at ``url``, until ``close``."""

    def __init__(self, url: str, port: int = 8765) -> None:
        env = {**os.environ, "PLEDGETRACK_DB": url}
        self.proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "pledgetrack.web.app:create_app",
                                      "--port", str(port), "--log-level", "warning"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.base, self.port = f"http://127.0.0.1:{port}", port
        for _ in range(120):
            try:
                urllib.request.urlopen(self.base + "/api/summary", timeout=60).read()
                break
            except OSError:
                time.sleep(0.5)
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.idle_mb = _rss_peak_mb(self.proc.pid)  # just started, one request answered

    def get(self, path: str, **params: object) -> bytes:
        """``GET path?params`` on the keep-alive connection (again on a new one when the server
        closed it after its keep-alive timeout); raises unless 200."""
        target = path + ("?" + urllib.parse.urlencode(params) if params else "")
        try:
            self.conn.request("GET", target)
            r = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            self.conn.close()
            self.conn.request("GET", target)
            r = self.conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise RuntimeError(f"{path} {params}: {r.status}")
        return body

    def close(self) -> None:
        self.conn.close()
        self.proc.terminate()
        self.proc.wait(timeout=30)


def serve_under_load(server: Served, queries: list[str], seconds: float, clients: int) -> dict:
    base = server.base
    idle = server.idle_mb
    stop = time.time() + seconds
    done, errors, lock = [0], [0], threading.Lock()

    def worker(i: int) -> None:
        rng = random.Random(i)
        paths = ["/statements?q={q}", "/api/search?q={q}&limit=20", "/api/statements?limit=50&actor=KOR",
                 "/statements.json?limit=100&sort=-date"]
        while time.time() < stop:
            path = rng.choice(paths).format(q=urllib.request.quote(rng.choice(queries)))
            try:
                urllib.request.urlopen(base + path, timeout=120).read()
                with lock:
                    done[0] += 1
            except OSError:
                with lock:
                    errors[0] += 1

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return {"idle_mb": idle, "peak_mb": _rss_peak_mb(server.proc.pid), "requests": done[0], "errors": errors[0],
            "clients": clients, "seconds": seconds}




# --- the run ---------------------------------------------------------------------------------------

def _thread_view(store, tid: str) -> dict:
    """A thread as its page shows it, without the evidence suggestions (``status.thread``)."""
    from pledgetrack.store import status
    with store.engine.connect() as conn:
        return status.thread(conn, tid)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--db", help="SQLite file or postgresql:// URL [default: out/bench-scale-N.db]")
    ap.add_argument("--sample", default=str(OUT / "bench-sample.db"), help="the ingested sample corpus (made once)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--load-seconds", type=float, default=30)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    ap.add_argument("--build-only", action="store_true", help="build (or complete) the store and stop")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from pledgetrack.config import settings
    from pledgetrack.store import Store, db
    from pledgetrack.store import schema as t

    OUT.mkdir(exist_ok=True)
    sample = read_sample(sample_store(Path(args.sample)))
    url = args.db or str(OUT / f"bench-scale-{args.statements}.db")
    store = Store.open(url)
    total, build_s = build(store, sample, args.statements)
    print(f"{total:,} statements; built in {build_s:.0f} s", flush=True)
    if args.build_only:
        return
    backend = store.backend
    queries = query_set(sample, args.queries)
    server = Served(url if "://" in url else str(Path(url).resolve()))
    with store.engine.connect() as conn:
        for q in queries:  # warm the caches alike for every path
            bare(conn, backend, q)
    times: dict[str, list[float]] = {"bare": [], "bare50": [], "store": [], "web": [], "api": []}
    same_page = 0
    for i, q in enumerate(queries):
        got: dict[str, list] = {}
        with store.engine.connect() as conn:
            times["bare"].append(best(lambda: got.update(floor=bare(conn, backend, q))))
            times["bare50"].append(best(lambda: bare(conn, backend, q, 50)))
        times["store"].append(best(lambda: got.update(hits=store.search(q, limit=20))))
        same_page += [h.statement["id"] for h in got["hits"]] == got["floor"]
        times["web"].append(best(lambda: server.get("/statements", q=q)))
        times["api"].append(best(lambda: server.get("/api/search", q=q, limit=20)))
        if (i + 1) % 50 == 0:
            print(f"  {i + 1} queries; p50 so far: " + ", ".join(f"{k} {statistics.median(v):.1f} ms"
                                                             for k, v in times.items()), flush=True)
    probe = store.statements_page(sort="-date", limit=1).rows[0]
    probe_thread = store.threads_page(limit=1, steps=2, sort="-id").rows[0]["id"]
    summary_ms = timed(store.summary)  # the web keeps them while the store is unchanged
    with store.engine.begin() as conn:  # the sort keys stale, as after a write that does not carry them
        conn.execute(sa.delete(t.ingest_state).where(t.ingest_state.c.id == db.SORT_KEYS_ROW))
    made_ms = timed(lambda: store.threads_page(limit=50, sort="-last_date"))  # makes them
    server.get("/api/summary")
    listing = {
        "collection counts (`Store.summary`, computed)": summary_ms,
        "threads, first page (50, latest meeting first), the first since the store changed "
        "(makes the sort keys)": made_ms,
        "first page (50, date order)": timed(lambda: store.statements_page(limit=50)),
        "page 1,000 deep (keyset)": 0.0,
        "actor=KOR, first page": timed(lambda: store.statements_page(actor="KOR", limit=50)),
        "newest first, first page": timed(lambda: store.statements_page(sort="-date", limit=50)),
        "count, everything": timed(lambda: store.count()),
        "facets, everything": timed(lambda: store.facets()),
        "web /statements (page + count + facets)": timed(lambda: server.get("/statements")),
        "API /api/statements?limit=50&actor=KOR": timed(lambda: server.get("/api/statements", limit=50, actor="KOR")),
        "threads, first page (50, id order)": timed(lambda: store.threads_page(limit=50)),
        "threads, first page (50, latest meeting first), sort keys kept": timed(lambda: store.threads_page(limit=50, sort="-last_date")),
        "threads of series SCM, first page (50)": timed(lambda: store.threads_page(limit=50, series="SCM")),
        "threads on topic deterrence, first page (50)": timed(lambda: store.threads_page(limit=50, topic="deterrence")),
        "threads with a commitment of KOR, first page (50)": timed(lambda: store.threads_page(limit=50, actor="KOR")),
        "web /threads (spanning meetings: page + count)": timed(lambda: server.get("/threads")),
        "API /api/threads?limit=20": timed(lambda: server.get("/api/threads", limit=20)),
        "a statement by its pipeline id": timed(lambda: store.statement(probe["ext_id"])),
        "web /statements/{id}": timed(lambda: server.get(f"/statements/{probe['id']}")),
        "a thread's steps and members": timed(lambda: _thread_view(store, probe_thread)),
        "web /threads/{id} (with evidence suggestions)": timed(lambda: server.get(f"/threads/{probe_thread}")),
        "API /api/summary (again, unchanged store)": timed(lambda: server.get("/api/summary")),
        "deadlines passed without evidence, first page (50)": timed(lambda: store.deadlines_page(limit=50)),
        "API /api/deadlines?limit=50": timed(lambda: server.get("/api/deadlines", limit=50)),
    }
    cursor = None
    for _ in range(999):
        cursor = store.statements_page(cursor=cursor, limit=50).next
    listing["page 1,000 deep (keyset)"] = timed(lambda: store.statements_page(cursor=cursor, limit=50))
    store.close()
    try:
        load = serve_under_load(server, queries, args.load_seconds, args.clients)
    finally:
        server.close()
    def row(name: str, v: list[float], floor: list[float]) -> str:
        return (f"| {name} | {statistics.median(v):.1f} | {pct(v, 95):.1f} | "
                f"{statistics.median(v) / statistics.median(floor):.2f} | {pct(v, 95) / pct(floor, 95):.2f} |")
    rows = [row("bare full-text query, 20 hits (the floor)", times["bare"], times["bare"]),
            row("`Store.search`, 20 hits", times["store"], times["bare"]),
            row("API `/api/search`, 20 hits", times["api"], times["bare"]),
            row("bare full-text query, 50 hits (the floor)", times["bare50"], times["bare50"]),
            row(f"web search page `/statements?q=`, 50 hits, counts and facets of the best {settings().web.search_sample}",
                times["web"], times["bare50"])]
    floor = ("FTS5 `MATCH ... ORDER BY rank LIMIT 20`" if backend == "sqlite"
             else "`sentence_tsv @@ q ORDER BY ts_rank(...) DESC LIMIT 20`")
    text = "\n".join([
        f"Backend: {backend}; {total:,} statements in {total // sum(len(v) for v in sample.statements.values()):,} "
        f"perturbed copies of the sample corpus ({len(sample.docs)} documents a copy); built in "
        f"{build_s / 60:.1f} min this run (0 when cached). {len(queries)} queries (single words common and rare, "
        f"pairs, quoted phrases, a OR b), the first page; each time the fastest of 3 runs (the machine is "
        f"shared); floor: {floor}. "
        f"`Store.search` gave the floor's page, ids and order, for {same_page} of {len(queries)} queries "
        "(the others differ where hits tie on rank, which the floor leaves in any order, or a review rejected "
        "a hit of the floor's page).", "",
        "| path | p50 ms | p95 ms | p50 / floor | p95 / floor |", "| --- | ---: | ---: | ---: | ---: |", *rows, "",
        "| listing | ms |", "| --- | ---: |", *(f"| {k} | {v:.1f} |" for k, v in listing.items()), "",
        f"Server (uvicorn, one process) under load: {load['clients']} clients for {load['seconds']:.0f} s on search, "
        f"listing and API pages: {load['requests']:,} requests, {load['errors']} errors; resident memory "
        f"{load['idle_mb']:,.0f} MB after start, peak {load['peak_mb']:,.0f} MB."])
    print(text)
    if not args.no_write:
        update_section(f"scale-{backend}", f"Search and listings at scale ({backend})", text)


if __name__ == "__main__":
    main()
