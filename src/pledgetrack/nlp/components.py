"""The extraction steps as registered spaCy components (``@Language.factory``).

Each component reads what earlier ones left on the paragraph's ``Doc`` and adds its own part:

    pledgetrack_sentence_marks  before the parser: no sentence ends at "Art." -> token.is_sent_start (sentences.py)
    pledgetrack_prefixed_verbs  "re-emphasize" read as its act -> token.lemma_ (prefixes.py)
    pledgetrack_predicates  sentence acts of the parties  -> sent._.predicates, doc._.pt_drafts
    pledgetrack_statements  one Statement per act          -> doc._.statements
    pledgetrack_commitment  the commitment decision        -> Statement.commitment
    pledgetrack_conditions  conditions the actor sets      -> Statement.conditions
    pledgetrack_hedges      softening phrases (Matcher)    -> Statement.hedges
    pledgetrack_deadlines   time limits, resolved to dates -> Statement.deadlines
    pledgetrack_agreements  agreements named               -> Statement.agreements
    pledgetrack_items       the list a statement carries   -> Statement.items
    pledgetrack_strength    ordinal strength 0..6          -> Statement.strength
    pledgetrack_topics      topic labels (PhraseMatcher)   -> Statement.topics
    pledgetrack_confidence  how sure the extraction is     -> Statement.confidence

A paragraph's ``Doc`` carries its document's context in ``doc._.pt_context`` (see
``context.py``); a component a user adds (by name, see ``pipeline.build_pipeline``) reads and
edits ``doc._.statements`` the same way.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import Statement
from .agreements import find_agreements
from .commitment import is_commitment, negated
from .conditions import find_conditions
from .confidence import confidence
from .context import DocumentContext, Draft, Segment
from .deadlines import find_deadlines
from .frame import condition_spans, hedging_spans
from .hedges import HedgeMatcher
from .lexicon import act_name
from .lists import bullet_item, bullet_predicates, coordinated_items, inline_items, note_lead_in
from .operative import note_speaker, operative_predicates
from .predicates import Predicate, find_predicates
from .sentences import sentences
from .strength import strength_of
from .topics import TopicScorer

for _name in ("pt_context", "pt_segment"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("pt_drafts"):
    Doc.set_extension("pt_drafts", getter=lambda doc: doc.user_data.setdefault("pt_drafts", []))
if not Doc.has_extension("statements"):
    Doc.set_extension("statements", getter=lambda doc: [d.statement for d in doc._.pt_drafts])
if not Span.has_extension("predicates"):
    Span.set_extension("predicates", default=None)
if not Span.has_extension("statements"):
    Span.set_extension("statements", getter=lambda span: [
        d.statement for d in span.doc._.pt_drafts if span.start <= d.pred.trigger.i < span.end])


def _context(doc: Doc) -> tuple[DocumentContext, Segment]:
    ctx, seg = doc._.pt_context, doc._.pt_segment
    if ctx is None or seg is None:
        raise ValueError("pledgetrack components need doc._.pt_context and doc._.pt_segment "
                         "(run them through pledgetrack.nlp.pipeline.extract_document)")
    return ctx, seg


def _content_tokens(pred: Predicate, others: list[Predicate]) -> list:
    """The words of what is pledged, affirmed or welcomed: the act's clause after its trigger."""
    excluded: set[int] = set()
    if pred.subject is not None:
        excluded.update(t.i for t in pred.subject.subtree)
    for other in others:
        if other is not pred and other.verb.i > pred.trigger.i and other.verb in pred.verb.subtree:
            excluded.update(t.i for t in other.verb.subtree)
    head = pred.trigger if pred.optional else pred.verb
    if pred.subject is not None and (pred.subject.head.dep_ == "agent" or pred.speaker is None):
        # "X will be strengthened by both sides", "The first vessel was delivered in May": the thing is the content
        return [t for t in pred.verb.subtree if not t.is_punct or t.i < pred.verb.right_edge.i]  # the whole clause
    tokens = [t for t in head.subtree if t.i > pred.trigger.i and t.i not in excluded]
    if _opens_a_misparsed_clause(pred):  # "- Launching talks on X, to be concluded by 2032;": the rest is its
        later = [other.verb for other in others if other is not pred and other.verb.i > pred.trigger.i]
        excluded.update(t.i for v in later for t in v.subtree)
        tokens = [t for t in pred.trigger.sent if t.i > pred.trigger.i and t.i not in excluded]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc") \
            and not _closes_a_bracket(tokens):
        tokens.pop()
    if tokens and tokens[0].lower_ == "of" and pred.trigger.lower_ == "note":
        tokens = tokens[1:]  # "took note of the report": the report
    if len(tokens) > 1 and tokens[0].lower_ in {"themselves", "ourselves", "itself"} and tokens[1].lower_ == "to":
        tokens = tokens[1:]  # "committed themselves to promoting ...": what they committed to
    manner = _manner(tokens, pred.verb)
    if manner and len(manner) < len(tokens):  # "noted with concern the situation in X": the situation
        tokens = tokens[len(manner):]
    elif (len(tokens) > 1 and tokens[0].pos_ == "ADV" and tokens[0].head.i == pred.verb.i
          and tokens[1].pos_ in {"DET", "NOUN", "PROPN", "PRON"}):
        tokens = tokens[1:]  # "evaluated highly the progress", "welcomed warmly the decision": the progress
    return _with_its_denial(pred, tokens)


