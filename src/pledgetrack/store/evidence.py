"""Evidence suggestions: later statements that report a thread's pledge done.

A suggestion is a later statement of the thread's series or parties whose own clause reports
something done ("signed", "completed", "the launch of"), with telling words of the thread next
to the deed, ranked by the TF-IDF cosine of its words with the thread's statements.

Nothing here reads every later statement of the store. ``record`` keeps, for each document, how
many of its statements use each content word (``document_words``), the same summed over the
current documents (``word_spread``: whether a word is common or rare in the collection, and its
inverse document frequency), and its statements whose own clause reports something done, with
their words and the words next to the deed (``statement_completions``). A thread's candidates are
those rows after its last meeting that share its words; only they are read whole.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..config import settings
from . import query
from . import schema as t
from .errors import StoreError
from .records import brief

S, D, WD, WS, SC = t.statements, t.documents, t.document_words, t.word_spread, t.statement_completions

# A report of something done: a completion verb in the past tense or perfect, or the noun of
# a completion ("the signing of", "the launch of"), or "successfully". A pledge to complete is not one.
COMPLETION = re.compile(
    r"\b(?:(?:complet|achiev|conclud|sign|certifi|establish|launch|fulfill|finaliz|finalis|implement|accomplish|"
    r"deliver|ratifi|attain|reach|open|inaugurat|conduct|transferr|endors|adopt|relocat)ed|held|"
    r"(?:signing|completion|conclusion|launch|establishment|ratification|inauguration|entry into force)\s+of)\b",
    re.I)


@lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """Content words, as linking reads them (one notion of a word for linking and evidence); kept
    for the sentences met again (a page of threads shares its candidates)."""
    return frozenset(_term_counts(text))


@lru_cache(maxsize=65536)
def _term_counts(text: str) -> Counter[str]:
    """How often each content word is in ``text`` (do not change the Counter: it is shared)."""
    from ..link.features import content_words  # the linker (scikit-learn) loads only for evidence
    return Counter(content_words(text, {}))


# Still to come: "is to be accomplished", "would be expeditiously completed" ("has been signed" is done).
_NOT_YET = re.compile(r"(?:\bto|\bwill|\bwould|\bshould|\bcould|\bmay|\bmust|\bbe)\s+(?:\w+ly\s+)?$", re.I)
# A deed named as still ahead: "the forthcoming launch of", "the planned signing of".
_PROSPECTIVE = re.compile(r"\b(?:forthcoming|upcoming|planned|proposed|future|expected|prospective|eventual|"
                          r"possible|envisaged|intended|anticipated|early|swift|timely|speedy)\s+(?:\w+\s+)?$", re.I)
# A participle that qualifies a goal rather than reports a deed: "a world without X, achieved through ...".
_QUALIFYING = re.compile(r"^\s+(?:through|by means of|via)\b", re.I)
_NUMBERISH = re.compile(r"\d[\d,.]*|st|nd|rd|th")
_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:s|['’]s)?\b")


def completion(sentence: str) -> re.Match | None:
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


def own_clause(c: dict[str, Any]) -> str:
    """The statement's own words in its sentence: from its trigger to the end of its content. In
    "They highlighted the work of X and committed to the establishment of Y" the "highlighted"
    statement reports no establishment; the pledge beside it names one still to come."""
    sentence, content, trigger = c["sentence"], c.get("content") or "", c.get("trigger") or ""
    at = sentence.find(content) if content else -1
    end = at + len(content) if at >= 0 else len(sentence)
    start = sentence.find(trigger) if trigger else -1
    return sentence[start if 0 <= start < end else 0:end]


def reports_done(c: dict[str, Any]) -> bool:
    """Whether a statement reports something done (not a new pledge that names a completion)."""
    if c.get("commitment") and c.get("trigger") and not COMPLETION.fullmatch(c["trigger"]):
        return False
    return deed(own_clause(c)) is not None


def what_was_done(sentence: str, match: re.Match) -> set[str]:
    """The words around a completion: what was signed, launched, held ("the Cyber Challenge, held"),
    not counting the names of parties."""
    from ..link.features import content_words
    before = content_words(_without_parties(sentence[:match.start()]), {})[-3:]
    after = content_words(_without_parties(sentence[match.end():]), {})[:8]
    return set(before) | set(after)


@lru_cache(maxsize=65536)
def deed(clause: str) -> tuple[str, frozenset[str]] | None:
    """The completion a statement's own clause reports (its verb) and the words around it, what
    was done; None when it reports nothing done (kept for the clauses met again)."""
    found = completion(clause)
    return None if found is None else (found.group(0), frozenset(what_was_done(clause, found)))


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


# --- the index -----------------------------------------------------------------------------------

def record(conn: Connection, document_id: int) -> None:
    """Writes a document's rows of the index (as extracted; a review applies as they are read):
    the spread of its content words, added to the collection's while it is current, and its
    statements whose own clause reports something done."""
    current = conn.execute(sa.select(D.c.superseded).where(D.c.id == document_id)).scalar() is False
    if current:
        retire(conn, document_id)  # a document extracted again: its former words leave the spread
    conn.execute(sa.delete(WD).where(WD.c.document_id == document_id))
    conn.execute(sa.delete(SC).where(SC.c.document_id == document_id))
    counts: Counter[str] = Counter()
    done = []
    for r in conn.execute(sa.select(S.c.id, S.c.sentence, S.c.content, S.c.trigger).where(S.c.document_id == document_id)):
        found = words(r.sentence)
        counts.update(found)
        reported = deed(own_clause(dict(r._mapping)))
        if reported is not None:
            done.append({"statement_id": r.id, "document_id": document_id, "words": " ".join(sorted(found)),
                         "done_words": " ".join(sorted(reported[1]))})
    if counts:
        conn.execute(sa.insert(WD), [{"word": w, "document_id": document_id, "statements": n} for w, n in counts.items()])
    if done:
        conn.execute(sa.insert(SC), done)
    if current:
        reinstate(conn, document_id)


def retire(conn: Connection, document_id: int) -> None:
    """Takes a document's words out of the collection's spread (a version superseded)."""
    _add_to_spread(conn, document_id, -1)


def reinstate(conn: Connection, document_id: int) -> None:
    """Puts a document's words into the collection's spread (a version current again)."""
    _add_to_spread(conn, document_id, 1)


def _add_to_spread(conn: Connection, document_id: int, sign: int) -> None:
    rows = [{"word": w, "statements": sign * n, "documents": sign}
            for w, n in conn.execute(sa.select(WD.c.word, WD.c.statements).where(WD.c.document_id == document_id))]
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite
    insert = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(WS)
    conn.execute(insert.on_conflict_do_update(index_elements=[WS.c.word], set_={
        "statements": WS.c.statements + insert.excluded.statements,
        "documents": WS.c.documents + insert.excluded.documents}), rows)


class Spread(Protocol):
    """How widely words are used: by the collection, or by a pool of statements."""

    @property
    def statements(self) -> int:
        """How many statements the spread counts."""
        ...

    @property
    def documents(self) -> int:
        """How many documents they are in."""
        ...

    def counts_of(self, found: frozenset[str] | set[str]) -> dict[str, tuple[int, int]]:
        """Of ``found``, each word used, with how many statements and documents use it."""
        ...


def _judge(spread: Spread, counts: dict[str, tuple[int, int]], found: frozenset[str]) -> tuple[set[str], set[str]]:
    """Of ``found``, the words too common to tell what was done, and those rare enough to tell it alone."""
    cfg = settings().store.evidence
    common = max(cfg.common_word_floor, cfg.common_word_share * spread.statements)
    rare = cfg.rare_word_share * spread.documents
    return ({w for w in found if w in counts and counts[w][0] > common},
            {w for w in found if w in counts and counts[w][1] <= rare})


def _telling(spread: Spread, own: frozenset[str], series: str | None) -> tuple[frozenset[str], set[str]]:
    """Of a thread's words, those that may tell what was done, and the rare ones among them: not
    words too common in the collection, and not what names a meeting ("held during the 47th SCM":
    numbers, ordinal suffixes and the words of the series' name tell nothing of the deed)."""
    common, rare = _judge(spread, spread.counts_of(own), own)
    about_meetings = {w for w in own if _NUMBERISH.fullmatch(w)} | words(series or "")
    return own - common - about_meetings, rare


def _cosines(own: str, texts: list[str], spread: Spread, counts: dict[str, tuple[int, int]]) -> list[float]:
    """The TF-IDF cosine of each text with ``own``, the inverse document frequencies those of the
    spread's statements (smoothed as scikit-learn's): what the collection says, not what a handful
    of candidates happen to share."""
    def vector(text: str) -> dict[str, float]:
        tf = _term_counts(text)
        return {w: n * (math.log((1 + spread.statements) / (1 + counts.get(w, (0, 0))[0])) + 1) for w, n in tf.items()}

    mine = vector(own)
    norm = math.sqrt(sum(v * v for v in mine.values()))
    out = []
    for text in texts:
        theirs = vector(text)
        size = norm * math.sqrt(sum(v * v for v in theirs.values()))
        out.append(sum(v * theirs.get(w, 0.0) for w, v in mine.items()) / size if size else 0.0)
    return out


class WordSpread:
    """The spread of the words of a pool of statements held in memory: words too common in it to
    say what was done ("cooperation", "defense", "alliance"), and words rare enough to say it alone
    ("COTP", "counter-missile": in at most ``rare_word_share`` of its documents; a pool of a few
    documents has none)."""

    def __init__(self) -> None:
        self.statements = 0
        self.names: set[str] = set()
        self.counts: dict[str, int] = {}
        self.in_docs: dict[str, int] = {}

    @property
    def documents(self) -> int:
        return len(self.names)

    def add(self, pool: list[dict[str, Any]]) -> WordSpread:
        by_doc: dict[str, set[str]] = {}
        for c in pool:
            found = words(c["sentence"])
            for w in found:
                self.counts[w] = self.counts.get(w, 0) + 1
            by_doc.setdefault(c["doc"], set()).update(found)
        for used in by_doc.values():
            for w in used:
                self.in_docs[w] = self.in_docs.get(w, 0) + 1
        self.statements += len(pool)
        self.names |= set(by_doc)
        return self

    def counts_of(self, found: frozenset[str] | set[str]) -> dict[str, tuple[int, int]]:
        return {w: (self.counts[w], self.in_docs[w]) for w in found if w in self.counts}


class StoredSpread:
    """The spread of the words of the collection's current documents, read from ``word_spread``
    for the words asked about."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        current = sa.select(D.c.id).where(D.c.superseded.is_(False))
        q = sa.select(sa.func.count(), sa.func.count(sa.distinct(S.c.document_id))).where(S.c.document_id.in_(current))
        self.statements, self.documents = conn.execute(q).one()

    def counts_of(self, found: frozenset[str] | set[str]) -> dict[str, tuple[int, int]]:
        if not found:
            return {}
        q = sa.select(WS.c.word, WS.c.statements, WS.c.documents).where(WS.c.word.in_(sorted(found)),
                                                                         WS.c.documents > 0)
        return {w: (n, k) for w, n, k in self.conn.execute(q)}


@dataclass(frozen=True)
class _Candidate:
    """A statement of the index, light: enough to tell whether it may be a thread's evidence."""

    id: int
    date: str
    doc: str
    series: str | None
    words: frozenset[str]
    done_words: frozenset[str]


def _candidates(conn: Connection, after: str) -> list[_Candidate]:
    """The indexed statements of the current documents dated after ``after``, in date order."""
    q = (sa.select(SC.c.statement_id, D.c.date, D.c.name, D.c.series, SC.c.words, SC.c.done_words)
         .join(D, D.c.id == SC.c.document_id).where(D.c.superseded.is_(False), D.c.date > after)
         .order_by(D.c.date, SC.c.statement_id))
    return [_Candidate(r.statement_id, r.date, r.name, r.series, frozenset(r.words.split()),
                       frozenset(r.done_words.split())) for r in conn.execute(q)]


@dataclass
class _Asked:
    """What a thread asks of a candidate that its index row can tell (one of its telling words next
    to the deed: the candidates come from the posting lists of those words)."""

    last: str
    own: frozenset[str]
    telling: frozenset[str]
    rare: set[str]
    docs: set[str]
    series: str
    parties: frozenset[str]
    min_shared: int
    min_telling: int

    def may_be_evidence(self, c: _Candidate, doc_parties: dict[str, frozenset[str]]) -> bool:
        """Of another document, sharing enough of the thread's words, enough of its telling words
        (or a rare one) next to the deed, and of the thread's series or (where its document names
        them) parties."""
        told = c.done_words & self.telling
        if len(told) < self.min_telling and not told & self.rare:
            return False
        if c.doc in self.docs or len(c.words & self.own) < self.min_shared:
            return False
        if self.series and c.series and c.series.lower() == self.series:
            return True
        return not doc_parties.get(c.doc) or doc_parties[c.doc] == self.parties


def _parties(view: dict[str, Any], doc_parties: dict[str, frozenset[str]]) -> frozenset[str]:
    """The thread's parties: those its documents name, or else the actors of its statements."""
    members = view["statements"]
    return frozenset().union(*(doc_parties.get(m["doc"], frozenset()) for m in members)) or \
        frozenset().union(*(frozenset(m.get("actors") or ()) for m in members))


def _same_subject(candidate: dict[str, Any], topics: set[str]) -> bool:
    """Whether a later statement speaks of the thread's subject: it shares a topic with the thread's
    statements (where both have topics). The Olympic Truce the UN adopted is no evidence of a pledge
    to build back better, however many words the two share."""
    theirs = set(candidate.get("topics") or ())
    return not topics or not theirs or bool(topics & theirs)


def suggest(conn: Connection | None, view: dict[str, Any], limit: int | None = None,
            candidates: list[dict[str, Any]] | None = None, spread: Spread | None = None,
            doc_parties: dict[str, frozenset[str]] | None = None) -> list[dict[str, Any]]:
    """Later statements that look like evidence, best first: a completion verb, the thread's series
    or parties, a topic of the thread's, and the TF-IDF cosine of their words with the thread's statements (at most
    ``limit``, by default the configuration's ``store.evidence.suggestions``). ``candidates``: the
    statements after the thread (by default those of the store that may be evidence, through its
    index); ``spread``: how widely words are used (by default by ``candidates``; through the
    index, by the collection)."""
    if candidates is None:
        if conn is None:
            raise StoreError("suggesting evidence needs the store or the candidate statements")
        return suggest_many(conn, [view], limit)[0]
    members = view["statements"]
    # Evidence is of a pledge kept: a thread of views and assessments has nothing to fulfil, and
    # an undated thread cannot tell what came after it.
    if not any(m.get("commitment") for m in members) or not view.get("last_date"):
        return []
    keys = {m["key"] for m in members}
    docs = {m["doc"] for m in members}
    last = view.get("last_date")
    doc_parties = _document_parties(conn) if doc_parties is None else doc_parties
    parties = _parties(view, doc_parties)
    topics = set().union(*(m.get("topics") or () for m in members))
    scoped = [c for c in candidates if c["key"] not in keys and c["doc"] not in docs
              and (not last or (c["date"] and c["date"] > last)) and reports_done(c)
              and _in_scope(c, view.get("series"), parties, doc_parties) and _same_subject(c, topics)]
    if not scoped:
        return []
    own_text = " ".join(m["sentence"] for m in members)
    own = words(own_text)
    spread = spread or WordSpread().add(candidates)
    telling_words, rare = _telling(spread, own, view.get("series"))
    cfg = settings().store.evidence
    told: list[tuple[dict[str, Any], str, frozenset[str]]] = []  # what was done is what was pledged: telling words of the thread next to the
    for c in scoped:  # completion, in a sentence about the time since the thread began
        shared = own & words(c["sentence"])
        if len(shared) < cfg.min_shared_words:
            continue
        reported = deed(own_clause(c))
        if reported is None or _before(c["sentence"], view.get("first_date")):
            continue
        telling = reported[1] & telling_words
        if len(telling) >= cfg.min_telling_words or telling & rare:
            told.append((c, reported[0], shared))
    if not told:
        return []
    counts = spread.counts_of(own.union(*(words(c["sentence"]) for c, _, _ in told)))
    out: list[dict[str, Any]] = []
    for (c, verb, shared), score in zip(told, _cosines(own_text, [c["sentence"] for c, _, _ in told], spread, counts),
                                        strict=True):
        if score < cfg.min_score:
            continue
        out.append({"statement": brief(c), "score": round(float(score), 3), "verb": verb, "shared": sorted(shared),
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
    """``suggest`` for many threads at once through the store's index: its rows after the earliest
    of the threads read once, and only those that may be a thread's evidence read whole."""
    out: list[list[dict[str, Any]]] = [[] for _ in views]
    dated = [i for i, v in enumerate(views) if v.get("last_date") and any(m.get("commitment") for m in v["statements"])]
    if not dated:
        return out
    doc_parties = _document_parties(conn)
    spread = StoredSpread(conn)
    pool = _candidates(conn, min(views[i]["last_date"] for i in dated))
    dates = [c.date for c in pool]
    by_word: dict[str, list[int]] = {}  # a done word -> the places in the pool of the candidates with it
    for n, c in enumerate(pool):
        for w in c.done_words:
            by_word.setdefault(w, []).append(n)
    cfg = settings().store.evidence
    whole: dict[int, dict[str, Any]] = {}
    for i in dated:
        view = views[i]
        own = words(" ".join(m["sentence"] for m in view["statements"]))
        asked = _Asked(view["last_date"], own, *_telling(spread, own, view.get("series")),
                       {m["doc"] for m in view["statements"]}, (view.get("series") or "").lower(),
                       _parties(view, doc_parties), cfg.min_shared_words, cfg.min_telling_words)
        start = bisect_right(dates, asked.last)
        places = sorted({n for w in asked.telling for n in by_word.get(w, ()) if n >= start})
        ids = [pool[n].id for n in places if asked.may_be_evidence(pool[n], doc_parties)]
        unread = [x for x in ids if x not in whole]
        if unread:
            whole.update((r["id"], r) for r in query.statements(conn, query.Filters(), ids=unread))
        candidates = [whole[x] for x in ids if x in whole]
        out[i] = suggest(conn, view, limit, candidates=candidates, spread=spread, doc_parties=doc_parties)
    return out
