"""Some of the parties as the subject of an act: flagged, or resolved to the members meant.

"Those members that opt to ...", "some of us", "members that are parties to the convention",
and a fronted "For those members that ..., we will ..." are a subset of the parties. When the
text names the members ("Those members that use coal, namely A and B, will ...", "... (A, B
and C) commit ..."), the act is theirs; "the European members" are the document's parties in
that region (``[regions]`` of ``data/countries.toml``). Otherwise the actors stay the parties and
the statement is flagged (``subset``).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..countries import REGIONS, find_countries
from .actors import ActorContext, resolve_subject

SUBSET_DETERMINERS = {"those", "some", "certain", "several", "most", "many"}
REGIONAL_ADJECTIVES = {"european", "asian", "african", "american", "pacific", "atlantic", "nordic", "baltic",
                       "arctic", "southern", "northern", "eastern", "western", "other", "remaining", "participating"}
PERSONAL_PRONOUNS = {"we", "they", "he", "she", "i"}
SUBSET_NOUNS = {"member", "country", "partner", "state", "nation"}
# Words that introduce the members a phrase names: "..., namely A and B", "(A, B and C)".
NAMING_WORDS = {"namely", "i.e.", "viz.", "("}
FRONTED_PREPOSITIONS = {"for", "among"}  # "For those members that ..., we will ..."


def is_subset(subject: Token | None) -> bool:
    """ "Those G7 members that opt to ...", "some of us", "several Leaders", "most Allies",
    "members that are parties to ...": some of the parties, not all."""
    if subject is None or subject.lower_ in PERSONAL_PRONOUNS:
        return subject is not None and any(c.dep_ == "relcl" for c in subject.children)
    if subject.lower_ in SUBSET_DETERMINERS:
        return True
    if any(c.dep_ in {"det", "amod", "compound"} and c.lower_ in SUBSET_DETERMINERS for c in subject.children):
        return True
    if subject.lemma_.lower() in SUBSET_NOUNS and any(
            c.dep_ == "amod" and c.lower_ in REGIONAL_ADJECTIVES for c in subject.children):
        return True  # "the European members", "Asian partners"
    return subject.tag_ in {"NNS", "NNPS"} and any(
        c.dep_ in {"relcl", "acl"} and any(g.lower_ in {"that", "who", "which"} for g in c.children)
        for c in subject.children)


def fronted_subset(verb: Token, ctx: ActorContext) -> Token | None:
    """The subset in a phrase before the verb that says for whom it speaks: "For those members
    that are parties to the convention, we will ..." (not "For those in need, we will ...")."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in FRONTED_PREPOSITIONS and c.i < verb.i):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            if is_subset(noun) and resolve_subject(noun, ctx) is not None:
                return noun
    return None


def subset_actors(phrase: Token, actors: list[str], ctx: ActorContext) -> tuple[list[str], bool]:
    """(actors, whether they are still only some of them) for a subject that may be a subset."""
    if not is_subset(phrase):
        return actors, False
    named = _named_members(phrase, ctx)
    if named:
        return named, False
    regional = _regional_members(phrase, ctx)
    if regional:
        return regional, False
    return actors, True


def _named_members(phrase: Token, ctx: ActorContext) -> list[str]:
    """Parties a subset phrase lists: in an apposition, after "namely", or in brackets."""
    doc = phrase.doc
    codes: set[str] = set()
    for token in phrase.subtree:
        introduced = token.i > 0 and doc[token.i - 1].lower_ in NAMING_WORDS
        if token.pos_ != "PROPN" or not (token.dep_ == "appos" or introduced):
            continue
        text = " ".join(t.text for t in token.subtree)
        codes.update(code for _, _, code in find_countries(text) if code in ctx.parties)
    return sorted(codes)


def _regional_members(phrase: Token, ctx: ActorContext) -> list[str]:
    """ "the European members (of the G7)": the document's parties in that region."""
    for adjective in (c for c in phrase.children if c.dep_ == "amod"):
        region = REGIONS.get(adjective.lower_)
        if region is not None:
            return sorted(p for p in ctx.parties if p in region)
    return []
