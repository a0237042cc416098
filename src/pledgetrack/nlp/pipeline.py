"""Extraction: one document (plus the collection's glossary) in, its statements out.

The spaCy model is loaded once per process (``get_nlp``); ``extract_document`` is a pure
function of its arguments, so documents can be extracted in parallel processes.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..models import Document, ExtractedDocument, Paragraph, Statement
from .actors import ActorContext
from .agreements import find_agreements
from .commitment import is_commitment
from .conditions import find_conditions
from .deadlines import find_deadlines
from .glossary import Glossary, find_definitions
from .hedges import find_hedges
from .lexicon import ACTS
from .model import get_nlp
from .predicates import Predicate, find_predicates
from .strength import strength_of
from .topics import Taxonomy, choose_topics, load_taxonomy

_NUMBER_PREFIX = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(\w\)|[•\-*])\s+")
BATCH_SIZE = 64
CONTEXT_SENTENCES = 2  # sentences either side whose topic cues inform a statement's topics


def _paragraphs(doc: Document) -> list[Paragraph]:
    if doc.paragraphs:
        return doc.paragraphs
    out, pos = [], 0
    for block in re.split(r"(\n\s*\n)", doc.text):
        if block.strip() and not block.isspace():
            out.append(Paragraph(pos, pos + len(block)))
        pos += len(block)
    return out


def _segments(doc: Document) -> Iterator[tuple[Paragraph, int, str]]:
    """(paragraph, offset, text to parse) with the paragraph's printed number cut off."""
    for para in _paragraphs(doc):
        text = doc.text[para.start:para.end]
        cut = _NUMBER_PREFIX.match(text)
        skip = cut.end() if cut else 0
        if text[skip:].strip():
            yield para, para.start + skip, text[skip:]


def _content_tokens(pred: Predicate, others: list[Predicate]) -> list[Token]:
    """The words of what is pledged, affirmed or welcomed: the act's clause after its trigger."""
    excluded: set[int] = set()
    if pred.subject is not None:
        excluded.update(t.i for t in pred.subject.subtree)
    for other in others:
        if other is not pred and other.verb.i > pred.trigger.i and other.verb in pred.verb.subtree:
            excluded.update(t.i for t in other.verb.subtree)
    head = pred.trigger if pred.optional else pred.verb
    tokens = [t for t in head.subtree if t.i > pred.trigger.i and t.i not in excluded]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def _own_span(pred: Predicate, preds: list[Predicate], sent: Span) -> tuple[int, int]:
    """Character span (in the parsed text) from this act's trigger to the next act's trigger."""
    later = [p.trigger.idx for p in preds if p.trigger.i > pred.trigger.i]
    return pred.trigger.idx, min(later) if later else sent.end_char


def _char_span(tokens: list[Token], offset: int) -> tuple[int, int] | None:
    if not tokens:
        return None
    return offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text)


def _statement(doc: Document, pred: Predicate, sent: Span, offset: int, para: Paragraph,
               others: list[Predicate], ctx: ActorContext, glossary: Glossary,
               taxonomy: Taxonomy, sent_scores: Counter[str], context_scores: Counter[str],
               fallback: list[str]) -> Statement:
    start, end = offset + sent.start_char, offset + sent.end_char
    trigger_start = offset + pred.trigger.idx
    span = _char_span(_content_tokens(pred, others), offset)
    content = doc.text[span[0]:span[1]] if span else ""
    commitment = is_commitment(pred, ctx.parties)
    conditions = find_conditions(content)
    hedges = find_hedges(content)
    act = ACTS.get(pred.lemma)
    return Statement(
        id=f"{doc.name}:{trigger_start}",
        doc=doc.name,
        sentence=doc.text[start:end],
        start=start,
        end=end,
        trigger=pred.trigger.text,
        trigger_start=trigger_start,
        act=act.name if act else ("will" if pred.modal else pred.lemma),
        actors=list(pred.actors),
        commitment=commitment,
        strength=strength_of(pred, commitment, hedges, conditions),
        speaker=pred.speaker,
        content=content,
        conditions=conditions,
        deadlines=find_deadlines(content, span[0], doc.meta.date) if span else [],
        agreements=find_agreements(content, glossary),
        topics=choose_topics(taxonomy, sent_scores, context_scores, fallback),
        hedges=hedges,
        paragraph=para.number,
        optional=pred.optional,
    )


def extract_document(doc: Document, glossary: Glossary | None = None,
                     taxonomy: Taxonomy | None = None) -> ExtractedDocument:
    """Every statement of one document, in textual order."""
    nlp = get_nlp()
    taxonomy = taxonomy or load_taxonomy()
    definitions = find_definitions(doc)
    glossary = glossary if glossary is not None else Glossary(definitions)
    ctx = ActorContext.for_document(doc)
    segments = list(_segments(doc))
    hits = [taxonomy.hits(text) for _, _, text in segments]
    fallback = [label for label, _ in sum((taxonomy.tally(h) for h in hits), Counter()).most_common(1)]
    statements: list[Statement] = []
    parsed: Iterator[Doc] = nlp.pipe((text for _, _, text in segments), batch_size=BATCH_SIZE)
    for (para, offset, _), spacy_doc, para_hits in zip(segments, parsed, hits):
        sents = list(spacy_doc.sents)
        for n, sent in enumerate(sents):
            preds = find_predicates(sent, ctx)
            if not preds:
                continue
            window = sents[max(0, n - CONTEXT_SENTENCES): n + CONTEXT_SENTENCES + 1]
            context = taxonomy.tally(para_hits, window[0].start_char, window[-1].end_char)
            sent_scores = taxonomy.tally(para_hits, sent.start_char, sent.end_char)
            for pred in preds:
                own = _own_span(pred, preds, sent)
                scores = taxonomy.tally(para_hits, *own) + sent_scores
                statements.append(_statement(doc, pred, sent, offset, para, preds, ctx, glossary,
                                             taxonomy, scores, context, fallback))
            fallback = statements[-1].topics
    return ExtractedDocument(doc, statements, definitions)