def _with_its_denial(pred: Predicate, tokens: list) -> list:
    """A pledge not to act keeps its "not": "will not allow X" is what is pledged, not "allow X";
    "Neither side will allow X" keeps its subject."""
    trigger = pred.trigger
    if pred.modal is None or not tokens or not negated(pred):
        return tokens
    denial = next((c for c in trigger.children if c.dep_ == "neg"), None)
    if denial is not None:
        modal = next((c for c in trigger.children if c.dep_ == "aux" and c.i < denial.i), None)
        start = (modal or denial).i
    elif pred.subject is not None:
        start = pred.subject.left_edge.i
    else:
        return tokens
    return [*trigger.doc[start:trigger.i + 1], *tokens]


def _opens_a_misparsed_clause(pred: Predicate) -> bool:
    """Whether a subjectless act that opens its sentence (a bullet's or an operative paragraph's
    verb) hangs below a later word the parser took for the root: "Launching talks on X, to be
    concluded by 2032" parsed with "concluded" as the root; the whole sentence after it is its clause."""
    sent = pred.trigger.sent
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return (pred.subject is None and sent.root.i > pred.verb.i and pred.verb.head.i != pred.verb.i
            and first is not None and first.i in (pred.verb.i, pred.trigger.i))


# The attitude an act is taken with, said before its object: "noted with concern", "welcomed with appreciation".
_ATTITUDES = {"concern", "satisfaction", "appreciation", "interest", "regret", "alarm", "approval", "gratitude",
              "pleasure", "dismay", "optimism"}


def _manner(tokens: list, verb: Any) -> list:
    """The leading "with <attitude>" of a content ("with deep concern"), or nothing."""
    if not tokens or tokens[0].lower_ != "with" or tokens[0].head.i != verb.i:
        return []
    noun = next((t for t in tokens[0].children if t.dep_ == "pobj"), None)
    if noun is None or noun.lemma_.lower() not in _ATTITUDES:
        return []
    phrase = [t for t in tokens if t.i <= noun.i]  # the object may hang on the noun ("concern the situation")
    return phrase if all(t.i in (tokens[0].i, noun.i) or t.head.i == noun.i for t in phrase) else []


_CLOSING = {")": "(", "]": "["}


def _closes_a_bracket(tokens: list) -> bool:
    """Whether the last token closes a bracket the content opened: "(ODA)" keeps its ")"."""
    opening = _CLOSING.get(tokens[-1].text)
    if opening is None:
        return False
    texts = [t.text for t in tokens[:-1]]
    return texts.count(opening) > texts.count(tokens[-1].text)


