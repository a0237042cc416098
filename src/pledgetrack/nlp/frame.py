"""What an act's own clause says around its content: the adverbial clauses and phrases that hang
on the act ("If the DPRK takes concrete steps, the two sides are prepared to ...", "Provided that
funding is available, we will ...", "will, where appropriate, coordinate"), where conditions and
hedges are written before the content starts."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .context import Draft

# Dependencies of an act's modifiers that can carry a condition or a hedge.
_MODIFIERS = {"advcl", "prep", "advmod", "acomp", "npadvmod"}
# An act carried by a word its verb governs ("are prepared to", "remain committed to"): the
# modifiers of that verb are the act's too.
_CARRIED = {"acomp", "xcomp", "attr"}
HEDGE_TOKENS = 5  # "to the extent possible"


def frame_spans(draft: Draft) -> list[Span]:
    """The act's modifiers outside its content and subject, as spans of the sentence, in order."""
    trigger = draft.pred.trigger
    heads = {trigger, draft.pred.verb}
    if trigger.dep_ in _CARRIED:
        heads.add(trigger.head)
    content = {t.i for t in draft.content}
    subject = {t.i for t in draft.pred.subject.subtree} if draft.pred.subject is not None else set()
    spans = []
    for head in heads:
        for child in head.children:
            if child.dep_ not in _MODIFIERS or child.i in content or child.i in subject:
                continue
            if not _inside(child, draft.sent):
                continue
            tokens = list(child.subtree)
            if not any(t.i in content for t in tokens):
                spans.append(draft.sent.doc[tokens[0].i: tokens[-1].i + 1])
    return sorted(spans, key=lambda s: s.start)


def condition_spans(draft: Draft) -> list[Span]:
    """The act's adverbials that may set it a condition: not a past event ("when the Quad first
    came together ...")."""
    return [span for span in frame_spans(draft) if span.root.tag_ != "VBD"]


def hedging_spans(draft: Draft) -> list[Span]:
    """The act's short adverbials, which may soften it ("where appropriate", "to the extent
    possible"); not a clause of its own ("while we recognize that ... may ...", "as we seek to ...")."""
    return [span for span in frame_spans(draft)
            if len(span) <= HEDGE_TOKENS and not any(t.dep_ in {"nsubj", "nsubjpass"} for t in span)
            and span[0].lower_ != "to"]


def _inside(token: Token, sent: Span) -> bool:
    return sent.start <= token.i < sent.end
