"""Status tracking: threads with their status and evidence, suggested evidence, and G7-style
compliance scores per party (deadlines passed without evidence: ``deadlines``).

A commitment that no thread holds is tracked on its own, as thread ``S-<statement key>``, so
status tracking works before (or without) the linker.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date as Date
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..config import settings
from ..link.reliability import reliability
from . import query
from . import schema as t
from .errors import StoreError
from .records import STATUSES, now, row_dict
from .review import audit

# A report of something done: a completion verb in the past tense or perfect, or the noun of
# a completion ("the signing of", "the launch of"), or "successfully". A pledge to complete is not one.
COMPLETION = re.compile(
    r"\b(?:(?:complet|achiev|conclud|sign|certifi|establish|launch|fulfill|finaliz|finalis|implement|accomplish|"
    r"deliver|ratifi|attain|reach|open|inaugurat|conduct|transferr|endors|adopt|relocat)ed|held|"
    r"(?:signing|completion|conclusion|launch|establishment|ratification|inauguration|entry into force)\s+of)\b",
    re.I)


def words(text: str) -> set[str]:
    """Content words, as linking reads them (one notion of a word for linking and evidence)."""
    from ..link.features import content_words  # the linker (scikit-learn) loads only for evidence
    return set(content_words(text, {}))


def normalise_status(status: str) -> str:
    s = status.strip().lower().replace(" ", "_").replace("-", "_")
    if s not in STATUSES:
        raise StoreError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    return s


# --- threads as the store shows them -----------------------------------------------------------

def _evidence(conn: Connection, tid: str | None = None) -> dict[str, list[dict[str, Any]]]:
    q = sa.select(t.evidence).order_by(t.evidence.c.id)
    if tid:
        q = q.where(t.evidence.c.thread_id == tid)
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(q):
        out.setdefault(r.thread_id, []).append(row_dict(r))
    return out


def _brief(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r[k] for k in ("id", "key", "ext_id", "doc", "date", "act", "actors", "commitment", "strength",
                              "topics", "deadlines", "sentence", "review")}


def _members(conn: Connection, tid: str) -> list[dict[str, Any]]:
    """The statements that may belong to thread ``tid`` (a superset: ``threads`` groups them), read
    alone: the candidates by the thread's steps and the reviews that moved a statement to it, then
    those rows only, so that no query plan reads every statement."""
    rows = query.statements(conn, query.Filters(thread=tid), ids=query.thread_candidates(conn, tid))
    if not tid.startswith("S-"):
        return rows
    own = set(conn.execute(sa.select(t.statements.c.id).where(t.statements.c.key == tid[2:])).scalars())
    if own - {r["id"] for r in rows}:  # the lone commitment itself: one listing of both, in order
        rows = query.statements(conn, query.Filters(), ids=own | {r["id"] for r in rows})
    return rows


def _threads_of(r: dict[str, Any], held: dict[str, list[str]]) -> list[str | None]:
    """The threads a statement row is in: each that holds it as linked (two, where it merged two
    pledges), unless a reviewer moved it to one."""
    return [r["thread"]] if "thread" in (r.get("extracted") or {}) else held.get(r["key"], [r["thread"]])


def statement_threads(conn: Connection, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """For statement rows (as ``query.statements`` gives them), the threads each is in, with their
    titles, by statement key."""
    held = query.thread_holders(conn, keys=[r["key"] for r in rows])
    tids = {r["key"]: [i for i in _threads_of(r, held) if i] for r in rows}
    wanted = sorted({i for v in tids.values() for i in v})
    titles: dict[str, str] = {}
    for n in range(0, len(wanted), 500):
        q = sa.select(t.threads.c.id, t.threads.c.title).where(t.threads.c.id.in_(wanted[n:n + 500]))
        titles.update((r.id, r.title) for r in conn.execute(q))
    return {k: [{"id": i, "title": titles.get(i) or ""} for i in v] for k, v in tids.items()}


def threads(conn: Connection, *, singletons: bool = False, tid: str | None = None) -> list[dict[str, Any]]:
    """Threads with their (review-corrected) statements, steps, status and evidence (``tid``: that
    one only, reading only what it needs)."""
    rows = query.statements(conn, query.Filters()) if tid is None else _members(conn, tid)
    held = query.thread_holders(conn, tid=tid)
    by_thread: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        tids = _threads_of(r, held)
        for i in tids:
            if i:
                by_thread.setdefault(i, []).append(r)
        if not any(tids) and singletons and r["commitment"]:
            by_thread.setdefault(f"S-{r['key']}", []).append(r)
    def one(col: sa.Column[Any]) -> sa.ColumnElement[bool]:
        return col == tid if tid else sa.true()
    stored = {r.id: r for r in conn.execute(sa.select(t.threads).where(one(t.threads.c.id)))}
    steps: dict[str, list[dict[str, Any]]] = {}
    for s in conn.execute(sa.select(t.thread_steps).where(one(t.thread_steps.c.thread_id))
                          .order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position)):
        found = reliability(s.similarity)
        steps.setdefault(s.thread_id, []).append({**row_dict(s), "reliability": found.to_dict() if found else None})
    statuses = {r.thread_id: r for r in conn.execute(sa.select(t.thread_status).where(one(t.thread_status.c.thread_id)))}
    evidence = _evidence(conn, tid)
    ids = list(stored) + [k for k in by_thread if k not in stored]
    out = []
    for i in ids:
        if tid and i != tid:
            continue
        members = by_thread.get(i, [])
        row = stored.get(i)
        st = statuses.get(i)
        dates = [m["date"] for m in members if m["date"]]
        out.append({
            "id": i, "title": (row.title if row else "") or (members[0]["content"][:120] if members else ""),
            "series": row.series if row else (members[0]["series"] if members else None),
            "topics": list(row.topics) if row else (members[0]["topics"] if members else []),
            "status": st.status if st else "open", "note": st.note if st else None,
            "actors": sorted({a for m in members if m["commitment"] for a in m["actors"]}),
            "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
            "statements": [_brief(m) for m in members], "steps": steps.get(i, []),
            "evidence": evidence.get(i, []),
        })
    return out


def thread(conn: Connection, tid: str) -> dict[str, Any]:
    found = threads(conn, singletons=tid.startswith("S-"), tid=tid)
    if not found or (tid.startswith("S-") and not found[0]["statements"]):
        raise StoreError(f"no thread {tid}")
    return found[0]


# --- evidence ----------------------------------------------------------------------------------

# Still to come: "is to be accomplished", "would be expeditiously completed" ("has been signed" is done).
_NOT_YET = re.compile(r"(?:\bto|\bwill|\bwould|\bshould|\bcould|\bmay|\bmust|\bbe)\s+(?:\w+ly\s+)?$", re.I)
# A deed named as still ahead: "the forthcoming launch of", "the planned signing of".
_PROSPECTIVE = re.compile(r"\b(?:forthcoming|upcoming|planned|proposed|future|expected|prospective|eventual|"
                          r"possible|envisaged|intended|anticipated|early|swift|timely|speedy)\s+(?:\w+\s+)?$", re.I)
# A participle that qualifies a goal rather than reports a deed: "a world without X, achieved through ...".
_QUALIFYING = re.compile(r"^\s+(?:through|by means of|via)\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:s|['’]s)?\b")


def _completion(sentence: str) -> re.Match | None:
    """The first completion in ``sentence`` that is not still to come ("is to be accomplished")
    nor a participle that qualifies a goal ("achieved through a realistic approach")."""
    for m in COMPLETION.finditer(sentence):
        if _NOT_YET.search(sentence[max(0, m.start() - 30):m.start()]):
            continue
        if m.group(0).lower().endswith(" of") and _PROSPECTIVE.search(sentence[max(0, m.start() - 30):m.start()]):
            continue
        if sentence[max(0, m.start() - 2):m.start()].strip() == "," and _QUALIFYING.match(sentence[m.end():]):
            continue
        return m
    return None


def _before(sentence: str, first_date: str | None) -> bool:
    """Whether the sentence narrates only years before the thread began ("During the 1980s ...")."""
    years = [int(y) for y in _YEAR.findall(sentence)]
    return bool(years and first_date and max(years) < int(first_date[:4]))


def _without_parties(text: str) -> str:
    """``text`` with the names of countries and parties blanked: "U.S.-ROK" says who, not what."""
    from ..countries import find_countries  # (loads only for evidence)
    for start, end, _ in reversed(find_countries(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _own_clause(c: dict[str, Any]) -> str:
    """The statement's own words in its sentence: from its trigger to the end of its content. In
    "They highlighted the work of X and committed to the establishment of Y" the "highlighted"
    statement reports no establishment; the pledge beside it names one still to come."""
    sentence, content, trigger = c["sentence"], c.get("content") or "", c.get("trigger") or ""
    at = sentence.find(content) if content else -1
    end = at + len(content) if at >= 0 else len(sentence)
    start = sentence.find(trigger) if trigger else -1
    return sentence[start if 0 <= start < end else 0:end]


def _reports_done(c: dict[str, Any]) -> bool:
    """Whether a statement reports something done (not a new pledge that names a completion)."""
    if c.get("commitment") and c.get("trigger") and not COMPLETION.fullmatch(c["trigger"]):
        return False
    return _completion(_own_clause(c)) is not None


class WordSpread:
    """Words too common in a pool of statements to say what was done ("cooperation", "defense",
    "alliance"), and words rare enough to say it alone ("COTP", "counter-missile": in at most
    ``rare_word_share`` of its documents; a pool of a few documents has none). The pool grows by
    ``add``, whole documents at a time."""

    def __init__(self) -> None:
        self.statements = 0
        self.documents: set[str] = set()
        self.counts: dict[str, int] = {}
        self.in_docs: dict[str, int] = {}

    def add(self, pool: list[dict[str, Any]]) -> WordSpread:
        by_doc: dict[str, set[str]] = {}
        for c in pool:
            found = words(c["sentence"])
            for w in found:
                self.counts[w] = self.counts.get(w, 0) + 1
            by_doc.setdefault(c["doc"], set()).update(found)
        for found in by_doc.values():
            for w in found:
                self.in_docs[w] = self.in_docs.get(w, 0) + 1
        self.statements += len(pool)
        self.documents |= set(by_doc)
        return self

    def sets(self) -> tuple[set[str], set[str]]:
        cfg = settings().store.evidence
        limit = max(cfg.common_word_floor, cfg.common_word_share * self.statements)
        rare_limit = cfg.rare_word_share * len(self.documents)
        return ({w for w, k in self.counts.items() if k > limit}, {w for w, d in self.in_docs.items() if d <= rare_limit})


def _what_was_done(sentence: str, match: re.Match) -> set[str]:
    """The words around a completion: what was signed, launched, held ("the Cyber Challenge, held"),
    not counting the names of parties."""
    from ..link.features import content_words
    before = content_words(_without_parties(sentence[:match.start()]), {})[-3:]
    after = content_words(_without_parties(sentence[match.end():]), {})[:8]
    return set(before) | set(after)


def _document_parties(conn: Connection | None) -> dict[str, frozenset[str]]:
    if conn is None:
        return {}
    q = sa.select(t.documents.c.name, t.documents.c.parties).where(t.documents.c.superseded.is_(False))
    return {r.name: frozenset(r.parties or ()) for r in conn.execute(q)}


def _in_scope(c: dict[str, Any], series: str | None, parties: frozenset[str],
              doc_parties: dict[str, frozenset[str]]) -> bool:
    """A candidate speaks for the thread's parties: the same series, or a document of the same parties
    (a U.S.-Japan statement is no evidence for a ROK-U.S. pledge), and an actor of the thread acts."""
    if not set(c.get("actors") or ()) & parties:
        return False
    if series and c.get("series") and c["series"].lower() == series.lower():
        return True
    return (doc_parties.get(c["doc"]) or frozenset(c.get("actors") or ())) == parties


def _later(conn: Connection, f: query.Filters, spread: WordSpread | None = None) -> tuple[list[dict[str, Any]], WordSpread]:
    """The statements that pass ``f`` and report something done, whole, and the word spread of all
    of them (added to ``spread``): only the few that report something are read whole."""
    clauses = query.clauses(conn, f)
    spread = (spread or WordSpread()).add(clauses)
    done = {c["id"] for c in clauses if _reports_done(c)}
    return (query.statements(conn, f, ids=done) if done else []), spread


def suggest(conn: Connection | None, view: dict[str, Any], limit: int | None = None,
            candidates: list[dict[str, Any]] | None = None, spread: WordSpread | None = None,
            doc_parties: dict[str, frozenset[str]] | None = None) -> list[dict[str, Any]]:
    """Later statements that look like evidence, best first: a completion verb, the thread's series
    or parties, and the TF-IDF cosine of their words with the thread's statements (at most
    ``limit``, by default the configuration's ``store.evidence.suggestions``). ``candidates``: the
    statements after the thread (by default read from the store); ``spread``: the words of all
    of them, when ``candidates`` holds only those that report something done."""
    members = view["statements"]
    # Evidence is of a pledge kept: a thread of views and assessments has nothing to fulfil, and
    # an undated thread cannot tell what came after it.
    if not any(m.get("commitment") for m in members) or not view.get("last_date"):
        return []
    keys = {m["key"] for m in members}
    docs = {m["doc"] for m in members}
    last = view.get("last_date")
    doc_parties = _document_parties(conn) if doc_parties is None else doc_parties
    parties = frozenset().union(*(doc_parties.get(d, frozenset()) for d in docs)) or \
        frozenset().union(*(frozenset(m.get("actors") or ()) for m in members))
    if candidates is not None:
        pool = candidates
    elif conn is None:
        raise StoreError("suggesting evidence needs the store or the candidate statements")
    else:
        pool, spread = _later(conn, query.Filters(date_from=last))
    scoped = [c for c in pool if c["key"] not in keys and c["doc"] not in docs
              and (not last or (c["date"] and c["date"] > last)) and _reports_done(c)
              and _in_scope(c, view.get("series"), parties, doc_parties)]
    if not scoped:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ..link.features import content_words
    own_text = " ".join(m["sentence"] for m in members)
    texts = [own_text] + [c["sentence"] for c in scoped]
    matrix = TfidfVectorizer(analyzer=lambda text: content_words(text, {})).fit_transform(texts)
    cosines = (matrix[1:] @ matrix[0].T).toarray().ravel()
    own = words(own_text)
    common, rare = (spread or WordSpread().add(pool)).sets()
    cfg = settings().store.evidence
    out = []
    for c, score in zip(scoped, cosines, strict=False):
        shared = own & words(c["sentence"])
        if len(shared) < cfg.min_shared_words or score < cfg.min_score:
            continue
        # What was done must be what was pledged: telling words of the thread next to the completion,
        # in a sentence about the time since the thread began.
        clause = _own_clause(c)
        done = _completion(clause)
        if done is None or _before(c["sentence"], view.get("first_date")):
            continue
        telling = (_what_was_done(clause, done) & own) - common
        if len(telling) < cfg.min_telling_words and not telling & rare:
            continue
        verb = done.group(0)
        out.append({"statement": _brief(c), "score": round(float(score), 3), "verb": verb, "shared": sorted(shared),
                    "why": f"later statement ({c['date'] or 'undated'}) says '{verb}' and shares "
                           f"{', '.join(sorted(shared)[:6])}"})
    out.sort(key=lambda x: (-x["score"], x["statement"]["key"]))
    # Two statements of one sentence ("established X and signed Y") are one piece of evidence.
    seen: set[tuple[str, str]] = set()
    unique = []
    for x in out:
        where = (x["statement"]["doc"], x["statement"]["sentence"])
        if where not in seen:
            seen.add(where)
            unique.append(x)
    return unique[:cfg.suggestions if limit is None else limit]


def suggest_many(conn: Connection, views: list[dict[str, Any]], limit: int | None = None) -> list[list[dict[str, Any]]]:
    """``suggest`` for many threads at once, each later statement read once: the threads are taken
    from the latest last meeting back, the pool of statements after it growing as they go."""
    out: list[list[dict[str, Any]]] = [[] for _ in views]
    dated = sorted((i for i, v in enumerate(views) if v.get("last_date")), key=lambda i: views[i]["last_date"],
                   reverse=True)
    done: list[dict[str, Any]] = []  # of the pool, the statements that report something done
    spread, lowest = WordSpread(), None
    doc_parties = _document_parties(conn)
    for i in dated:
        last = views[i]["last_date"]
        if lowest is None or last < lowest:
            before = (Date.fromisoformat(lowest) - timedelta(days=1)).isoformat() if lowest else None
            more, _ = _later(conn, query.Filters(date_from=last, date_to=before), spread)
            done, lowest = more + done, last
        out[i] = suggest(conn, views[i], limit, candidates=done, spread=spread, doc_parties=doc_parties)
    return out


def set_status(conn: Connection, tid: str, status: str | None, note: str | None, user: str | None,
               evidence: Sequence[str] = (), url: str | None = None) -> dict[str, Any]:
    before_view = thread(conn, tid)
    before = {"status": before_view["status"], "note": before_view["note"], "evidence": len(before_view["evidence"])}
    if status is not None:
        status = normalise_status(status)
        existing = conn.execute(sa.select(t.thread_status).where(t.thread_status.c.thread_id == tid)).first()
        values = {"status": status, "note": note, "user": user, "updated_at": now()}
        if existing:
            conn.execute(sa.update(t.thread_status).where(t.thread_status.c.thread_id == tid).values(**values))
        else:
            conn.execute(sa.insert(t.thread_status).values(thread_id=tid, **values))
    for ident in evidence:
        s = query.resolve(conn, ident)
        if s is None:
            raise StoreError(f"no statement {ident}")
        conn.execute(sa.insert(t.evidence).values(thread_id=tid, kind="statement", statement_key=s["key"],
                                                  note=note, user=user, created_at=now()))
    if url or (note and status is None and not evidence):
        conn.execute(sa.insert(t.evidence).values(thread_id=tid, kind="link" if url else "note", url=url,
                                                  note=note, user=user, created_at=now()))
    view = thread(conn, tid)
    after = {"status": view["status"], "note": view["note"], "evidence": len(view["evidence"])}
    audit(conn, user, "thread", tid, "status", before, after)
    return view


def score_party(conn: Connection, tid: str, party: str, score: int, note: str | None, user: str | None) -> None:
    """A person's compliance score for one party (+1 full, 0 partial, -1 none), with a note."""
    if score not in (-1, 0, 1):
        raise StoreError("a compliance score is +1 (full), 0 (partial) or -1 (none)")
    thread(conn, tid)
    conn.execute(sa.insert(t.evidence).values(thread_id=tid, kind="score", party=party.upper(), score=score,
                                              note=note, user=user, created_at=now()))
    audit(conn, user, "thread", tid, "score", None, {"party": party.upper(), "score": score, "note": note})


