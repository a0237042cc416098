"""Pair features for linking: how much a statement of one document looks like one of an earlier one.

``Vectors`` fits two TF-IDF models over every statement of the collection (scikit-learn): words
(lower-cased, stop words out, an acronym also brings the words of its expansion from the
collection glossary) and character n-grams inside words, which match "strengthen" with
"strengthening" without a stemmer. ``block_features`` gives, for the statements of one document
(rows) against those of one earlier document (columns), a matrix of features per pair:

- lexical: the two cosines, shared word pairs, agreements, acronyms, topics;
- what the statement does: same act, same act family, both commitments, same actors, deadlines;
- structure: communiqués of one series keep the order of their subjects, so the distance of a
  pair from the monotone alignment of the two documents (an isotonic fit through the clearest
  pairs) is strong evidence, and so is being each other's best match.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.preprocessing import MultiLabelBinarizer, normalize

from ..ingest.series import ORDINAL_WORDS
from ..models import ExtractedDocument, Statement
from ..nlp.lexicon import ACTS, PROCEDURAL
from .similarity import Profiles, act_family, statement_text
from .text import STOPWORDS, acronyms_in, words

FEATURES = ("word_cos", "char_cos", "bigram", "agreement", "acronym", "topic", "same_act", "same_family",
            "both_commitment", "one_commitment", "same_actors", "actor_overlap", "deadline_year",
            "alignment_gap", "row_best", "col_best", "row_margin", "col_margin",
            "meeting_bound", "completion", "mutual_best", "mutual_similarity", "aligned_similarity",
            "profile_similarity", "sentence_cos", "context_cos", "diagonal_support", "row_rank", "col_rank",
            "both_procedural", "one_procedural")

# A statement about its own meeting ("the 49th SCM", "this year's SCM", "the next meeting") is
# routine: the next meeting's line is about another meeting, not the same commitment. A meeting's
# name may be quoted or numbered ('the next "2+2" meeting'); its number spelled out from ten on ("the
# Sixtieth Leaders Meeting"; below ten, as often a body's own count: "the second meeting of the working group").
_SPELLED = "|".join(w for w, n in ORDINAL_WORDS.items() if n >= 10)
_MEETING_REF = re.compile(
    rf"\b(?:\d+(?:st|nd|rd|th)|(?i:{_SPELLED})|this year['’]s|next|this|today['’]s)\s+(?:[\w.\-–'’\"“”+]+\s+){{0,3}}?"
    r"(?:[\"“]?(?:[A-Z][A-Z0-9+\-]{1,8}|\d\+\d)|[Mm]eeting|[Ss]ummit|[Ss]ession|[Dd]ialogue|[Cc]onsultations?|[Cc]ouncil|"
    r"[Cc]onference|[Ff]orum|[Rr]ound|[Tt]alks|[Mm]inisterial)\b")
# Verbs that report a pledged thing done rather than pledge it again.
COMPLETION = re.compile(r"^(?:sign|complet|establish|held|hold|conclud|launch|achiev|finali[sz]|endors|adopt|"
                        r"open|inaugurat|ratif|accomplish|deliver|fulfil|implemented|carried|conducted|"
                        r"relocat|transferr|approv)", re.I)


# Past forms that do not end in "-ed" ("held", "gave"): a deed told done (reports_done, fulfil.past_deed).
IRREGULAR_PAST = frozenset({"held", "began", "undertook", "built", "won", "set", "made", "gave", "sent", "brought",
                            "took", "put", "sold", "spent", "led", "met", "paid", "lent", "taught", "sought"})


# A meeting named as a time ("for consideration at the next Leaders Meeting", "by the next SCM"): the
# statement is about something else, due then.
_AT_A_MEETING = re.compile(r"\b(?:at|by|before|until|ahead\s+of|prior\s+to)\s+(?:the\s+|its\s+|our\s+)?$", re.I)


def _meeting_refs(s: Statement) -> list[re.Match[str]]:
    """The statement's mentions of its own or the next meeting (not of something due at one)."""
    return [m for m in _MEETING_REF.finditer(s.sentence) if not _AT_A_MEETING.search(s.sentence[:m.start()])]


def meeting_bound(s: Statement) -> bool:
    """Whether the statement speaks of its own or the next meeting (not of something due at one)."""
    return bool(_meeting_refs(s))


def about_the_next_meeting(s: Statement) -> bool:
    """Whether the statement speaks of the series' next meeting ("will hold our next Summit in Oslo",
    "hold the next 2+2 in Tokyo"), not of the next of something an acronym names ("the next phase of CEPI")."""
    return any(m.group().lower().startswith("next") and " of " not in m.group() for m in _meeting_refs(s))


