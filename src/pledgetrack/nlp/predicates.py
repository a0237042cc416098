"""Finds the acts in a parsed sentence: verbs whose subject is a party of the document.

A statement's verb heads the sentence, or is coordinated with a verb that does ("reviewed ...,
discussed ..., and commended ..."). Verbs inside the content of another act ("affirmed that the
ROK will continue to acquire ..."), in relative clauses, or narrating the meeting ("was held",
"led their delegations") are not statements. A participle that carries its own act
("..., noting that ...") is one, marked optional.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..countries import find_countries, find_organisations
from .actors import ActorContext, names_the_meeting, resolve_subject, subject_text
from .lexicon import ACTION, ACTS, COMMISSIVE, DEED_LIKE_ACTS, DIRECTIVE, NARRATION
from .officials import OWN_DIRECTIVES, instructs_own_officials
from .subsets import PERSONAL_PRONOUNS, fronted_subset, subset_actors

CIRCUMSTANCE_MARKS = {"if", "unless", "until", "because", "since", "although", "though", "whereas",
                      "when", "whenever", "once", "after", "before", "whether", "than", "so", "that"}
STATE_VERBS = {"be", "serve", "remain", "mark", "represent", "constitute", "become", "form", "exist", "apply"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
FUTURE_MODALS = {"will", "shall", "'ll"}
# Adjectives and participles that take the act themselves: "We are committed to ...".
SELF_TRIGGER_ADJECTIVES = {"committed", "determined", "resolved", "concerned", "pleased",
                           "encouraged", "dedicated", "united", "grateful", "confident",
                           "prepared", "alarmed", "troubled", "worried", "heartened", "saddened",
                           "appalled", "steadfast", "resolute", "unwavering", "firm", "mindful",
                           "aware", "convinced", "optimistic", "hopeful", "satisfied"}
COPULAS = {"be", "remain", "stay", "stand", "become", "feel"}
# Adjectives that pass the act to their verb: "We are proud to announce ..." (trigger "announce").
_PLANNED = {"set", "poised", "scheduled", "slated"}  # "Japan is set to host ...", parsed as a passive
PASSING_ADJECTIVES = {"proud", "ready", "willing", "eager", "pleased", "happy", "delighted",
                      "able", "glad", "honored", "honoured", "keen",
                      "set", "poised", "scheduled", "slated"}  # "Japan is set to host ...": a plan


@dataclass
class Predicate:
    """One act found in a sentence, before it is enriched into a Statement."""

    trigger: Token  # the word that carries the act, as written
    verb: Token  # the clause's verb (differs from the trigger for "are proud to announce")
    subject: Token | None
    actors: list[str]
    modal: str | None  # "will" for a bare modal commitment
    optional: bool = False  # a participle act ("noting that ...")
    speaker: str | None = None  # who speaks, as written ("Minister Song"; "he" resolved)
    subset: bool = False  # the subject is some of the parties ("those members that ...")
    base: str | None = None  # the act's verb where the tagger misread the word ("Requests" as a noun)
    report: bool = False  # the authors' report of a deed done ("The exercise was conducted ..."): no pledge

    @property
    def lemma(self) -> str:
        return self.base or self.trigger.lemma_.lower()


def _list_mark(token: Token) -> bool:
    """A list's mark in brackets the parser took for a word: the "i" of "We will (i) expand ..."."""
    doc = token.doc
    return (0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"
            and re.fullmatch(r"[ivx]{1,4}|[a-z]|\d{1,2}", token.lower_) is not None)


