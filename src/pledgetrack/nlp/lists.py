"""Lists of pledges: bullets under a lead-in ("We will:") and inline lists ("we commit to: a; b; c").

A paragraph whose last sentence ends with a colon is a lead-in; the bullet paragraphs after it
("- ...", "• ...") are its items. When the lead-in has an act ("We are determined to work with
others to:"), the bullets become that statement's items; a bullet with a party subject of its
own ("- In transport, we commit to ...") is a statement itself and no item. When the lead-in has
a party subject but no act of its own ("We will:", "We are:"), each bullet's verb is an act of
the lead-in's subject. An inline list is a content that goes on after a colon in parts split by
semicolons.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..config import settings
from ..models import Item, Statement
from .actors import resolve_subject, subject_text
from .commitment import NEEDS_INFINITIVE
from .conditions import find_conditions
from .context import DocumentContext, Draft, Segment
from .deadlines import find_deadlines
from .lexicon import ACTS, AGREE_TO
from .predicates import FUTURE_MODALS, SELF_TRIGGER_ADJECTIVES, Predicate, agrees
from .sentences import sentences
from .strength import strength_of

# A list item's mark: a bullet (any glyph a word processor or a PDF draws: the reflow keeps the same
# ones apart), a letter or roman numeral in brackets ("(a) ...", "b) ...", "(iv) ..."), or a
# letter or lower-case roman numeral with a full stop before a lower-case word ("b. expand ...", "ii. hold ...").
ITEM_MARK = r"(?:[•◦▪▫●○■□➢►▶‣⁃·\uf0b7\uf0a7\uf0d8\uf076\-*–—]|\((?:[A-Za-z]|[ivx]{1,4})\)|[a-z]\)|(?:[ivx]{1,4}|[a-z])\.(?=\s+[a-z]))"
_BULLET_MARK = re.compile(rf"^\s*{ITEM_MARK}\s+")
# A mark of an item inside a sentence: a bullet's, or a number in brackets ("we agreed to: (1) expand ...; 2) ...").
_INLINE_MARK = re.compile(rf"^\s*(?:{ITEM_MARK}|\(?\d{{1,2}}\))\s+")
_PART_SPLIT = re.compile(r";\s*(?:and\s+|or\s+)?")


@dataclass
class LeadIn:
    """A lead-in waiting for its bullets: its statement, or the subject's actors when it has none."""

    draft: Draft | None
    actors: list[str]
    modal: str | None
    speaker: str | None