def content_span(draft: Draft, offset: int) -> tuple[int, int] | None:
    """Character span of a draft's content in Document.text, or None when it has none."""
    if not draft.content:
        return None
    last = draft.content[-1]
    return offset + draft.content[0].idx, offset + last.idx + len(last.text)


@Language.factory("pledgetrack_predicates", default_config={})
def make_predicates(nlp: Language, name: str) -> Any:
    """Finds the acts of the document's parties in every sentence."""

    def predicates(doc: Doc) -> Doc:
        ctx, seg = _context(doc)
        drafts = doc._.pt_drafts
        for sent in sentences(doc):
            preds = find_predicates(sent, ctx.actors)
            sent._.predicates = preds
            for pred in preds:
                drafts.append(Draft(pred, sent, _content_tokens(pred, preds), None))  # type: ignore[arg-type]
        operative = [] if seg.bullet else operative_predicates(doc, ctx, drafts)  # "The Council, 1. Decides ..."
        opening = bullet_predicates(doc, ctx, seg, drafts) + operative  # "We will:" then "- deepen ..."
        for n, pred in enumerate(opening):
            sent = next(s for s in sentences(doc) if s.start <= pred.trigger.i < s.end)
            drafts.insert(n, Draft(pred, sent, _content_tokens(pred, opening), None))  # type: ignore[arg-type]
        if not seg.bullet:
            note_speaker(doc, ctx, drafts, bool(operative))
            note_lead_in(doc, ctx, drafts)
        return doc

    return predicates


@Language.factory("pledgetrack_statements", default_config={})
def make_statements(nlp: Language, name: str) -> Any:
    """Gives every act its Statement: offsets, trigger, act, actors, speaker and content."""

    def statements(doc: Doc) -> Doc:
        ctx, seg = _context(doc)
        text, name_ = ctx.document.text, ctx.document.name
        for draft in doc._.pt_drafts:
            pred, sent = draft.pred, draft.sent
            start, end = seg.offset + sent.start_char, seg.offset + sent.end_char
            trigger_start = seg.offset + pred.trigger.idx
            span = content_span(draft, seg.offset)
            draft.statement = Statement(
                id=f"{name_}:{trigger_start}", doc=name_, sentence=text[start:end], start=start, end=end,
                trigger=pred.trigger.text, trigger_start=trigger_start,
                act=act_name(pred.lemma, pred.modal), actors=list(pred.actors), commitment=False,
                strength=0, speaker=pred.speaker, content=text[span[0]:span[1]] if span else "",
                paragraph=seg.paragraph.number, optional=pred.optional, subset=pred.subset)
        ctx.statements.extend(doc._.statements)
        return doc

    return statements


@Language.factory("pledgetrack_commitment", default_config={})
def make_commitment(nlp: Language, name: str) -> Any:
    """Decides for every act whether it is a commitment of its actors (see ``commitment.py``)."""

    def commitment(doc: Doc) -> Doc:
        ctx, _ = _context(doc)
        for draft in doc._.pt_drafts:
            draft.statement.commitment = is_commitment(draft.pred, ctx.actors.parties)
        return doc

    return commitment


@Language.factory("pledgetrack_conditions", default_config={})
def make_conditions(nlp: Language, name: str) -> Any:
    """Conditions the actor sets on its own act ("until the ROK acquires ...")."""

    def conditions(doc: Doc) -> Doc:
        for draft in doc._.pt_drafts:
            framed = [c for span in condition_spans(draft) for c in find_conditions(span.text, leading=True)]
            draft.statement.conditions = list(dict.fromkeys(framed + find_conditions(draft.statement.content)))
        return doc

    return conditions


@Language.factory("pledgetrack_hedges", default_config={"patterns": "hedges.toml"})
def make_hedges(nlp: Language, name: str, patterns: str) -> Any:
    """Hedges in a statement's content and its act's own modifiers, matched on tokens (a modal
    "may", never the month)."""
    matcher = HedgeMatcher(nlp.vocab, patterns)

    def hedges(doc: Doc) -> Doc:
        found = matcher(doc)
        for draft in doc._.pt_drafts:
            spans = [(span.start, span.end) for span in hedging_spans(draft)]
            if draft.content:
                spans.append((draft.content[0].i, draft.content[-1].i + 1))
            draft.statement.hedges = list(dict.fromkeys(h for s, e, h in found if any(lo <= s and e <= hi for lo, hi in spans)))
        return doc

    return hedges