def reports_done(s: Statement) -> bool:
    """Whether the statement reports something done: a completion verb in the past tense as its
    act ("signed", "completed", "established", "held"), not a pledge to do it ("will sign")."""
    return _done_trigger((s.trigger or "").lower())


@lru_cache(maxsize=4096)
def _done_trigger(trigger: str) -> bool:
    return bool(COMPLETION.match(trigger)) and (trigger.endswith("ed") or trigger in IRREGULAR_PAST)


def glossary_of(results: list[ExtractedDocument]) -> dict[str, str]:
    """Acronyms defined anywhere in the collection, first definition kept."""
    out: dict[str, str] = {}
    for r in results:
        for g in r.glossary:
            out.setdefault(g.acronym, g.expansion)
    return out


def content_words(text: str, glossary: dict[str, str]) -> list[str]:
    """Lower-cased content words of ``text``; an acronym is followed by the words of its expansion."""
    out: list[str] = []
    for w in words(text):
        lw = w.lower()
        if lw in STOPWORDS or len(lw) < 2:
            continue
        out.append(lw)
        if w in glossary:
            out.extend(x.lower() for x in words(glossary[w]) if x.lower() not in STOPWORDS)
    return out


class _Sets:
    """Sets of one kind (word pairs, acronyms, topics ...) of every statement, as a sparse 0/1
    matrix, so that the sizes of intersections of many pairs come from one product."""

    def __init__(self, sets: list[set]):
        self.matrix = MultiLabelBinarizer(sparse_output=True).fit_transform(sets).tocsr().astype(np.float64)
        self.size = np.asarray(self.matrix.sum(axis=1)).ravel()

    def shared(self, ri: list[int], ci: list[int]) -> np.ndarray:
        return (self.matrix[ri] @ self.matrix[ci].T).toarray()

    def jaccard(self, ri: list[int], ci: list[int]) -> np.ndarray:
        inter = self.shared(ri, ci)
        union = self.size[ri][:, None] + self.size[ci][None, :] - inter
        both = (self.size[ri][:, None] > 0) & (self.size[ci][None, :] > 0)
        return np.where(both, inter / np.maximum(union, 1), 0.0)

    def overlap(self, ri: list[int], ci: list[int]) -> np.ndarray:
        """Shared items over the smaller set's size (at least 1)."""
        smaller = np.minimum(self.size[ri][:, None], self.size[ci][None, :])
        return self.shared(ri, ci) / np.maximum(smaller, 1)


