"""How alike two statements are: TF-IDF cosine over content stems, agreements, acronyms, topics, act.

``Profiles`` holds one sparse vector per statement, weighted by an IDF computed over every
statement of the collection, so that words every communiqué repeats ("Alliance") weigh little.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..config import settings
from ..models import ExtractedDocument, Statement
from .text import acronyms_in, content_stems

# Acts grouped by what they do; acts of one family are more likely the same position restated.
ACT_FAMILY = {
    **dict.fromkeys(("pledge", "commit", "will", "resolve", "decide", "agree", "promise", "vow",
                     "undertake", "determine", "intend", "plan", "seek", "expect", "aim", "endeavor"), "commit"),
    **dict.fromkeys(("reaffirm", "affirm", "reiterate", "emphasize", "stress", "underscore", "confirm",
                     "highlight", "underline", "recommit", "state", "declare", "explain"), "affirm"),
    **dict.fromkeys(("note", "welcome", "recognize", "acknowledge", "assess", "review", "praise",
                     "appreciate", "support", "express", "discuss", "share", "evaluate", "commend",
                     "applaud", "value", "condemn", "urge", "call"), "assess"),
}


def act_family(act: str) -> str:
    return ACT_FAMILY.get(act, "other")


@dataclass
class Profile:
    """What linking compares of one statement."""

    stems: Counter
    bigrams: set[tuple[str, str]]
    agreements: set[str]
    acronyms: set[str]
    topics: set[str]
    act: str
    commitment: bool = False
    vector: dict[str, float] = field(default_factory=dict)  # TF-IDF, unit length
    head: set[str] = field(default_factory=set)  # the first content words: what is promised


def _glossary_map(result: ExtractedDocument) -> dict[str, str]:
    return {g.acronym: g.expansion for g in result.glossary}


def lead_in(s: Statement) -> bool:
    """Whether a statement leads a list and names nothing else ("we are launching:", "we commit to:")."""
    return bool(s.items) and len(s.content.split()) < 2


def shown_content(s: Statement) -> str:
    """What a statement pledges or says, as a reader is shown it: its content, and the items of a
    list it leads ("to: expand ...; hold ...", not a bare "to")."""
    if lead_in(s):
        return f"{s.content.strip()}: {'; '.join(item.content for item in s.items)}".lstrip(": ")
    return s.content


def statement_text(s: Statement) -> str:
    """The text that says what the statement is about: its content, or the sentence if it has
    none, with the items of a list it leads ("we are launching:" then a bullet of each initiative)."""
    text = s.content.strip()
    if len(text.split()) < 4:
        text = f"{text} {s.sentence}"
    if lead_in(s):
        text = f"{text} {' '.join(item.content for item in s.items)}"
    return text


def make_profile(s: Statement, acronyms: dict[str, str] | None = None) -> Profile:
    text = statement_text(s)
    stems = content_stems(text, acronyms)
    agreements = {a.lower() for a in s.agreements}
    return Profile(stems=Counter(stems), bigrams=set(zip(stems, stems[1:], strict=False)), agreements=agreements,
                   acronyms=acronyms_in(text), topics=set(s.topics), act=s.act, commitment=s.commitment,
                   head=set(stems[:8]))


class Profiles:
    """Profiles of every statement of a collection, with the collection's IDF."""

    def __init__(self, results: list[ExtractedDocument]):
        self.by_id: dict[str, Profile] = {}
        df: Counter = Counter()
        acr: dict[str, str] = {}
        for r in results:  # acronyms defined anywhere in the collection
            for acronym, expansion in _glossary_map(r).items():
                acr.setdefault(acronym, expansion)
        for r in results:
            for s in r.statements:
                p = make_profile(s, acr)
                self.by_id[s.id] = p
                df.update(set(p.stems))
        n = max(len(self.by_id), 1)
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        # Words in many of the collection's statements ("alliance", "cooperation") say little about
        # which commitment a statement carries.
        share = settings().link.generic_share
        generic = {w for w, c in df.items() if c >= share * n}
        for p in self.by_id.values():
            vec = {w: (1 + math.log(c)) * self.idf.get(w, 1.0) * (0.4 if w in generic else 1.0)
                   * (1.4 if w in p.head else 1.0) for w, c in p.stems.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            p.vector = {w: v / norm for w, v in vec.items()}

    def __getitem__(self, sid: str) -> Profile:
        return self.by_id[sid]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def lexical_similarity(a: Profile, b: Profile, cos: float | None = None) -> float:
    """0..1: mostly TF-IDF cosine; shared agreements, acronyms, phrases and topics add evidence."""
    if cos is None:
        cos = cosine(a.vector, b.vector)
    bigram = len(a.bigrams & b.bigrams) / max(1, min(len(a.bigrams), len(b.bigrams)))
    agree = 1.0 if a.agreements & b.agreements else 0.0
    acro = _jaccard(a.acronyms, b.acronyms)
    topic = _jaccard(a.topics, b.topics)
    fa, fb = act_family(a.act), act_family(b.act)
    act = 1.0 if a.act == b.act else 0.5 if fa == fb else 0.0
    kind = 1.0 if a.commitment == b.commitment else 0.0  # a pledge is restated as a pledge
    score = (0.55 * cos + 0.10 * min(1.0, bigram) + 0.07 * agree + 0.05 * acro + 0.07 * topic
             + 0.08 * act + 0.08 * kind)
    if not a.topics & b.topics and a.topics and b.topics:
        score *= 0.85
    return score