def note_lead_in(doc: Doc, ctx: DocumentContext, drafts: list[Draft]) -> None:
    """Remembers the lead-in of the list that follows, if the paragraph ends with one."""
    ctx.state.pop("lead_in", None)
    sents = sentences(doc)
    if not sents or not sents[-1].text.rstrip().endswith(":"):
        return
    last = sents[-1]
    bare = [d for d in drafts if d.sent.start == last.start and d.pred.trigger.tag_ == "MD"]
    for draft in bare:  # "We will:" has no act of its own; its bullets are its acts
        drafts.remove(draft)
    own = [d for d in drafts if d.sent.start == last.start]
    if own:
        reaching = [d for d in own if d.content and d.content[-1].i >= last.end - 2]
        ctx.state["lead_in"] = LeadIn(reaching[-1] if reaching else own[-1], [], None, None)
        return
    subject = next((t for t in last.root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and last.root.pos_ in {"NOUN", "PROPN"} and not any(t.pos_ in {"VERB", "AUX"} for t in last):
        subject = last.root  # "The Ministers:" and the acts as bullets ("- welcomed ...; - agreed to ...")
    if subject is None:
        return
    actors = resolve_subject(subject, ctx.actors)
    if actors is None:
        return
    modal = last.root.lower_ if last.root.lower_ in FUTURE_MODALS else next(
        (c.lower_ for c in last.root.children if c.dep_ == "aux" and c.lower_ in FUTURE_MODALS), None)
    ctx.state["lead_in"] = LeadIn(None, actors, modal, subject_text(subject))


def bullet_predicates(doc: Doc, ctx: DocumentContext, seg: Segment, drafts: list[Draft]) -> list[Predicate]:
    """Acts of a bullet under a lead-in that has a subject but no act: "We will: - deepen ..."."""
    lead = ctx.state.get("lead_in")
    if not seg.bullet or not isinstance(lead, LeadIn) or lead.draft is not None:
        return []
    first = next(iter(sentences(doc)), None)
    if first is None or any(d.sent.start == first.start for d in drafts):
        return []
    found = _leading_verb(first, lead.modal in FUTURE_MODALS, reported=lead.modal is None)
    if found is None:
        return []
    trigger, verb = found
    return [Predicate(trigger, verb, None, list(lead.actors), lead.modal, speaker=lead.speaker)]


def _leading_verb(sent: Span, after_modal: bool, reported: bool = False) -> tuple[Token, Token] | None:
    """(trigger, clause head) of a bullet that starts with its verb ("deepen ...", "supporting
    ...", "further develop ..."; under a bare subject, ``reported``, also "welcomed ...",
    "agrees to ..."). Under "We will:" the first word is a verb even where the tagger, seeing
    no subject, took it for an adjective ("double support for ..."), a noun or, lowercase, a name
    ("share satellite data ..."), a noun with an object
    ("launch negotiations ...") or a past form ("set up ..."): the trigger, with the phrase it
    heads as the clause."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    while len(words) > 1 and words[0].dep_ == "advmod" and words[0].tag_ in {"RB", "RBR"}:
        words = words[1:]  # "further develop ...", "better coordinate ..."
    if not words:
        return None
    head = words[0]
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children):
        return None
    if head.pos_ in {"VERB", "AUX"} and head.tag_ in {"VB", "VBG", "VBP"}:
        return head, head
    if after_modal and head.pos_ == "VERB" and head.tag_ in {"VBD", "VBN"} and head.lower_ == head.lemma_.lower():
        return head, head  # "set up a task force", "put forward ...": the base form, read as a past
    if after_modal and head.is_lower and head.is_alpha and head == sent.root and any(c.dep_ == "dobj" for c in head.children):
        return head, head  # "launch negotiations on ...": a verb with its object, tagged a noun
    if reported and head.pos_ in {"VERB", "AUX"} and head.tag_ in {"VBD", "VBN", "VBZ"} and head.lemma_.lower() in ACTS:
        return head, head
    if head.pos_ == "ADJ" and head.lower_ in SELF_TRIGGER_ADJECTIVES:
        return head, head  # "We are: - united in supporting ..."
    root = sent.root
    if (after_modal and head.is_lower and head.is_alpha and head.pos_ in {"ADJ", "NOUN", "PROPN"}
            and head.dep_ in {"amod", "compound", "nmod"} and root.pos_ == "NOUN"
            and (head.head == root or (head.lower_ in ACTS and _modifies(head, root)))):
        return head, root  # "support fisheries officers with training": an act verb read into a compound
    return None


def _modifies(token: Token, root: Token) -> bool:
    """Whether ``token`` hangs on ``root`` through modifiers of nouns alone ("support" -> "fisheries" -> "officers")."""
    while token != root and token.dep_ in {"amod", "compound", "nmod"} and token.head != token:
        token = token.head
    return token == root


def bullet_item(doc: Doc, ctx: DocumentContext, seg: Segment, drafts: list[Draft]) -> None:
    """Makes the bullet an item of its lead-in's statement, unless it speaks for itself."""
    lead = ctx.state.get("lead_in")
    if not seg.bullet:
        ctx.state.pop("lead_in", None) if not _is_lead_in_paragraph(doc) else None
        return
    if not isinstance(lead, LeadIn) or lead.draft is None:
        return
    first = next(iter(sentences(doc)), None)
    if first is None or any(d.sent.start == first.start for d in drafts):
        return
    owner = lead.draft.statement
    if not owner.commitment and _announces_actions(lead.draft.pred, first):
        owner.commitment = True
        owner.strength = strength_of(lead.draft.pred, True, owner.hedges, owner.conditions)
        for item in owner.items:
            item.commitment = True
    start = seg.offset + first.start_char
    text = ctx.document.text[start: seg.offset + first.end_char]
    cut = _BULLET_MARK.match(text)
    if cut:
        start, text = start + cut.end(), text[cut.end():]
    stripped = text.rstrip(" ;,.\n\t")
    stripped = re.sub(r";?\s*(?:and|or)$", "", stripped).rstrip(" ;,")
    if len(stripped.split()) >= settings().nlp.min_item_words:
        owner.items.append(_item(owner, stripped, start, ctx))


def _announces_actions(pred: Predicate, bullet: Span) -> bool:
    """A lead-in whose list is of things to do (bullets in the base form) pledges them: "We are
    taking concrete steps to: - support ..." (a present action verb), and "The Ministers agreed
    to: (a) accelerate ..." (an act that commits only with an infinitive, which the bullets give)."""
    words = [t for t in bullet if not t.is_punct and not t.is_space]
    if not words or words[0].tag_ != "VB":
        return False
    trigger = pred.trigger
    if pred.lemma in NEEDS_INFINITIVE | AGREE_TO:
        after = [t for t in trigger.doc[trigger.i + 1:] if not t.is_space]
        return len(after) >= 2 and after[0].lower_ == "to" and after[1].text == ":"
    return ACTS.get(pred.lemma) is None and trigger.tag_ in {"VBG", "VBP", "VB"}


def _is_lead_in_paragraph(doc: Doc) -> bool:
    sents = sentences(doc)
    return bool(sents) and sents[-1].text.rstrip().endswith(":")


def inline_items(statement: Statement, content_start: int, ctx: DocumentContext) -> None:
    """The parts of an inline list after a colon: "to: increase ...; strengthen ...; support ..."."""
    colon = statement.content.find(":")
    if colon < 0 or ";" not in statement.content[colon:]:
        return
    rest = statement.content[colon + 1:]
    base = content_start + colon + 1
    pos = 0
    for m in list(_PART_SPLIT.finditer(rest)) + [None]:
        end = m.start() if m else len(rest)
        part = rest[pos:end]
        lead = len(part) - len(part.lstrip())
        if mark := _INLINE_MARK.match(part[lead:]):  # "(a) expand ...", "(1) ...": the mark is no part of the item
            lead += mark.end()
        text = part[lead:].strip().rstrip(".")
        if len(text.split()) >= settings().nlp.min_item_words:
            statement.items.append(_item(statement, text, base + pos + lead, ctx))
        pos = m.end() if m else len(rest)
    if len(statement.items) < 2:
        statement.items.clear()


def coordinated_items(draft: Draft, ctx: DocumentContext, offset: int) -> None:
    """Coordinated pledges of one act: "commit to increase X by 2030 and to strengthen Y" is
    one statement (one act verb) carrying two items, as the G7 Research Group counts them."""
    statement = draft.statement
    if statement.items or not statement.commitment or not draft.content:
        return
    inside = {t.i for t in draft.content}
    trigger = draft.pred.trigger
    head: Token | None
    subject = draft.pred.subject
    if any(c.dep_ == "conj" and c.pos_ == "VERB" and c.i in inside and agrees(c, subject) for c in trigger.children):
        head = trigger  # "We will phase out coal, expand solar and support workers"
        inside.add(trigger.i)
    else:
        head = next((t for t in draft.content if t.pos_ == "VERB" and t.tag_ in {"VB", "VBG"}
                     and t.head.i not in inside), None)
    if head is None:
        return
    verbs, stack = [head], [head]
    while stack:  # the conjunct chain: "phase out X, expand Y and support Z"
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ == "VERB" and child.i in inside and agrees(child, subject):
                verbs.append(child)
                stack.append(child)
    verbs.sort(key=lambda t: t.i)
    if len(verbs) < 2:
        return
    for n, verb in enumerate(verbs):
        later = {t.i for v in verbs[n + 1:] for t in v.subtree} | ({t.i for v in verbs[1:] for t in v.subtree} if n == 0 else set())
        words = [t for t in verb.subtree if t.i in inside and t.i not in later]
        if n == 0 and verb.i != trigger.i:
            words = [t for t in draft.content if t.i <= verb.i and t.i not in later] + [t for t in words if t.i > verb.i]
        elif n == 0:
            words = [t for t in words if t.i >= verb.i and (t.i in inside)]
        colons = [k for k, t in enumerate(words) if t.text == ":" and t.i < verb.i]
        if colons:  # "commit to: increase X, strengthen Y": the item starts after the colon
            words = words[colons[-1] + 1:]
        while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
            words.pop()
        while words and (words[0].is_punct or words[0].dep_ == "cc"):
            words.pop(0)
        if len(words) < settings().nlp.min_item_words:
            statement.items.clear()
            return
        start = offset + words[0].idx
        end = offset + words[-1].idx + len(words[-1].text)
        statement.items.append(_item(statement, ctx.document.text[start:end], start, ctx))


def _item(owner: Statement, text: str, start: int, ctx: DocumentContext) -> Item:
    return Item(content=text, start=start, end=start + len(text), act=owner.act, actors=list(owner.actors),
                commitment=owner.commitment,
                deadlines=find_deadlines(text, start, ctx.document.meta.date, owner.actors),
                conditions=find_conditions(text))
