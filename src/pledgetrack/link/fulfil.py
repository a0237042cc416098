"""Pledges reported done: "committed to develop the Guiding Principles" → "signed the Guiding Principles".

A later meeting rarely repeats a pledge it has carried out; it reports it done, with a completion
verb in the past tense ("signed", "completed", "endorsed", "held"). Such a report is the pledge's
"fulfilled" step, not a rewording, and it is not a new pledge either. ``fulfilled_by`` finds,
for the commitments of an earlier document, the reports of a later one that carry them out:
the report must speak of the same thing (its clause, what was done), and more clearly
than any other statement of the later document carries the pledge on. A report may also name
the deed as a past event inside another statement ("highlighted that, following this year's
relocation of the headquarters to Camp X, ..."): then what was done is that event.
"""
from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..config import settings
from ..models import Statement
from .compare import pledged_actions
from .features import COMPLETION, Vectors, content_words, reports_done
from .text import stem

# A deed named as a past event: "following this year's relocation of X", "after the recent signing
# of X", "the successful conclusion of X", "welcome the official launch of X", "welcomed the first meeting of
# the working group" (a body pledged is set up). The event noun and what follows "of", to the next clause
# break ("... and will aim to conclude them", "... and thanked Y" are the next clause too). A bare "following the transfer of X" is no evidence: it as often names what is yet to come.
_EVENT = (r"(?:relocation|completion|signing|signature|establishment|launch|conclusion|opening|transfer|ratification|"
          r"adoption|inauguration|creation|operationali[sz]ation|entry\s+into\s+force|commissioning|"
          r"(?:first|inaugural)\s+(?:meeting|session))")  # the first meeting of a body set up
# The next act of the sentence after the deed: "welcomed the launch of X and thanked Y".
_NEXT_ACT = r"(?:thank|welcom|express|not|call|commend|agree|reaffirm|commit|decid|urg|encourag|recogni[sz]|stress)\w*"
_PAST_EVENT = re.compile(
    r"\b(?:(?:this|last)\s+year['’]s|the\s+recent|the\s+successful"
    # a deed welcomed: "welcome the official launch of the Fellowship" (not "the upcoming launch")
    r"|(?:welcom|applaud|celebrat|commend|hail)\w*\s+the(?:\s+official|\s+recent)?)\s+(?:successful\s+)?"
    rf"({_EVENT}\s+of\s+[^,;:]{{3,160}}?)(?=[,;:]|\.?\s*$|\s+and\s+(?:will|shall|would|to|we|they|{_NEXT_ACT})\b)", re.I)


# A deed welcomed as a thing done: "welcomed the inaugural Roundtable held in Melbourne in November",
# "welcome the Agreement signed on 2 May" (the participle and where or when: not "the Agreement
# signed by X", which can be an old one).
_DONE_THING = re.compile(
    r"\b(?:welcom|applaud|celebrat|commend|hail)\w*\s+the\s+((?:(?!(?:and|or|in|on|at|by|from|with|made)\b)[\w'’()-]+\s+){1,10}?"
    r"(?:held|signed|launched|established|opened|completed|convened|concluded|adopted|inaugurated)"
    rf"\s+(?:in|on|at|during|earlier|last|this)\b[^,;:]{{0,120}}?)(?=[,;:]|\.?\s*$|\s+and\s+(?:will|shall|would|to|we|they|{_NEXT_ACT})\b)",
    re.I)


def past_event(s: Statement) -> str | None:
    """What a statement's sentence names as done, as an event ("relocation of X to Y", "the
    Roundtable held in Melbourne"), if anything."""
    m = _PAST_EVENT.search(s.sentence) or _DONE_THING.search(s.sentence)
    return m.group(1) if m else None


def what_was_done(s: Statement) -> str:
    """The words of a report that say what was done: its act and clause, or the past event it names."""
    event = None if reports_done(s) else past_event(s)
    return event or f"{s.trigger} {s.content}"