# A deadline on the act's own adverbial is a time limit only with a limit's preposition ("By the
# end of 2023, we intend ..."); "In 2019, the Ministers welcomed ..." says when something happened.
FRONTED_DEADLINE = re.compile(r"(?i)(?:by|before|until|no later than|within|ahead of|prior to)\b")


@Language.factory("pledgetrack_deadlines", default_config={})
def make_deadlines(nlp: Language, name: str) -> Any:
    """Deadlines in a statement's content or fronted on its act, resolved against the meeting date."""

    def deadlines(doc: Doc) -> Doc:
        ctx, seg = _context(doc)
        date = ctx.document.meta.date
        for draft in doc._.pt_drafts:
            span = content_span(draft, seg.offset)
            actors = draft.statement.actors
            found = find_deadlines(draft.statement.content, span[0], date, actors) if span else []
            # a time limit fronted on the act: "By the end of 2023, we intend to ..."
            framed = [d for f in condition_spans(draft)
                      for d in find_deadlines(f.text, seg.offset + f.start_char, date, actors)
                      if d.start == seg.offset + f.start_char and FRONTED_DEADLINE.match(d.text)]
            draft.statement.deadlines = sorted(framed + found, key=lambda d: d.start or 0)
        return doc

    return deadlines


@Language.factory("pledgetrack_agreements", default_config={})
def make_agreements(nlp: Language, name: str) -> Any:
    """Agreements a statement names, with one name across spellings and acronyms."""

    def agreements(doc: Doc) -> Doc:
        ctx, _ = _context(doc)
        for draft in doc._.pt_drafts:
            draft.statement.agreements = find_agreements(draft.statement.content, ctx.glossary)
        return doc

    return agreements


@Language.factory("pledgetrack_items", default_config={})
def make_items(nlp: Language, name: str) -> Any:
    """The discrete pledges of a list: bullets under a lead-in, parts of an inline list."""

    def items(doc: Doc) -> Doc:
        ctx, seg = _context(doc)
        for draft in doc._.pt_drafts:
            span = content_span(draft, seg.offset)
            if span:
                inline_items(draft.statement, span[0], ctx)
                coordinated_items(draft, ctx, seg.offset)
        bullet_item(doc, ctx, seg, doc._.pt_drafts)
        return doc

    return items


@Language.factory("pledgetrack_strength", default_config={})
def make_strength(nlp: Language, name: str) -> Any:
    """Ordinal strength of every act from its class, hedges and conditions."""

    def strength(doc: Doc) -> Doc:
        for draft in doc._.pt_drafts:
            s = draft.statement
            s.strength = strength_of(draft.pred, s.commitment, s.hedges, s.conditions)
        return doc

    return strength


@Language.factory("pledgetrack_confidence", default_config={})
def make_confidence(nlp: Language, name: str) -> Any:
    """How sure the commitment decision and the actors of every statement are (0..1)."""

    def confidence_(doc: Doc) -> Doc:
        ctx, _ = _context(doc)
        for draft in doc._.pt_drafts:
            s = draft.statement
            s.confidence = confidence(draft.pred, s.commitment, ctx.actors.parties)
        return doc

    return confidence_


@Language.factory("pledgetrack_topics", default_config={"context_sentences": 2, "model": "topic_model.json"})
def make_topics(nlp: Language, name: str, context_sentences: int, model: str | None) -> Any:
    """Topic labels from the taxonomy's cues in the statement, its sentence and its neighbours,
    and from the classifier ``model`` (a data file of the package; empty for cues alone)."""
    scorer = TopicScorer(nlp, context_sentences, model or None)

    def topics(doc: Doc) -> Doc:
        ctx, seg = _context(doc)
        scorer(doc, ctx, seg)
        return doc

    return topics