def _own_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not _list_mark(c)]
    if subjects:  # two when the parser takes a fronted phrase for one: the nearer is the verb's
        before = [s for s in subjects if s.i < verb.i]
        subject = before[-1] if before else subjects[0]
        inner = [c for c in subject.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"} and c.i < subject.i]
        # "Those members party to the accord will ...": a reduced relative read as a verbless clause
        return inner[0] if subject.pos_ == "NOUN" and inner else subject
    for aux in (c for c in verb.children if c.dep_ in {"aux", "auxpass"}):
        for child in aux.children:  # "Our nations are committed": the subject hung on the auxiliary
            if child.dep_ in SUBJECT_DEPS:
                return child
    return None


def _own_modal(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in FUTURE_MODALS | {"would", "must", "should", "can", "may"}:
            return child.lower_
    return None


def _is_narration(verb: Token, title: str = "") -> bool:
    """Meeting narration: "was held", "led their respective delegations", "convened today"."""
    lemma = verb.lemma_.lower()
    if lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
        lemma = "take_part"  # "officials took part in the meeting"
    if lemma == "do" and any(c.lower_ in {"so", "this", "that", "it"} for c in verb.children):
        return True  # "We do so at a time of ...": a pro-verb for an act already stated
    if lemma not in NARRATION or _own_modal(verb) or _has_infinitive_marker(verb):
        return False
    if lemma in _HOSTING and _another_meeting(verb, title):
        return False  # "India hosted the first meeting of the Cancer Dialogue": a deed, not this meeting's narration
    return verb.tag_ in {"VBD", "VBN", "VBP", "VBZ"} or any(c.dep_ == "auxpass" for c in verb.children)


_HOSTING = {"hold", "host", "convene", "open"}


def _another_meeting(verb: Token, title: str) -> bool:
    """Whether what a party held or hosted is another gathering than the one the document records:
    "the first meeting of the Cancer Dialogue", "the inaugural Roundtable" (not "the meeting",
    "talks", "the 51st SCM")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)
    return obj is not None and not names_the_meeting(obj, title) and not any(
        names_the_meeting(t, title) for t in obj.subtree if t.dep_ not in {"pobj"} and t is not obj)


def _has_infinitive_marker(verb: Token) -> bool:
    """ "to convene", "will ... and convene": a planned meeting, not narration."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _detached_subject(verb: Token, ctx: ActorContext) -> Token | None:
    """The subject the parser hung elsewhere: "After review of the report by the team and the
    MCM, the Minister and the Secretary reviewed ..." (the parties parsed as conjuncts of "team").
    """
    before = verb.i - 1
    while before >= verb.sent.start and verb.doc[before].dep_ in {"aux", "advmod", "neg", "punct"}:
        before -= 1
    if before < verb.sent.start or verb.doc[before].pos_ not in {"NOUN", "PROPN"}:
        return None
    token, top = verb.doc[before], None
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head.head  # "the President of the Republic of X paid ...": the phrase's head, not X
    first = token.i
    while token.dep_ in {"conj", "appos"} or token.i == first:
        if resolve_subject(token, ctx) is not None:
            top = token
        elif token.dep_ != "appos":
            break
        if token.dep_ not in {"conj", "appos"} or (token.dep_ == "appos" and token.head.dep_ == "pobj"):
            break  # "At the invitation of A, B paid ...": B, not A inside the opening phrase
        token = token.head
    return top


def _speaker(subject: Token | None, ctx: ActorContext) -> str | None:
    """The subject as written; "he" or "she" resolved to the person last named."""
    if subject is None:
        return None
    if subject.lower_ in {"he", "she"} and ctx.last_speaker:
        return ctx.last_speaker
    return subject_text(subject)


def _is_impersonal_act(verb: Token, subject: Token | None) -> bool:
    """ "It was agreed / decided / noted that ...": an act of the meeting, so of every party."""
    return (subject is not None and subject.lower_ == "it" and subject.dep_ == "nsubjpass"
            and verb.lemma_.lower() in ACTS)


def _is_state_of_thing(verb: Token, subject: Token | None) -> bool:
    """ "The Alliance serves as the cornerstone", "Our work is organized": a state, not an act."""
    if subject is None or subject.lower_ in PERSONAL_PRONOUNS:
        return False
    passive = subject.dep_ == "nsubjpass" and (subject.head.i == verb.i or verb.tag_ == "VBN")
    if passive:  # "has been forged ... and nourished" is a state; "were briefed ... and decided" is not
        # "Finland is fully committed to ...", "the Ministers were briefed on ...": people act
        return verb.lower_ not in SELF_TRIGGER_ADJECTIVES | _PLANNED and not _is_people(subject)
    if verb.lemma_.lower() in {"remain", "stay"} and _names_a_country(subject):
        return False  # "Finland and Sweden will remain close partners": the parties' own stance
    return verb.lemma_.lower() in STATE_VERBS and _trigger_of(verb).i == verb.i


PEOPLE_LEMMAS = {"minister", "secretary", "president", "chancellor", "premier", "chairman", "leader",
                 "delegation", "side", "official", "representative"}


def _is_people(subject: Token) -> bool:
    """Whether a subject is the parties' people ("the Minister and the Secretary", "Minister Song")."""
    heads = [subject, *(t for t in subject.subtree if t.dep_ == "conj")]
    return any(t.lemma_.lower().rstrip("s") in PEOPLE_LEMMAS or t.lower_ in PEOPLE_LEMMAS for t in heads)


def _names_a_country(subject: Token) -> bool:
    heads = [subject, *(t for t in subject.subtree if t.dep_ == "conj")]
    return any(t.pos_ == "PROPN" and t.dep_ != "compound" and find_countries(t.text) for t in heads)


# Nouns for whoever is bound in "All parties must ...", "all states should ...", "all sides must ...".
OBLIGED_OTHERS = {"party", "state", "country", "nation", "government", "side", "actor", "economy", "stakeholder"}


def _addresses_others(subject: Token | None, modal: str | None, parties: list[str]) -> bool:
    """ "All parties must refrain ...", "all states should ...": an obligation of others, not an
    act of the signatories ("our countries must ...", "all G7 members must ...", "all of us
    should ..." stay theirs)."""
    if subject is None or modal not in {"must", "should"}:
        return False
    words = {t.lower_ for t in subject.subtree}
    if "all" not in words or words & {"our", "we", "us", "both", "two", "three", "four"}:
        return False
    if subject.lemma_.lower() not in OBLIGED_OTHERS and subject.lower_ != "all":
        return False  # "All Allies must ...", "all members should ...": the parties
    return not _names_a_party_or_group(subject, parties)


def _names_a_party_or_group(subject: Token, parties: list[str]) -> bool:
    """ "all G7 countries", "all Quad partners", "all EU member states": the parties named (not
    "all countries bordering Russia")."""
    text = " ".join(t.text for t in subject.subtree)
    return (any(code in parties for _, _, code in find_countries(text))
            or bool(find_organisations(text)))


# Act verbs that with a direct object mean an action: "resolve the dispute", "determine the route".
SETTLE_SENSE = {"resolve", "determine", "settle"}


def _is_stray_action(verb: Token, trigger: Token) -> bool:
    """A conjunct action verb under a reporting verb: usually the parser's mistake.

    In "assessed that the actions ... to implement the Declaration set conditions", "set" is
    hung on "assessed"; an act of the parties would carry an act verb or a modal.
    """
    lemma = trigger.lemma_.lower()
    settles = lemma in SETTLE_SENSE and any(c.dep_ == "dobj" for c in trigger.children)
    if (ACTS.get(lemma) is not None and not settles) or _own_modal(verb):
        return False  # "resolve the detentions" is an action, "resolve to ..." an act
    if lemma in OWN_DIRECTIVES and instructs_own_officials(trigger):
        return False  # "reaffirmed X and tasked our Ministers to develop Y": an act of its own
    head = verb.head
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    head_act = ACTS.get(_trigger_of(head).lemma_.lower())
    return head_act is not None and head_act.cls != ACTION


def _trigger_of(verb: Token) -> Token:
    """The act-carrying word of a clause: the verb, or the adjective or verb after a copula
    ("We are committed to ..." -> "committed"; "We stand ready to support ..." -> "support"; "We
    take note of ..." -> "note")."""
    if verb.lemma_.lower() == "take":
        return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "note"), verb)
    if verb.lower_ in _PLANNED and any(c.dep_ == "auxpass" for c in verb.children):
        return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), verb)  # "is set to host"
    if verb.lemma_.lower() not in COPULAS:
        return verb
    for child in verb.children:
        if child.dep_ in {"acomp", "attr", "oprd"}:
            word = child.lower_
            infinitive = next((g for g in child.children if g.dep_ == "xcomp" and g.pos_ == "VERB"), None)
            if word in PASSING_ADJECTIVES and infinitive is not None:
                return infinitive
            if word in SELF_TRIGGER_ADJECTIVES:
                return child
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB" and verb.lemma_ == "be":
            return child
    return verb