def compliance(conn: Connection, tid: str) -> dict[str, Any]:
    """Per party: +1 full, 0 partial, -1 none, in the G7 Research Group manner, with the evidence."""
    view = thread(conn, tid)
    suggestions = suggest(conn, view)
    confirmed = []
    for e in view["evidence"]:
        if e["kind"] == "statement":
            s = query.resolve(conn, e["statement_key"])
            if s:
                confirmed.append(s)
    parties: dict[str, dict[str, Any]] = {}
    for party in view["actors"]:
        manual = [e for e in view["evidence"] if e["kind"] == "score" and e["party"] == party]
        mine = [s for s in confirmed if party in s["actors"]]
        hinted = [x for x in suggestions if party in x["statement"]["actors"]]
        if manual:
            score, why, ev = manual[-1]["score"], f"scored by {manual[-1]['user'] or 'a reviewer'}", manual[-1:]
        elif view["status"] == "fulfilled" or mine and view["status"] not in ("partially_fulfilled", "lapsed"):
            score, why, ev = 1, "fulfilled" if not mine else "confirmed evidence", [_brief(s) for s in mine]
        elif view["status"] in ("partially_fulfilled", "in_progress") or hinted:
            score = 0
            why = view["status"] if view["status"] != "open" else "suggested evidence, not yet confirmed"
            ev = [_brief(s) for s in mine] + [x["statement"] for x in hinted]
        elif view["status"] == "superseded":
            score, why, ev = None, "superseded by a later commitment", []
        else:
            score, why, ev = -1, "no evidence" if view["status"] == "open" else view["status"], []
        parties[party] = {"score": score, "reason": why, "evidence": ev}
    scored = [p["score"] for p in parties.values() if p["score"] is not None]
    return {"thread": tid, "status": view["status"], "parties": parties,
            "average": round(sum(scored) / len(scored), 2) if scored else None, "suggestions": suggestions}