class Vectors:
    """TF-IDF vectors of every statement of a collection, and what else pair features need."""

    def __init__(self, results: list[ExtractedDocument]):
        self.glossary = glossary_of(results)
        self._kept: dict[tuple[str, ...], tuple[csr_matrix, csr_matrix]] = {}
        stmts = [s for r in results for s in r.statements]
        self.row = {s.id: i for i, s in enumerate(stmts)}
        if not stmts:
            self.word = self.char = self.sentence = None
            return
        profiles = Profiles(results)  # the weighted stem profiles of the first, hand-set scorer
        docs_words, bigrams, acronyms, agreements, years = [], [], [], [], []
        for s in stmts:
            text = statement_text(s)
            ws = content_words(text, self.glossary)
            docs_words.append(ws)
            bigrams.append(set(zip(ws, ws[1:], strict=False)))
            acronyms.append(acronyms_in(text))
            agreements.append({a.lower() for a in s.agreements})
            years.append({(d.date or "")[:4] for d in s.deadlines if d.date})
        self.word = TfidfVectorizer(analyzer=lambda ws: ws, sublinear_tf=True).fit_transform(docs_words)
        # Whole sentences: what a statement's sentence says around its own clause ("updated on the
        # draft organization of X ... decided to refine the draft") names what the clause is about.
        self.sentence = TfidfVectorizer(analyzer=lambda ws: ws, sublinear_tf=True).fit_transform(
            [content_words(s.sentence, self.glossary) for s in stmts])
        joined = [" ".join(ws) for ws in docs_words]
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5), sublinear_tf=True,
                                    min_df=1).fit_transform(joined)
        self.context = _context(self.sentence, [r.statements for r in results])
        self.bigrams, self.acronyms, self.agreements = _Sets(bigrams), _Sets(acronyms), _Sets(agreements)
        self.years = _Sets(years)
        self.topics = _Sets([set(s.topics) for s in stmts])
        self.actors = _Sets([set(s.actors) for s in stmts])
        codes: dict[object, int] = {}
        self.act = np.array([codes.setdefault(("act", s.act), len(codes)) for s in stmts])
        self.family = np.array([codes.setdefault(("family", act_family(s.act)), len(codes)) for s in stmts])
        self.actor_set = np.array([codes.setdefault(tuple(sorted(s.actors)), len(codes)) for s in stmts])
        self.commitment = np.array([s.commitment for s in stmts])
        # The meeting's own business ("reviewed the security environment", "received a report") is
        # said every year and carries no commitment from one meeting to the next.
        self.procedural = np.array([getattr(ACTS.get(s.act), "cls", None) == PROCEDURAL for s in stmts])
        self.profile = DictVectorizer().fit_transform([profiles[s.id].vector for s in stmts]).tocsr()
        self.profile_bigrams = _Sets([profiles[s.id].bigrams for s in stmts])

    def cosines(self, rows: list[Statement], cols: list[Statement]) -> tuple[np.ndarray, np.ndarray]:
        wr, cr = self._vectors_of(rows)
        wc, cc = self._vectors_of(cols)
        return (wr @ wc.T).toarray(), (cr @ cc.T).toarray()

    def _vectors_of(self, stmts: list[Statement]) -> tuple[csr_matrix, csr_matrix]:
        """The word and character vectors of ``stmts``; those of a whole document are kept, since
        labelling compares one document with many threads' statements in turn."""
        key = tuple(s.id for s in stmts)
        if key in self._kept:
            return self._kept[key]
        if self.word is None or self.char is None:
            raise ValueError("no statements to compare: the collection is empty")
        ri = [self.row[sid] for sid in key]
        out = (self.word[ri], self.char[ri])
        if len(key) >= 8:
            if len(self._kept) >= 64:
                self._kept.clear()
            self._kept[key] = out
        return out

    def sentence_cosines(self, rows: list[Statement], cols: list[Statement]) -> np.ndarray:
        """Cosines of the whole sentences that hold the statements (rows x cols)."""
        if self.sentence is None:
            raise ValueError("no statements to compare: the collection is empty")
        ri = [self.row[s.id] for s in rows]
        ci = [self.row[s.id] for s in cols]
        return (self.sentence[ri] @ self.sentence[ci].T).toarray()

    def profile_similarity(self, ri: list[int], ci: list[int], same_act: np.ndarray, same_family: np.ndarray,
                           same_kind: np.ndarray, agree: np.ndarray, acro: np.ndarray,
                           topic: np.ndarray) -> np.ndarray:
        """The hand-set score linking used before the model (``similarity.lexical_similarity``),
        for many pairs at once: a feature of its own."""
        cos = (self.profile[ri] @ self.profile[ci].T).toarray()
        bigram = np.minimum(1.0, self.profile_bigrams.overlap(ri, ci))
        act = np.where(same_act, 1.0, np.where(same_family, 0.5, 0.0))
        score = (0.55 * cos + 0.10 * bigram + 0.07 * agree + 0.05 * acro + 0.07 * topic + 0.08 * act
                 + 0.08 * same_kind)
        both_topics = (self.topics.size[ri][:, None] > 0) & (self.topics.size[ci][None, :] > 0)
        disjoint = both_topics & (self.topics.shared(ri, ci) == 0)
        return np.where(disjoint, 0.85 * score, score)


def _context(sentence, documents: list[list[Statement]]):
    """Each statement's sentence vector plus those of the statements before and after it in its
    document (its paragraph, near enough), re-normalised."""
    n = sentence.shape[0]
    rows, cols = [], []
    start = 0
    for stmts in documents:
        for k in range(len(stmts)):
            for m in (k - 1, k, k + 1):
                if 0 <= m < len(stmts):
                    rows.append(start + k)
                    cols.append(start + m)
        start += len(stmts)
    window = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return normalize(window @ sentence)


def _col_rank(sim: np.ndarray) -> np.ndarray:
    """1 / (1 + the number of rows that score higher in the column)."""
    return 1.0 / (1.0 + (-sim).argsort(axis=0, kind="stable").argsort(axis=0, kind="stable"))


def _alignment(sim: np.ndarray, pos_r: np.ndarray, pos_c: np.ndarray) -> np.ndarray:
    """Where each row's counterpart is expected among the columns: an increasing fit through the
    pairs that are each other's best match, or the row's own relative position without enough."""
    best_c = sim.argmax(axis=1)
    best_r = sim.argmax(axis=0)
    anchors = [(i, j) for i, j in enumerate(best_c) if best_r[j] == i and sim[i, j] >= 0.3]
    if len(anchors) < 3:
        return pos_r.copy()
    x = np.array([pos_r[i] for i, _ in anchors])
    y = np.array([pos_c[j] for _, j in anchors])
    w = np.array([sim[i, j] for i, j in anchors])
    iso = IsotonicRegression(increasing=True, out_of_bounds="clip").fit(x, y, sample_weight=w)
    return iso.predict(pos_r)