def unreported_actions(pledge: Statement, report: Statement) -> list[str]:
    """The actions of a pledge of several ("to hold the Roundtable and to launch a Partnership")
    whose object its report does not name: what the report leaves undone, told with the step."""
    if len(pledge.items) >= 2:  # a list's items, each a pledge: "we are launching: a pilot; a working group"
        parts = {item.content: item.content for item in pledge.items}
    else:
        parts = {text: text.split(" ", 2)[-1] for text in pledged_actions(pledge.content).values()}  # less "to verb"
    if len(parts) < 2:
        return []
    done = {stem(w) for w in content_words(what_was_done(report), {})}
    named = {text: {stem(w) for w in content_words(words_of, {})} for text, words_of in parts.items()}
    unreported = []
    for text, own in named.items():  # told apart by the words no other part has ("trilateral" is every one's)
        others = set().union(*(ws for t, ws in named.items() if t != text))
        if not ((own - others or own) & done):
            unreported.append(text)
    return unreported


def fulfilled_reasons(pledge: Statement, report: Statement, where: str = "") -> list[str]:
    """A fulfilled step's reasons: the deed reported (quoted), and the actions it leaves unreported."""
    quoted = f"reported done{where}: '{what_was_done(report)}'"[:200]
    return [quoted, *(f"not reported done: '{a}'" for a in unreported_actions(pledge, report))]


def _object_words(s: Statement, glossary: dict[str, str], text: str | None = None) -> list[str]:
    """The content words of a statement's clause (or ``text``) without words of completion
    ("completed", "signing", "relocation"): what was done or pledged, not that it was done."""
    lead_in = s.items and len(s.content.split()) < 2  # "we are launching:", "we commit to:"
    text = text or (" ".join(item.content for item in s.items) if lead_in else s.content) or s.sentence
    return [w for w in content_words(text, glossary)
            if not COMPLETION.match(w) and not re.fullmatch(_EVENT, w)]


def fulfilment_matrix(vectors: Vectors, done: list[Statement], pledges: list[Statement],
                      events: list[str | None] | None = None) -> np.ndarray:
    """How clearly each report (rows) speaks of each pledge (columns): the TF-IDF cosine of what
    their clauses name (whole sentences share too much around them; completion words say nothing
    of what was done). ``events``: for a report that names the deed as a past event, that event."""
    if not done or not pledges:
        return np.zeros((len(done), len(pledges)))
    events = events or [None] * len(done)
    texts = [_object_words(s, vectors.glossary, e) for s, e in zip(done, events, strict=True)]
    texts += [_object_words(s, vectors.glossary) for s in pledges]
    if not any(texts):
        return np.zeros((len(done), len(pledges)))
    m = TfidfVectorizer(analyzer=lambda ws: ws, sublinear_tf=True).fit_transform(texts)
    return (m[:len(done)] @ m[len(done):].T).toarray()


def fulfilled_by(vectors: Vectors, new: list[Statement], old: list[Statement]) -> dict[int, int]:
    """``{old index: new index}``: the commitments of ``old`` that a statement of ``new`` reports done.

    A report fulfils a pledge when it speaks of it at ``link.fulfilled_similarity`` or more, and more
    than any statement of ``new`` that is not a report and whose closest statement of ``old`` is
    this pledge (a pledge carried on as a pledge is not fulfilled)."""
    pledge_cols = [j for j, s in enumerate(old) if s.commitment]
    if not pledge_cols:
        return {}
    events = [None if reports_done(s) else past_event(s) for s in new]
    done = [reports_done(s) or e is not None for s, e in zip(new, events, strict=True)]
    done_rows = [i for i, d in enumerate(done) if d]
    if not done_rows:
        return {}
    other_rows = [i for i, d in enumerate(done) if not d]
    pledges = [old[j] for j in pledge_cols]
    f = fulfilment_matrix(vectors, [new[i] for i in done_rows], pledges, [events[i] for i in done_rows])
    carried = np.zeros(len(old))
    if other_rows:
        word, char = vectors.cosines([new[i] for i in other_rows], old)
        sim = 0.5 * (word + char)
        closest = sim.argmax(axis=1)
        for r, j in enumerate(closest):
            carried[j] = max(carried[j], sim[r, j])
    out: dict[int, int] = {}
    bar = settings().link.fulfilled_similarity
    for c, j in enumerate(pledge_cols):
        best = int(f[:, c].argmax())
        # A deed named as an event is one deed: it fulfils the pledge it speaks of most closely.
        if events[done_rows[best]] is not None and int(f[best].argmax()) != c:
            continue
        if f[best, c] >= bar and f[best, c] > carried[j]:
            out[j] = done_rows[best]
    return out