def find_predicates(sent: Span, ctx: ActorContext) -> list[Predicate]:
    """Every act of a party in one sentence, in textual order."""
    found: list[Predicate] = []
    roots = [t for t in sent if t.dep_ == "ROOT"] or [sent.root]  # two when a split was mended
    for root in roots:
        if root.pos_ not in {"VERB", "AUX"} and not (root.lemma_.lower() in ACTS and _own_subject(root) is not None):
            continue  # a heading or fragment (a mis-tagged act verb such as "We affirm" passes)
        _visit(root, None, None, ctx, found, is_root=True)
        stated = _stated_intent(root, ctx) or _agentless_report(root, ctx)
        if stated is not None:
            found.append(stated)
    # A verb reached by two paths of the parse (a conjunct that is also a misattached one) is one act.
    first = {p.trigger.i: p for p in reversed(found)}
    return sorted(first.values(), key=lambda p: p.trigger.i)


# Nouns of an intent stated impersonally ("It is our intention to ..."), by the act they state.
_INTENT_NOUNS = {"intention": "intend", "intent": "intend", "plan": "plan", "aim": "aim", "goal": "aim",
                 "objective": "aim", "commitment": "commit", "determination": "determine", "resolve": "resolve",
                 "hope": "hope", "wish": "wish"}


