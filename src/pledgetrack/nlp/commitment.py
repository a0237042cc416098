"""Decides whether an act is a commitment: the actor's stated intent to act in the future.

Following docs/spec/ANNOTATION.md (the G7 Research Group sense): commissive acts ("pledged to",
"decided to", "agreed to") are commitments; so is a bare modal ("We will convene ...") and a
present-tense performative ("We launch ...", "we recommit ..."); an assertive act is one when
its content is the actor's own future action ("reaffirmed their commitment to ...", "noted
that he will continue to ..."). Assessments, attitudes and procedure are not.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..countries import find_countries, find_organisations
from .actors import ALL_PARTY_PRONOUNS, SINGLE_PRONOUNS
from .lexicon import (
    ACTION,
    ACTS,
    AGENT_NOUNS,
    AGREE_TO,
    ASPECTUAL,
    ASSERTIVE,
    ATTITUDE,
    COMMISSIVE,
    COMMITMENT_NOUNS,
    DIRECTIVE,
    EXPRESSIVE,
    PREDICTION_VERBS,
    PROCEDURAL,
    STATE_VERBS,
    TRANSITIVE_DEEDS,
)
from .officials import OWN_DIRECTIVES, bare_officials, instructs_own_officials
from .predicates import FUTURE_MODALS, Predicate

# Words that make a group noun the parties themselves: "the two Governments", "our countries".
OWN_GROUP_MARKS = {"our", "both", "two", "three", "four", "respective"}
READINESS = {"ready", "willing", "prepared", "eager", "determined", "resolved", "committed",
             "set", "poised", "scheduled", "slated"}  # "Japan is set to host the dialogue in 2032"
# What a party plans and then carries out: its passive future is the party's own act.
PLANNED_THINGS = {"agreement", "measure", "plan", "step", "project", "exercise", "program", "programme",
                  "cooperation", "initiative", "meeting", "dialogue", "talk", "consultation", "decision",
                  "relocation", "transfer", "transition", "return", "withdrawal", "visit",
                  "arrangement", "framework", "mechanism", "deployment", "assistance", "support", "review",
                  # bodies set up: "agreed that a working group would be established"
                  "group", "committee", "council", "commission", "body", "fund", "centre", "center", "office",
                  "force", "secretariat", "network", "platform", "hotline", "partnership", "forum", "facility",
                  "roundtable", "summit", "conference"}
# Things a party's passive future responds to: "any attack ... will be defeated".
THREATS = {"attack", "aggression", "provocation", "use", "threat", "coercion"}
# Verbs of planning whose present tense states a plan ("the ROK is seeking to ...", "is planned").
PLANNING_VERBS = {"plan", "seek", "intend", "aim", "schedule", "expect", "prepare"}
# Verbs whose present progressive performs the act: "we are launching a new partnership".
PERFORMATIVE_VERBS = {"launch", "establish", "announce", "create", "introduce", "initiate", "unveil",
                      "inaugurate", "form", "found"}
PERFORMATIVE_ADVERBS = {"today", "now", "hereby", "herewith"}
# The voice in which a present action is a deed of the speakers ("we support ..."), not a description.
FIRST_PERSON = {"we", "i"}
# Nouns whose "that"-clause states a position: "the policy that any attack ... will be defeated".
STATED_NOUNS = {"policy", "position", "stance", "assurance", "understanding", "principle"}
# Expressive verbs that also report what is said: "conveyed that the ROK is seeking to ...".
SAYING_EXPRESSIVES = {"convey", "express"}
# Assertives that, with an infinitive of their own, affirm an intent: "reaffirmed to continue ...".
AFFIRMING = {"affirm", "reaffirm", "confirm", "reconfirm", "reiterate"}
# Nouns of wanting that state an intent only with an infinitive: "their desire to expand ...".
INTENT_NOUNS = {"desire", "wish", "aspiration", "plan", "will"}  # "expressed their will to deepen ..." (translated)
# Acts that pledge what their infinitive says: "offered to host the next Summit", "volunteered to lead".
OFFERS = {"offer", "volunteer"}
# Who may own an intent noun for it to be the actors' own: "their desire", "its plan to ...".
OWN_POSSESSIVES = {"our", "their", "its", "his", "her"}
# Stances that, in the future, are deeds: "we will (continue to) support Ukraine", "will stand with".
SUPPORT_ACTS = {"support", "stand"}
# What is shared as a stance ("will share the view", "share their concern"); anything else shared
# ("will share information", "share best practices") is done.
SHARED_STANCES = {"view", "concern", "understanding", "assessment", "commitment", "vision", "goal", "belief", "value",
                  "interest", "desire", "sentiment", "hope", "aspiration", "objective", "determination", "recognition",
                  "conviction", "position", "opinion", "perspective", "priority", "resolve", "sense", "expectation"}
# Commissives that only commit with an infinitive: "expect to hold", not "expect that X".
NEEDS_INFINITIVE = {"expect", "agree", "look", "hope", "plan", "aim", "determine", "seek"}


def effective_verb(token: Token) -> Token:
    """Follows "continue to", "work to", "seek to" down to the verb that says what is done."""
    current = token
    for _ in range(5):
        if current.lemma_.lower() not in ASPECTUAL:
            return current
        nxt = next((c for c in current.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None)
        if nxt is None:
            return current
        current = nxt
    return current


def _has_infinitive(token: Token) -> bool:
    if any(c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in token.children):
        return True
    # "look forward to working", "committed to building", "agreed on holding" (not "concurred in maintaining")
    for prep in (c for c in token.children if c.dep_ in {"prep", "prt"} and c.lower_ in {"to", "forward", "on"}):
        for child in prep.children:
            if prep.lower_ == "on" and not (child.dep_ == "pcomp" and child.tag_ == "VBG"):
                continue  # "concurred on continuing to press ...", not "agreed on the importance"
            if child.dep_ in {"pcomp", "pobj"} and (child.tag_ == "VBG" or child.pos_ == "VERB"):
                return True
        if prep.lower_ == "forward":
            return any(_has_infinitive(c) for c in prep.children) or any(
                g.tag_ == "VBG" for c in prep.children for g in c.subtree)
    return False


def _commitment_object(token: Token) -> bool:
    """ "reaffirmed their commitment to ...", "renewed their determination to ..."; not someone
    else's: "acknowledged the commitments made during the summits"."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "attr", "nsubjpass", "pobj"}]
    # "with resolve", "with determination": the manner of the act, not a commitment it states
    objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
                and not (c.lower_ == "with" and not any(d.dep_ == "poss" for d in g.children))]
    # "reiterated the firm and unwavering U.S. commitment to ...", parsed with the adjective as the object
    objects += [next(t for t in o.subtree if t.pos_ == "NOUN") for o in list(objects)
                if o.pos_ == "ADJ" and any(t.pos_ == "NOUN" for t in o.subtree)]
    # "reaffirmed the importance of X and their commitment to update Y": a coordinated object that is theirs
    # (the parser may hang it on the object or on the verb itself)
    objects += [c for c in [*(t for noun in list(objects) for t in noun.subtree), *token.children]
                if c.dep_ == "conj" and c.pos_ == "NOUN" and any(g.dep_ == "poss" and g.lower_ in {"our", "their"}
                                                                for g in c.children)]
    for noun in objects:
        if noun.lemma_.lower() not in COMMITMENT_NOUNS | INTENT_NOUNS and noun.lower_ not in COMMITMENT_NOUNS:
            continue
        if any(c.dep_ == "acl" and c.tag_ == "VBN" for c in noun.children):
            continue  # "commitments made by / undertaken at ...": others' commitments
        if noun.lemma_.lower() == "resolution" and (noun.tag_ == "NNS" or not _followed_by_to(noun)):
            continue  # "recalled its resolutions", "resolution 2231": a body's texts, not "their resolution to"
        if noun.lemma_.lower() in INTENT_NOUNS:  # "their desire to expand ...", not "the desire to" or "for X to"
            own = any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in noun.children)
            other = any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children)
            if own and not other and any(c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                                         for c in noun.children):
                return True
            continue
        if noun.lemma_.lower() == "interest":  # only "interest in continuing ...", however attached
            after = noun.doc[noun.i + 1: noun.i + 3]
            if any(g.tag_ == "VBG" for g in noun.subtree) or (
                    len(after) == 2 and after[0].lower_ == "in" and after[1].tag_ == "VBG"):
                return True
            continue
        return True
    return False


