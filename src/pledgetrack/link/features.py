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
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.isotonic import IsotonicRegression

from ..models import ExtractedDocument, Statement
from .similarity import Profiles, act_family, lexical_similarity, statement_text
from .text import STOPWORDS, acronyms_in, words

FEATURES = ("word_cos", "char_cos", "bigram", "agreement", "acronym", "topic", "same_act", "same_family",
            "both_commitment", "one_commitment", "same_actors", "actor_overlap", "deadline_year",
            "alignment_gap", "row_best", "col_best", "row_margin", "col_margin",
            "meeting_bound", "completion", "mutual_best", "mutual_similarity", "aligned_similarity",
            "profile_similarity")

# A statement about its own meeting ("the 49th SCM", "this year's SCM", "the next meeting") is
# routine: the next meeting's line is about another meeting, not the same commitment.
_MEETING_REF = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|this year['’]s|next|this|today['’]s)\s+(?:[\w.\-–]+\s+){0,3}?"
    r"(?:[A-Z][A-Z0-9+\-]{1,8}|[Mm]eeting|[Ss]ummit|[Ss]ession|[Dd]ialogue|[Cc]onsultations?|[Cc]ouncil|"
    r"[Cc]onference|[Ff]orum|[Rr]ound|[Tt]alks|[Mm]inisterial)\b")
# Verbs that report a pledged thing done rather than pledge it again.
COMPLETION = re.compile(r"^(?:sign|complet|establish|held|hold|conclud|launch|achiev|finali[sz]|endors|adopt|"
                        r"open|inaugurat|ratif|accomplish|deliver|fulfil|implemented|carried|conducted|"
                        r"relocat|transferr|approv)", re.I)


_IRREGULAR_PAST = frozenset({"held", "began", "undertook", "built", "won", "set"})


def meeting_bound(s: Statement) -> bool:
    """Whether the statement speaks of its own or the next meeting."""
    return bool(_MEETING_REF.search(s.sentence))


def reports_done(s: Statement) -> bool:
    """Whether the statement reports something done: a completion verb in the past tense as its
    act ("signed", "completed", "established", "held"), not a pledge to do it ("will sign")."""
    trigger = (s.trigger or "").lower()
    return bool(COMPLETION.match(trigger)) and (trigger.endswith("ed") or trigger in _IRREGULAR_PAST)


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


@dataclass
class _Info:
    words: list[str]
    bigrams: set[tuple[str, str]]
    acronyms: set[str]
    agreements: set[str]
    years: set[str]


class Vectors:
    """TF-IDF vectors of every statement of a collection, and what else pair features need."""

    def __init__(self, results: list[ExtractedDocument]):
        self.glossary = glossary_of(results)
        self.profiles = Profiles(results)  # the weighted word profiles of the first linker
        stmts = [s for r in results for s in r.statements]
        self.row = {s.id: i for i, s in enumerate(stmts)}
        self.info: dict[str, _Info] = {}
        docs_words = []
        for s in stmts:
            text = statement_text(s)
            ws = content_words(text, self.glossary)
            docs_words.append(ws)
            self.info[s.id] = _Info(ws, set(zip(ws, ws[1:])), acronyms_in(text),
                                    {a.lower() for a in s.agreements},
                                    {(d.date or "")[:4] for d in s.deadlines if d.date})
        if not stmts:
            self.word = self.char = None
            return
        self.word = TfidfVectorizer(analyzer=lambda ws: ws, sublinear_tf=True).fit_transform(docs_words)
        joined = [" ".join(ws) for ws in docs_words]
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5), sublinear_tf=True,
                                    min_df=1).fit_transform(joined)

    def cosines(self, rows: list[Statement], cols: list[Statement]) -> tuple[np.ndarray, np.ndarray]:
        ri = [self.row[s.id] for s in rows]
        ci = [self.row[s.id] for s in cols]
        word = (self.word[ri] @ self.word[ci].T).toarray()
        char = (self.char[ri] @ self.char[ci].T).toarray()
        return word, char


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


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
    for i, a in enumerate(rows):
        ia = vec.info[a.id]
        fa = act_family(a.act)
        for j, b in enumerate(cols):
            if word[i, j] == 0.0 and char[i, j] < 0.05:
                continue
            ib = vec.info[b.id]
            f = out[i, j]
            f[2] = len(ia.bigrams & ib.bigrams) / max(1, min(len(ia.bigrams), len(ib.bigrams)))
            f[3] = 1.0 if ia.agreements & ib.agreements else 0.0
            f[4] = _jaccard(ia.acronyms, ib.acronyms)
            f[5] = _jaccard(set(a.topics), set(b.topics))
            f[6] = a.act == b.act
            f[7] = fa == act_family(b.act)
            f[8] = a.commitment and b.commitment
            f[9] = a.commitment != b.commitment
            f[10] = sorted(a.actors) == sorted(b.actors)
            f[11] = _jaccard(set(a.actors), set(b.actors))
            f[12] = bool(ia.years & ib.years)
            f[23] = lexical_similarity(vec.profiles[a.id], vec.profiles[b.id])
    return out