def _stated_intent(root: Token, ctx: ActorContext) -> Predicate | None:
    """ "It is our intention to expand ...", "It is our shared goal to ...": the parties' act stated
    with an expletive "it", the noun of intent standing for the verb (an act with an infinitive)."""
    if root.lemma_ != "be" or not any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in root.children):
        return None
    noun = next((c for c in root.children if c.dep_ == "attr" and c.lemma_.lower() in _INTENT_NOUNS), None)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
    if noun is None or owner is None or owner.lower_ not in {"our", "their"}:
        return None
    infinitive = [t for t in root.subtree if t.i > noun.i and t.dep_ in {"xcomp", "acl", "ccomp"}
                  and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)]
    if not infinitive:
        return None
    actors = resolve_subject(owner, ctx)
    if actors is None:
        return None
    speaker = {"our": "We", "their": "They"}[owner.lower_]  # whose intention it is, as a subject
    return Predicate(noun, root, None, actors, None, speaker=speaker, base=_INTENT_NOUNS[noun.lemma_.lower()])


# Deeds a joint statement reports in the passive, with no agent: "The inaugural Roundtable was held in
# Melbourne in November 2031", "The first patrol vessel was delivered in May".
_REPORTED_DEEDS = {"hold", "conduct", "complete", "establish", "launch", "open", "sign", "conclude", "adopt",
                   "deploy", "deliver", "inaugurate", "convene", "finalize", "finalise", "ratify"}


def _agentless_report(root: Token, ctx: ActorContext) -> Predicate | None:
    """A deed reported in the past passive with no agent, of something other than the meeting the
    document records: the authors' report, so every party's ("The first joint exercise was
    conducted off Palawan in September 2031"; not "The 50th SCM was held in Seoul", the meeting
    itself, nor "The agreement was signed by X", whose agent says who)."""
    happened = root.tag_ == "VBD" and (
        (root.lemma_ == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in root.children))
        or (root.lemma_ == "become" and any(c.dep_ == "acomp" and c.lower_ == "operational" for c in root.children))
        or (root.lemma_ == "enter" and any(c.dep_ == "prep" and c.lower_ == "into" for c in root.children))) or (
        root.lemma_ == "be" and root.tag_ == "VBZ" and any(c.dep_ == "advmod" and c.lower_ == "now" for c in root.children)
        and any(c.dep_ == "acomp" and c.lower_ == "operational" for c in root.children))  # "is now operational"
    passive = (root.lemma_.lower() in _REPORTED_DEEDS and root.tag_ == "VBN" and not _own_modal(root)
               and any(c.dep_ == "auxpass" and c.lower_ in {"was", "were"} for c in root.children)
               and not any(c.dep_ == "agent" for c in root.children))
    if not (passive or happened):  # "was conducted", or "took place", "became operational", "entered into force"
        return None
    thing = next((c for c in root.children if c.dep_ in {"nsubjpass", "nsubj"} and c.pos_ in {"NOUN", "PROPN"}), None)
    if thing is None or resolve_subject(thing, ctx) is not None or any(
            names_the_meeting(t, ctx.title) for t in thing.subtree if t.dep_ != "pobj"):
        return None
    return Predicate(root, root, thing, list(ctx.parties), None, report=True)  # no speaker: the authors report it