def _relative(n: int) -> np.ndarray:
    return (np.arange(n) + 0.5) / max(n, 1)


def block_features(vec: Vectors, rows: list[Statement], cols: list[Statement]) -> np.ndarray:
    """Features (rows x cols x len(FEATURES)) of each row statement against each column statement.

    ``rows`` are the statements of one document in document order, ``cols`` those of one earlier
    document in document order."""
    word, char = vec.cosines(rows, cols)
    sim = 0.5 * (word + char)
    nr, nc = sim.shape
    pos_r, pos_c = _relative(nr), _relative(nc)
    expected = _alignment(sim, pos_r, pos_c)
    row_max = sim.max(axis=1, keepdims=True)
    col_max = sim.max(axis=0, keepdims=True)
    # The best score among the others of the row (column), for the margin.
    row_second = np.sort(sim, axis=1)[:, -2:-1] if nc > 1 else np.zeros((nr, 1))
    col_second = np.sort(sim, axis=0)[-2:-1, :] if nr > 1 else np.zeros((1, nc))
    out = np.zeros((nr, nc, len(FEATURES)))
    out[:, :, 0] = word
    out[:, :, 1] = char
    out[:, :, 13] = np.abs(expected[:, None] - pos_c[None, :])
    out[:, :, 14] = sim >= row_max - 1e-9
    out[:, :, 15] = sim >= col_max - 1e-9
    out[:, :, 16] = sim - np.where(sim >= row_max - 1e-9, row_second, row_max)
    out[:, :, 17] = sim - np.where(sim >= col_max - 1e-9, col_second, col_max)
    mutual = out[:, :, 14] * out[:, :, 15]
    out[:, :, 20] = mutual
    out[:, :, 21] = sim * mutual
    out[:, :, 22] = sim * (1.0 - out[:, :, 13])
    bound_r = np.array([meeting_bound(s) for s in rows])
    bound_c = np.array([meeting_bound(s) for s in cols])
    out[:, :, 18] = bound_r[:, None] & bound_c[None, :]
    done_r = np.array([reports_done(s) for s in rows])
    commit_c = np.array([s.commitment for s in cols])
    out[:, :, 19] = done_r[:, None] & commit_c[None, :]
    ri = [vec.row[s.id] for s in rows]
    ci = [vec.row[s.id] for s in cols]
    same_act = vec.act[ri][:, None] == vec.act[ci][None, :]
    same_family = vec.family[ri][:, None] == vec.family[ci][None, :]
    commit_r, commit_c2 = vec.commitment[ri][:, None], vec.commitment[ci][None, :]
    agree = (vec.agreements.shared(ri, ci) > 0).astype(float)
    acro = vec.acronyms.jaccard(ri, ci)
    topic = vec.topics.jaccard(ri, ci)
    out[:, :, 2] = vec.bigrams.overlap(ri, ci)
    out[:, :, 3] = agree
    out[:, :, 4] = acro
    out[:, :, 5] = topic
    out[:, :, 6] = same_act
    out[:, :, 7] = same_family
    out[:, :, 8] = commit_r & commit_c2
    out[:, :, 9] = commit_r != commit_c2
    out[:, :, 10] = vec.actor_set[ri][:, None] == vec.actor_set[ci][None, :]
    out[:, :, 11] = vec.actors.jaccard(ri, ci)
    out[:, :, 12] = vec.years.shared(ri, ci) > 0
    out[:, :, 24] = vec.sentence_cosines(rows, cols)
    out[:, :, 25] = (vec.context[ri] @ vec.context[ci].T).toarray()
    padded = np.pad(sim, 1)  # a pair whose neighbours pair too sits on the documents' diagonal
    out[:, :, 26] = 0.5 * (padded[:-2, :-2] + padded[2:, 2:])
    proc_r, proc_c = vec.procedural[ri][:, None], vec.procedural[ci][None, :]
    out[:, :, 29] = proc_r & proc_c
    out[:, :, 30] = proc_r != proc_c
    out[:, :, 27] = _col_rank(sim.T).T
    out[:, :, 28] = _col_rank(sim)
    out[:, :, 23] = vec.profile_similarity(ri, ci, same_act, same_family, commit_r == commit_c2, agree, acro, topic)
    # Pairs with nothing in common keep only their cosines and where they sit: being the best of
    # a row or column of nothing (a one-statement document) is no evidence.
    unrelated = (word == 0.0) & (char < 0.05)
    for f in (*range(2, 13), 14, 15, 20, 23, 27, 28):
        out[:, :, f][unrelated] = 0.0
    return out
