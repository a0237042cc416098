"""The parties' own officials as the addressees of a directive: "we tasked our Ministers to ...".

A directive to the actors' own people ("instructed their foreign ministers to", "tasked officials
to") is the actors' own undertaking, not a call on others.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..countries import find_countries, find_organisations

# Directives that pledge when they go to the actors' own officials: "we ask our Ministers to ...".
OWN_DIRECTIVES = {"ask", "instruct", "direct", "charge", "mandate", "request", "task"}
OFFICIAL_NOUNS = {"minister", "ministers", "official", "officials", "staff", "staffs", "team", "teams", "envoy",
                  "envoys", "sherpa", "sherpas", "representative", "representatives", "ministry", "ministries",
                  "agency", "agencies", "experts", "governor", "governors"}


def bare_officials(subject: Token) -> bool:
    """Officials named without anyone else's name or article: the parties' own ("ministers",
    "senior officials", "their envoys"; not "the ministers of the region", "DPRK officials")."""
    if subject.lower_ not in OFFICIAL_NOUNS or subject.tag_ != "NNS" or find_countries(" ".join(t.text for t in subject.subtree)):
        return False
    return not any(c.dep_ == "prep" or (c.dep_ in {"det", "poss"} and c.lower_ not in {"our", "their"})
                   for c in subject.children)


def instructs_own_officials(trigger: Token) -> bool:
    """Whether a directive's addressee is the actors' own people: "our Finance Ministers",
    "their foreign and defense ministers", "our relevant officials", "officials" (not "the MDBs",
    not "them")."""
    # the addressee as the object, or as the subject of the infinitive the parser made a clause of
    # ("Requests the Commission to convene ...", read as "[the Commission to convene]")
    addressees = [c for c in trigger.children if c.dep_ in {"dobj", "nsubj"}]
    addressees += [g for c in trigger.children if c.dep_ in {"ccomp", "xcomp"}
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   for g in c.children if g.dep_ == "nsubj"]
    for noun in addressees:
        heads = [noun, *(t for t in noun.subtree if t.dep_ == "conj")]
        if any(h.lemma_.lower() in OFFICIAL_NOUNS or h.lower_ in OFFICIAL_NOUNS for h in heads) and any(
                c.lower_ in {"our", "their"} for h in heads for c in h.children if c.dep_ == "poss"):
            return True
        if bare_officials(noun):
            return True  # "Leaders tasked officials to develop a roadmap"
        if _its_own_staff(noun):
            return True  # a council's "Requests the Commission to convene ...": its own secretariat
        if any(h.lower_ in OFFICIAL_NOUNS for h in heads) and _of_their_group(noun):
            return True  # "tasked the AUKUS Defence Ministers to report back": the group's own ministers
    for clause in (c for c in trigger.children if c.dep_ == "ccomp" and c.tag_ in {"VB", "VBP"}
                   and not any(g.dep_ == "aux" for g in c.children)):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_.lower() in OFFICIAL_NOUNS | _OWN_BODIES:
            return True  # "directed that the working group meet twice a year": a subjunctive order to their own
    return False


def _of_their_group(noun: Token) -> bool:
    """Officials named by a group of states ("the AUKUS Defence Ministers", "the G7 Finance Ministers")."""
    modifiers = " ".join(t.text for t in noun.subtree if t.i < noun.i)
    return bool(find_organisations(modifiers))


def _its_own_staff(noun: Token) -> bool:
    """A body's own staff named by its office alone: "the Commission", "the Secretariat", "the
    Secretary-General" (not "the European Commission", "the UN Secretariat": another's)."""
    words = [t.lower_ for t in noun.subtree if not t.is_punct]
    return words in (["the", "commission"], ["the", "secretariat"], ["its", "secretariat"],
                     ["the", "secretary", "general"], ["the", "secretary-general"], ["the", "chairperson"])


# Bodies of the parties' own that an order may address: "directed that the working group meet ...".
_OWN_BODIES = {"group", "committee", "council", "commission", "mechanism", "secretariat", "taskforce", "force"}