def _party_agent(verb: Token, modal: str | None, ctx: ActorContext) -> Token | None:
    """The party that will do what a future passive says: the "by" agent of "Cooperation will be
    strengthened by both sides" (not of a past passive: "the Treaty signed by X" may be an old deed)."""
    if modal not in FUTURE_MODALS or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for by in (c for c in verb.children if c.dep_ == "agent"):
        noun = next((g for g in by.children if g.dep_ == "pobj"), None)
        if noun is not None and resolve_subject(noun, ctx) is not None:
            return noun
    return None


def _visit(verb: Token, inherited_subject: Token | None, inherited_modal: str | None,
           ctx: ActorContext, found: list[Predicate], is_root: bool = False) -> None:
    own_subject = _own_subject(verb)
    if own_subject is None and is_root:
        own_subject = _detached_subject(verb, ctx)
    subject = own_subject or inherited_subject
    own_modal = _own_modal(verb)
    if _past_speech_act(verb):
        inherited_modal = None  # "will work together ... and agreed to manage ...": a past act is not under "will"
    modal = own_modal or (inherited_modal if own_subject is None else None)
    trigger = _trigger_of(verb)
    actors = resolve_subject(subject, ctx) if subject is not None else None
    agent = _party_agent(verb, modal, ctx) if actors is None else None
    if agent is not None:  # "Cooperation will be strengthened by both sides": the agent acts
        subject, actors = agent, resolve_subject(agent, ctx)
    if actors is None and is_root and own_subject is not None and own_subject.tag_ == "VBG":
        detached = _detached_subject(verb, ctx)  # "Building on X, the United States, Japan ... continue"
        if detached is not None:
            subject, own_subject = detached, detached
            actors = resolve_subject(subject, ctx)
    # "We will X and Y" is one statement; "we will X, and we will Y" two (docs/spec/ANNOTATION.md).
    merged = not is_root and own_subject is None and own_modal is None and inherited_modal in FUTURE_MODALS
    impersonal = _is_impersonal_act(verb, subject)
    if impersonal:
        actors = list(ctx.parties)  # "It was agreed that ..." speaks for all the parties
    elif actors is not None and _is_state_of_thing(verb, subject):
        actors = None
    if actors is not None and own_subject is None and not is_root and _is_stray_action(verb, trigger):
        actors = None
    if actors is not None and _addresses_others(subject, modal or own_modal, ctx.parties):
        actors = None
    if actors is not None and not merged and not _is_narration(verb, ctx.title) and (
            trigger.pos_ in {"VERB", "ADJ", "AUX"} or trigger.i != verb.i and trigger.lower_ == "note"):
        if trigger.lemma_ != "be" or trigger.i != verb.i:
            speaker = _speaker(subject, ctx)
            phrase = fronted_subset(verb, ctx) if is_root or own_subject is not None else None
            actors, subset = subset_actors(phrase or subject, actors, ctx) if subject is not None else (actors, False)
            found.append(Predicate(trigger, verb, subject, actors, modal if modal in FUTURE_MODALS else None,
                                   speaker=speaker, subset=subset))
            if len(actors) == 1 and subject is not None and subject.lower_ not in {"he", "she"}:
                ctx.last_single, ctx.last_speaker = actors, speaker
    heads = [verb] if trigger.i == verb.i else [verb, trigger]
    for child in _children_past_reduced_relatives(heads):
        if child.dep_ == "conj" and (child.pos_ in {"VERB", "AUX"} or _mistagged_act(child)):
            if _own_subject(child) is None and not agrees(child, subject):
                continue  # "The Quad is committed to ensuring countries are not left ...": not the Quad's
            if _ability_after_a_relative(child, verb):
                continue  # "We seek a region where all countries are free ..., and can exercise ...": theirs
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                _visit(child, subject, modal, ctx, found)  # "committed to X and to report Y": content
        elif child.dep_ == "advcl" and actors is not None and _own_subject(child) is None:
            _participle(child, subject, actors, found)
            for stray in _misattached_conjuncts(child, verb, ctx):
                _visit(stray, subject, modal, ctx, found)
        elif child.dep_ == "ccomp" and actors is not None and _coordinated_as_clause(child, verb):
            _visit(child, subject, modal, ctx, found)  # "noted the progress and encouraged X to ..."
        elif child.dep_ in {"ccomp", "xcomp", "dobj", "prep"} and actors is not None:
            # "prep": "look forward to welcoming X and urge Y": "urge" hangs on "welcoming"
            for stray in _misattached_conjuncts(child, verb, ctx):
                _visit(stray, subject, modal, ctx, found)
            if child.i < child.head.i and _own_subject(child) is not None:
                _visit(child, None, None, ctx, found)  # "We will X; our ministers will meet ..."
        elif child.dep_ == "ccomp" and is_root and child.i < verb.i and _own_subject(child) is not None:
            _visit(child, None, None, ctx, found)  # "We agreed on a plan; the first phase will be ..."
        elif child.dep_ == "parataxis" and child.pos_ in {"VERB", "AUX"}:
            _visit(child, None, None, ctx, found)
        elif child.dep_ == "advcl" and _is_own_aside(child, verb):
            _visit(child, None, None, ctx, found)  # "..., as we inaugurate the Quad Fellowship"
    if is_root and actors is not None:
        for token in _noun_tagged_act(verb):
            found.append(Predicate(token, token, subject, actors, None, speaker=_speaker(subject, ctx)))