def _followed_by_to(noun: Token) -> bool:
    return noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ == "to"


def _is_agent(subject: Token, parties: list[str]) -> bool:
    """Whether a clause subject is a party or its agent ("the ROK military", "USFK", "he")."""
    lower = subject.lower_
    if lower in ALL_PARTY_PRONOUNS | SINGLE_PRONOUNS:
        return True
    phrase = " ".join(t.text for t in subject.subtree)
    if any(code in parties for _, _, code in find_countries(phrase)):
        return subject.lemma_.lower() in AGENT_NOUNS or subject.pos_ == "PROPN"
    if subject.pos_ == "PROPN" and subject.text.isupper() and len(subject.text) >= 3:
        return True  # an acronym for a party's organ: "USFK", "JSDF"
    if bare_officials(subject):
        return True  # "agreed that (their) ministers will meet annually"
    # "the two Governments would promote ...", "both sides will ...", "our countries will ..."
    return subject.lower_ in AGENT_NOUNS and any(c.lower_ in OWN_GROUP_MARKS for c in subject.children)


def _own_future(token: Token, parties: list[str]) -> bool:
    """Whether a "that"-clause says a party will do something: "... that he will continue to ...",
    also one that spells out a stated policy: "reiterated the policy that any attack ... will be
    defeated"."""
    stated = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in STATED_NOUNS]
    clauses = [*token.children, *(c for noun in stated for c in noun.children if c.dep_ in {"relcl", "acl"}
                                  and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children))]
    # "that X is ironclad, and that any attack will be met with ...": the second "that"-clause too
    second = [c for clause in clauses if clause.dep_ == "ccomp" for c in clause.children
              if c.dep_ == "conj" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    for clause in clauses + second:
        if (clause.dep_ not in {"ccomp", "xcomp", "relcl", "acl"} and clause not in second) or clause.pos_ not in {"VERB", "AUX"}:
            continue
        modal = next((c.lower_ for c in clause.children if c.dep_ == "aux"), None)
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if clause in second and subject is not None and subject.lower_ == "it":
            continue  # "that the UNC has contributed ..., and that it will continue to ...": the UNC's
        if _be_to_passive(clause) and subject is not None and subject.lemma_.lower() not in THREATS:
            return True  # "that the level of support is to be maintained at ...": an arrangement
        if _be_to_active(clause) and subject is not None and _is_agent(subject, parties):
            return True  # "that the ROK military is to continue to acquire ...": a party's future, arranged
        if modal not in FUTURE_MODALS | {"would"}:
            if _planned(clause, subject, parties):
                return True
            continue
        verb = effective_verb(clause)
        if subject is not None and subject.lemma_.lower() in COMMITMENT_NOUNS and verb.lemma_.lower() in {"continue", "proceed"}:
            return True  # "full implementation of the resolutions would continue until ..."
        if verb.lemma_.lower() in PREDICTION_VERBS and not (
                verb.lemma_.lower() in TRANSITIVE_DEEDS and any(c.dep_ == "dobj" for c in verb.children)):
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if passive and subject is not None and (subject.lemma_.lower() in PLANNED_THINGS | COMMITMENT_NOUNS):
            return True  # "agreements ... will be faithfully implemented", not "futures will be written"
        if passive and subject is not None and subject.lemma_.lower() in THREATS:
            return True  # "any attack ... will be defeated", "aggression will not be tolerated": a pledge to respond
        if subject is not None and _is_agent(subject, parties):
            return True
    return False


def _be_to_passive(clause: Token) -> bool:
    """ "X is to be maintained", "are to be completed": the future a "be to" passive arranges."""
    return _be_to(clause, "VBN")


def _be_to_active(clause: Token) -> bool:
    """ "X is to continue to acquire ...", "are to meet annually": the future a "be to" arranges (not
    "it is important to rely on ...", "the goal is to build trust": an adjective or a noun before "to")."""
    return not any(c.dep_ in {"acomp", "attr"} for c in clause.children) and _be_to(clause, "VB")


def _be_to(clause: Token, tag: str) -> bool:
    """A "be" with an infinitive of ``tag`` after "to": "is to be maintained" (VBN), "is to continue" (VB)."""
    return clause.lemma_ == "be" and any(
        c.dep_ == "xcomp" and c.tag_ == tag and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in clause.children)


def _planned(clause: Token, subject: Token | None, parties: list[str]) -> bool:
    """A plan of a party stated in the present: "the ROK is seeking to develop ...", "the ROK
    plans to continue ...", "the relocation ... is planned for 2020"."""
    if subject is None or clause.lemma_.lower() not in PLANNING_VERBS:
        return False
    if any(c.dep_ == "auxpass" for c in clause.children):
        return subject.lemma_.lower() in PLANNED_THINGS
    return _is_agent(subject, parties) and _has_infinitive(clause)


def _speaks_as_itself(subject: Token) -> bool:
    """ "We ...", or the issuing group by its name ("The G7 contributes to expanding ... by 2030")."""
    if subject.lower_ in FIRST_PERSON:
        return True
    return subject.pos_ == "PROPN" and bool(find_organisations(" ".join(t.text for t in subject.subtree)))


def _tense(token: Token) -> str:
    """ "past" for reports ("we launched", "have delivered"), else "present" or "progressive"."""
    auxes = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    if token.tag_ == "VBD" or auxes & {"have", "has", "had", "was", "were"}:
        return "past"
    if token.tag_ == "VBG" and auxes & {"are", "is", "am"}:
        return "progressive"
    return "present"


def _is_time(token: Token) -> bool:
    """A year or a span of time as a verb's object: "2031", "the new year", "this decade"."""
    if token.shape_ == "dddd" and 1900 <= int(token.text) <= 2100:
        return True
    return token.lemma_.lower() in {"year", "decade", "century"}


def negated(pred: Predicate) -> bool:
    """Whether the act itself is denied: "did not agree", "could not agree", "neither side agreed"
    (not a denied content: "agreed not to deploy")."""
    trigger = pred.trigger
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    subject = pred.subject
    return subject is not None and any(t.lower_ in {"neither", "no", "none"} and t.i <= subject.i for t in subject.subtree)


def is_commitment(pred: Predicate, parties: list[str]) -> bool:
    """The commitment decision for one act (see the module docstring)."""
    trigger = pred.trigger
    lemma = pred.lemma
    act = ACTS.get(lemma)
    if pred.report:
        return False  # "The pilot is now operational": a deed reported done pledges nothing
    if trigger.tag_ == "VBN" and pred.modal is None and any(c.dep_ == "agent" for c in trigger.children):
        return False  # "Our countries are united by this vision": a state the agent brings about
    if pred.modal is None and negated(pred):
        return False  # "did not agree to extend the deadline", "do not intend to": no pledge ("will not" is one)
    if lemma in OWN_DIRECTIVES and instructs_own_officials(trigger):
        return True  # "We ask our Finance Ministers to ...", "the leaders instructed their ministers to ..."
    if trigger.dep_ == "xcomp" and trigger.head.lower_ in READINESS:
        return True  # "We stand ready to support ...", "willing to work with ..."
    if act is not None and act.cls == COMMISSIVE:
        if lemma in NEEDS_INFINITIVE or lemma in AGREE_TO:
            stated = trigger.dep_ == "attr" and any(  # "It is our goal to double ...": the noun's infinitive
                c.dep_ in {"acl", "xcomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                for c in [*trigger.children, *trigger.head.children])
            return stated or _has_infinitive(trigger) or _commitment_object(trigger) or _own_future(trigger, parties)
        return True
    if act is not None and lemma in AGREE_TO:
        return _has_infinitive(trigger) or _own_future(trigger, parties)
    if lemma in OFFERS and _has_infinitive(trigger):
        return True  # "Mexico offered to host the next Summit": an undertaking offered
    if act is None or act.cls not in {EXPRESSIVE, DIRECTIVE} or lemma in SAYING_EXPRESSIVES:
        # "reaffirmed their commitment to ...", "noted that he will continue to ..."; welcoming or
        # praising someone's commitment ("welcome the commitments made by ...") pledges nothing.
        if _commitment_object(trigger) or _own_future(trigger, parties):
            return True
    if lemma in AFFIRMING and trigger.i + 2 < len(trigger.doc) and trigger.nbor(1).lower_ == "to" and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i > trigger.i + 1
            and all(t.pos_ == "ADV" for t in trigger.doc[trigger.i + 2:c.i]) for c in trigger.children):
        return True  # "affirmed to (further) promote close cooperation" (translated English): an intent affirmed
    verb = effective_verb(trigger)
    verb_lemma = verb.lemma_.lower()
    verb_act = ACTS.get(verb_lemma)
    if pred.modal in FUTURE_MODALS:
        if any(c.dep_ == "neg" for c in verb.children):
            return True  # "we will not recognize any annexation": a refusal pledged for the future
        if verb_lemma == "share":
            return not any(c.dep_ == "dobj" and c.lemma_.lower() in SHARED_STANCES for c in verb.children)
        return verb_lemma in SUPPORT_ACTS or not (
            verb_act is not None and verb_act.cls in {DIRECTIVE, ASSERTIVE, EXPRESSIVE} and verb_lemma in ATTITUDE)
    if act is not None and act.cls != ACTION and lemma not in ASPECTUAL:
        return False
    if verb_act is not None and verb_act.cls in {PROCEDURAL, DIRECTIVE, ASSERTIVE, EXPRESSIVE}:
        return False
    tense = _tense(trigger)
    if tense == "past" or any(c.dep_ == "dobj" and _is_time(c) for c in verb.children):
        return False  # "we begin 2031 as close partners": a time, not a deed
    performs = verb_lemma in PERFORMATIVE_VERBS or any(c.lower_ in PERFORMATIVE_ADVERBS for c in trigger.children)
    if tense == "progressive":  # "today we are announcing ...", "we are launching a new partnership"
        return performs
    if not performs and verb.tag_ in {"VBP", "VBZ"}:
        if verb_lemma in STATE_VERBS:
            return False  # "together we represent two billion people": what the parties are, not a deed
        if pred.subject is not None and not _speaks_as_itself(pred.subject) and not _own_future(verb, parties):
            return False  # "the United States and Japan provide the most investment": a description
    return verb_lemma not in ATTITUDE
