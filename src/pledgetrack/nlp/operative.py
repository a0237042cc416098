"""Resolutions and council communiqués: paragraphs that begin with their verb under a body's name.

"The Council,  1. Takes note of ...;  2. Decides to deploy ...;  3. Calls upon ...". The speaker is
named once, in a paragraph of its own that ends with a comma ("The Security Council," or "The
Peace and Security Council of the African Union, at its 1210th meeting, ...,": a body's name, or a
subject that names the parties); every paragraph after it that opens with an act verb in the third
person ("Decides", "Requests") or a participle of the preamble ("Recalling", "Deeply concerned") is
an act of that speaker, until a paragraph that speaks otherwise. The tagger, seeing no subject, may read the verb as a plural noun
("Requests", "Calls"); the word's base form is then found from the lexicon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .actors import names_a_body, resolve_subject
from .context import DocumentContext, Draft
from .lexicon import ACTS
from .predicates import Predicate
from .sentences import sentences

_STATE = "operative_lead_in"
# A clause of the preamble that is no act ("Acting under Chapter VII,", "Bearing in mind ...,"); the
# same pattern as ingest.reflow._PREAMBLE_CLAUSE, which keeps such clauses one a paragraph (ingest
# does not import from nlp).
_PREAMBLE_CLAUSE = re.compile(r"^(?:[A-Z][a-z]+ly\s+)?[A-Z][a-z]+(?:ing|ed)\b")
# Tags the first word of an operative paragraph gets: the verb, or a plural noun or name when
# the tagger saw no subject ("Requests the Commission", "Calls upon").
_VERB_TAGS = {"VBZ", "VBP", "VB", "NNS", "NNPS", "NNP"}


@dataclass(frozen=True)
class Speaker:
    """The body named above the operative paragraphs: its parties and its name as written."""

    actors: tuple[str, ...]
    name: str


def _base_form(token: Token) -> str | None:
    """The act verb a paragraph's first word is a form of, or None: "Decides" -> "decide"."""
    lemma = token.lemma_.lower()
    if token.tag_ in {"VBZ", "VBP", "VB"} and lemma in ACTS:
        return lemma
    word = token.lower_
    for base in (word, word[:-1], word[:-2]) if word.endswith("s") else (word,):
        if base in ACTS and base != word:
            return base
    return None


def _opening_act(sent: Span) -> tuple[Token, Token, str, bool] | None:
    """(trigger, verb, base form, participle?) of a sentence that opens with its act, without a
    subject: "Decides to ...", "Takes note of ...", "Recalling ...", "Deeply concerned by ..."."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    while len(words) > 1 and words[0].tag_ in {"RB", "RBR"}:
        words = words[1:]  # "Further requests ...", "Strongly condemns ...", "Deeply concerned ..."
    if not words or not (words[0].is_title or words[0].is_lower):
        return None
    head = words[0]
    if any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < head.i for c in head.children):
        return None
    if head.lower_ in {"takes", "take", "taking"}:
        note = next((c for c in head.children if c.dep_ == "dobj" and c.lower_ == "note"), None)
        return (note, head, "note", head.tag_ == "VBG") if note is not None else None
    if head.tag_ == "VBG" and head.lemma_.lower() in ACTS:
        return head, head, head.lemma_.lower(), True  # the preamble: "Recalling its decisions,"
    if head.pos_ == "ADJ" and head.lower_ in ACTS:
        return head, head, head.lower_, True  # "Concerned by ...", "Deeply alarmed by ..."
    if head.tag_ not in _VERB_TAGS or not head.lower_.endswith("s"):
        return None
    base = _base_form(head)
    return (head, head, base, False) if base else None


def _coordinated_acts(verb: Token) -> list[Token]:
    """Further acts of the same speaker joined to the first: "Commends X ... and encourages it"."""
    return [c for c in verb.children if c.dep_ == "conj" and c.tag_ in {"VBZ", "NNS"} and _base_form(c)]


def operative_predicates(doc: Doc, ctx: DocumentContext, drafts: list[Draft]) -> list[Predicate]:
    """Acts of a paragraph under a body's name that opens with its verb (none otherwise)."""
    speaker = ctx.state.get(_STATE)
    first = next(iter(sentences(doc)), None)
    if not isinstance(speaker, Speaker) or first is None or any(d.sent.start == first.start for d in drafts):
        return []
    found = _opening_act(first)
    if found is None:
        return []
    trigger, verb, base, participle = found
    preds = [Predicate(trigger, verb, None, list(speaker.actors), None, optional=participle,
                       speaker=speaker.name, base=base)]
    for other in _coordinated_acts(verb):
        preds.append(Predicate(other, other, None, list(speaker.actors), None, speaker=speaker.name,
                               base=_base_form(other)))
    return preds


def _name(root: Token) -> str:
    """The body's name as written, without what follows its first comma ("..., at its 1210th meeting,")."""
    words = root.doc[root.left_edge.i: root.right_edge.i + 1]
    comma = next((t.i for t in words if t.text == "," and t.i > root.i), words.end)
    return root.doc[words.start:comma].text


def note_speaker(doc: Doc, ctx: DocumentContext, drafts: list[Draft], operative: bool) -> None:
    """Keeps the body's name while its operative paragraphs go on; remembers it where a paragraph
    names it alone, ending with a comma; forgets it at a paragraph that speaks otherwise."""
    if operative:
        return
    sents = sentences(doc)
    if _STATE in ctx.state and len(sents) == 1 and not drafts and _PREAMBLE_CLAUSE.match(sents[0].text) \
            and sents[0].text.rstrip().endswith(","):
        return  # "Acting under Chapter VII of the Charter," of the preamble: the paragraphs go on
    if len(sents) == 1 and not drafts and sents[0].text.rstrip().endswith(","):
        root = sents[0].root
        if root.pos_ in {"NOUN", "PROPN"} and root.i < sents[0].end - 1:
            actors = resolve_subject(root, ctx.actors)
            if actors is None and names_a_body(root):
                # "The Security Council," above its resolution's paragraphs: the parties the document
                # names, or none known (not the countries its text speaks of)
                actors = sorted(ctx.document.meta.parties)
            if actors is not None:
                ctx.state[_STATE] = Speaker(tuple(actors), _name(root))
                return
    ctx.state.pop(_STATE, None)