def _ability_after_a_relative(conjunct: Token, verb: Token) -> bool:
    """A conjunct with no subject but a modal of ability of its own ("can", "could", "may"), after a
    relative clause with a subject of its own, hung by the parser on a verb with no modal: it is the
    relative clause's, "a region ... where all countries are free from coercion, and can exercise ..."."""
    if _own_subject(conjunct) is not None or _own_modal(verb) is not None:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in {"can", "could", "may", "might"} for c in conjunct.children):
        return False
    return any(t.dep_ in {"relcl", "acl"} and verb.i < t.i < conjunct.i and _own_subject(t) is not None
               for t in verb.doc[verb.i + 1:conjunct.i])


def _past_speech_act(verb: Token) -> bool:
    """A verb in the past tense that is an act of the lexicon other than an action ("agreed",
    "decided", "welcomed"), not a participle of the content ("increased accountability")."""
    act = ACTS.get(verb.lemma_.lower())
    return (verb.tag_ == "VBD" and verb.lower_ != verb.lemma_.lower() and act is not None and act.cls != ACTION)


def _children_past_reduced_relatives(heads: list[Token]) -> Iterator[Token]:
    """The heads' children, a coordinated verb that is a reduced relative (``_reduced_relative``)
    replaced by its own conjuncts: in "welcome the truce agreed in March and call for ...", "call"
    is the speakers' act and "agreed" the truce's."""
    todo = [c for head in heads for c in head.children]
    while todo:
        child = todo.pop(0)
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and _reduced_relative(child):
            todo[:0] = [c for c in child.children if c.dep_ == "conj"]
            continue
        yield child


def _coordinated_as_clause(clause: Token, verb: Token) -> bool:
    """An act verb after "and" that the parser made a clause of the act before it: in "noted the
    progress and encouraged Timor-Leste to implement it", "encouraged" hangs on "noted" as its
    ccomp. It has no subject of its own, the tense of the act before and an act of the lexicon."""
    if clause.i == 0 or clause.doc[clause.i - 1].dep_ != "cc" or _own_subject(clause) is not None:
        return False
    act = ACTS.get(clause.lemma_.lower())
    return act is not None and act.cls != ACTION and clause.tag_ == verb.tag_


def _reduced_relative(verb: Token) -> bool:
    """A past participle the parser took for a coordinated verb though it follows its noun with no
    comma or conjunction ("the Defence Investment Pledge agreed at the 2014 Summit")."""
    if verb.tag_ not in {"VBD", "VBN"} or verb.i == 0 or _own_subject(verb) is not None:
        return False
    return verb.doc[verb.i - 1].pos_ in {"NOUN", "PROPN"}


def _mistagged_act(token: Token) -> bool:
    """An act verb the tagger took for an adjective: "... and affirm our positive commitment"."""
    return token.pos_ == "ADJ" and token.lemma_.lower() in ACTS and any(c.dep_ == "dobj" for c in token.children)


def _tense_class(token: Token) -> str:
    return "past" if token.tag_ in {"VBD", "VBN"} else "present"


def _same_tense(a: Token, b: Token) -> bool:
    if a.tag_ == "VBD" or b.tag_ == "VBD":
        return a.tag_ == b.tag_
    return _tense_class(a) == _tense_class(b)


def _misattached_conjuncts(clause: Token, verb: Token, ctx: ActorContext) -> list[Token]:
    """Acts the parser hung inside another act's content instead of on the act itself.

    In "confirmed that the relocation strengthens the posture, and pledged to complete ...",
    "pledged" is parsed as a conjunct of "strengthens"; an act verb in the reporting verb's tense
    without a subject of its own belongs to the reporting verb, and so does a conjunct with a
    party subject of its own ("... will be written in the Indo-Pacific, and we will redouble").
    """
    out = []
    for token in clause.subtree:
        if token.dep_ != "conj" or token.pos_ not in {"VERB", "AUX"} or token.head.pos_ not in {"VERB", "AUX"}:
            continue
        if not any(c.dep_ == "cc" for c in token.head.children if c.i < token.i) and not _in_the_middle_of_a_series(token):
            continue
        if token.head in out:
            continue  # "..., reaffirmed X, and reiterated Y": "reiterated" comes with "reaffirmed"
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue  # "to shelter ... or to plan": infinitives are content
        subject = _own_subject(token)
        if subject is not None:
            if (token.head.i == clause.i and subject.lower_ in {"we", "they"}
                    and resolve_subject(subject, ctx) is not None):
                out.append(token)
            continue
        act = ACTS.get(token.lemma_.lower())
        # a commissive inside an xcomp is its content ("agreed to develop and commit resources"), unless
        # the parser hung it on a purpose clause: "agree to work together to improve X and commit to Y"
        if act is None or act.cls == ACTION or (act.cls == COMMISSIVE and clause.dep_ == "xcomp"
                                                and token.head.dep_ != "advcl"):
            continue
        if clause.dep_ == "prep" and (token.tag_ in {"VBG", "VBN"} or (
                _is_infinitive(token.head) and token.lemma_.lower() in DEED_LIKE_ACTS)):
            continue  # "committed to identifying and evaluating X", "to bolster X and support Y": the content's
        asked = ACTS.get(verb.lemma_.lower())
        if (token.head.i == clause.i and token.tag_ == "VB" and _is_infinitive(clause)
                and ((asked is not None and asked.cls == COMMISSIVE) or verb.lemma_.lower() in OWN_DIRECTIVES)):
            continue  # "commit to pursue and encourage efforts", "task our Ministers to X and report back": one "to"
        if act.cls == COMMISSIVE and token.tag_ == "VB" and _is_infinitive(token) and asked and asked.cls == DIRECTIVE:
            continue  # "call on Russia to reverse ... and seek ...": the pledge is the addressee's
        if _same_tense(token, verb) or _past_read_as_participle(token, verb):
            out.append(token)
    return out


def _in_the_middle_of_a_series(token: Token) -> bool:
    """A verb in the middle of a series "A, B, and C" that the parser hung inside A's content: it has no
    "and" before it, but holds the series' "and" and last verb, and its tense is not that of the verb
    it hangs on ("noted that the region is the priority theater, reaffirmed the commitment ..., and
    reiterated ...")."""
    finite = {"VBD", "VBZ", "VBP"}  # not a series of gerunds or infinitives: "protecting, supporting and creating"
    return (token.i > 0 and token.doc[token.i - 1].text == "," and token.tag_ in finite
            and token.head.tag_ in finite and token.tag_ != token.head.tag_
            and any(c.dep_ == "cc" and c.i > token.i for c in token.children)
            and any(c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} for c in token.children))


def _past_read_as_participle(token: Token, verb: Token) -> bool:
    """"praised the efforts to prevent X and mitigate Y and resolved to ...": a participle with no
    auxiliary of its own, coordinated with a bare infinitive, is not like its conjunct; it is the
    reporting verb's past tense, tagged as a participle."""
    return (verb.tag_ == "VBD" and token.tag_ == "VBN" and token.head.tag_ == "VB"
            and not any(c.dep_ in {"aux", "auxpass"} for c in token.children))


def _is_infinitive(verb: Token) -> bool:
    """A verb with its own "to", or a conjunct of one ("to respect ..., facilitate ... and resolve")."""
    while True:
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True
        if verb.dep_ != "conj" or verb.head is verb:
            return False
        verb = verb.head


COMMISSIVE_LEMMAS = frozenset(lemma for lemma, act in ACTS.items() if act.cls == COMMISSIVE)


def _noun_tagged_act(verb: Token) -> list[Token]:
    """A commissive verb the tagger took for a noun: "we begin ... and pledge to work ...", "appreciate
    the accomplishments of the Alliance and pledge to continue ..." (not "and their pledge to ...")."""
    out = []
    for token in verb.sent:
        if token.tag_ != "NN" or token.dep_ != "conj" or token.lemma_ not in COMMISSIVE_LEMMAS:
            continue
        if token.is_ancestor(verb) or not verb.is_ancestor(token):
            continue
        if any(c.dep_ in {"det", "poss", "amod", "compound"} for c in token.children):
            continue  # a noun after all: "... and our pledge to ..."
        if any(c.dep_ in {"acl", "xcomp"} and c.tag_ == "VB" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               for c in token.children):
            out.append(token)
    return out


def agrees(verb: Token, subject: Token | None) -> bool:
    """Whether a subjectless conjunct's own auxiliary agrees in number with the subject it would
    inherit ("is committed ... and are not left": "are" is no verb of "the Quad")."""
    if subject is None:
        return True
    aux = next((c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP"}), None)
    if aux is None or subject.dep_ == "conj" or any(c.dep_ == "conj" for c in subject.children):
        return True
    if subject.tag_ in {"NN", "NNP"} and subject.lower_ not in {"i", "you"}:
        return aux.tag_ == "VBZ"
    if subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in {"we", "they"}:
        return aux.tag_ == "VBP"
    return True


def _is_own_aside(clause: Token, verb: Token) -> bool:
    """ "We launch the fund, as we inaugurate the Fellowship": an act after the main clause with a
    subject of our own; not a fronted circumstance ("As we move to net zero, we ...") or another
    party's ("... as they assume the chair")."""
    subject = _own_subject(clause)
    fronted = clause.i < verb.i and any(c.dep_ == "mark" for c in clause.children)  # unmarked: a misparsed main clause
    return (subject is not None and not fronted and not _is_circumstance(clause)
            and subject.lower_ not in {"they", "them"})


def _is_circumstance(clause: Token) -> bool:
    """A subordinate clause that sets a circumstance or condition: "if ...", "because ..."."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return bool(marks & CIRCUMSTANCE_MARKS)


# What a document or a body does, not the parties: a participle of these right after one describes
# it ("the Progress Report of the Working Group, reporting on G7 commitments ...").
DOCUMENT_VERBS = {"report", "outline", "describe", "summarize", "summarise", "detail", "document", "list",
                  "present", "review", "track", "assess", "record"}
DOCUMENT_NOUNS = {"report", "study", "review", "assessment", "paper", "document", "group", "committee",
                  "secretariat", "commission", "force", "survey", "analysis", "update"}


def _describes_a_document(token: Token) -> bool:
    """ "..., the Report of the Working Group, reporting on G7 commitments": a document's act."""
    if token.lemma_.lower() not in DOCUMENT_VERBS or token.i < 2 or token.doc[token.i - 1].text != ",":
        return False
    noun = token.doc[token.i - 2]
    return noun.sent == token.sent and noun.pos_ in {"NOUN", "PROPN"} and noun.lemma_.lower() in DOCUMENT_NOUNS


def _participle(token: Token, subject: Token | None, actors: list[str], found: list[Predicate]) -> None:
    """A subjectless participle that carries an act of its own: "..., noting that ..."."""
    if token.tag_ != "VBG" or _own_subject(token) is not None:
        return
    if _describes_a_document(token):
        return
    act = ACTS.get(token.lemma_.lower())
    if act is None or act.cls == ACTION:
        return
    found.append(Predicate(token, token, subject, list(actors), None, optional=True,
                           speaker=subject_text(subject) if subject is not None else None))
