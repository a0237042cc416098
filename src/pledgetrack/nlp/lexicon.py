"""The vocabulary of joint statements: act verbs, their class and strength, and cue words.

Acts are grouped by speech-act class (commissive, assertive, expressive, directive, procedural,
action). The strength scale is ordinal and documented in docs/strength.md:

    0 procedural (discuss, review)   1 note, recognize, assess   2 welcome, praise, support
    3 emphasize, affirm, reaffirm    4 intend, expect, plan, seek 5 commit, pledge, will, resolve
    6 decide, approve

Hedges and conditions lower a statement's strength by one step each (never below 0).
"""
from __future__ import annotations

from dataclasses import dataclass

COMMISSIVE = "commissive"  # the actor binds itself to a future course of action
ASSERTIVE = "assertive"  # the actor states, affirms or assesses
EXPRESSIVE = "expressive"  # the actor expresses an attitude (welcome, praise, concern)
DIRECTIVE = "directive"  # the actor calls on someone else to act
PROCEDURAL = "procedural"  # the meeting's own business (discuss, review)
ACTION = "action"  # any other verb done by a party ("We will convene", "Japan will deliver")


@dataclass(frozen=True)
class Act:
    """How one act verb behaves: its normalised name, class and base strength."""

    name: str
    cls: str
    strength: int


def _acts(cls: str, strength: int, *lemmas: str, name: str | None = None) -> dict[str, Act]:
    return {lemma: Act(name or lemma, cls, strength) for lemma in lemmas}


ACTS: dict[str, Act] = {
    **_acts(PROCEDURAL, 0, "discuss", "review", "exchange", "engage", "receive", "consult", "examine"),
    **_acts(ASSERTIVE, 1, "note", "recognize", "recognise", "acknowledge", "assess", "observe",
            "recall", "share", "concur", "evaluate", "understand", "believe",
            "find", "judge", "see", "consider", "remain", "express", "explain", "state", "mention",
            "report", "inform", "brief"),
    **_acts(EXPRESSIVE, 2, "welcome", "praise", "commend", "appreciate", "applaud", "congratulate",
            "thank", "celebrate", "honor", "honour", "offer", "hail", "salute", "deplore", "regret",
            "condemn", "denounce", "oppose", "reject", "support", "stand", "value", "hope", "laud", "wish",
            "concern", "encourage", "mourn", "convey", "extend", "pay"),
    **_acts(DIRECTIVE, 2, "call", "urge", "demand", "request", "invite", "ask", "press",
            "implore", "appeal"),
    **_acts(ASSERTIVE, 3, "emphasize", "emphasise", "stress", "underscore", "underline",
            "highlight", "affirm", "reaffirm", "reiterate", "confirm", "reconfirm", "renew",
            "restate", "insist", "declare", "assert"),
    **_acts(EXPRESSIVE, 2, "worried", "alarmed", "troubled", "heartened", "saddened", "appalled",
            "pleased", "grateful", "confident", "optimistic", "hopeful", "satisfied", "mindful",
            "aware", "convinced", "concerned", "encouraged", "worry", "alarm", "trouble", "hearten",
            "sadden", "appal", "appall", "please", "satisfy", "convince"),
    **_acts(ASSERTIVE, 3, "steadfast", "resolute", "unwavering", "firm", "united"),
    **_acts(COMMISSIVE, 4, "prepared", "prepare", "intend", "expect", "plan", "aim", "seek", "envision", "envisage",
            "anticipate", "endeavor", "endeavour", "strive", "look"),
    **_acts(COMMISSIVE, 5, "committed", "determined", "resolved", "dedicated", "commit", "recommit", "pledge", "vow", "promise", "resolve",
            "undertake", "determine", "agree", "guarantee", "dedicate"),
    **_acts(COMMISSIVE, 6, "decide", "approve", "adopt", "endorse", "sign"),
}

# Verbs after which "to VERB" or "that ..." is an agreement to act (commitment).
AGREE_TO = {"agree", "concur"}

# Meeting narration: not statements ("was held", "led their delegations", "presided over").
NARRATION = {"hold", "lead", "preside", "convene", "attend", "participate", "co-chair", "chair", "take_part",
             "visit", "host", "accompany", "gather", "open", "meet", "arrive", "depart", "come",
             "become", "flow", "travel", "return"}

# Verbs that carry aspect or effort rather than the act: "continue to X", "work to X".
ASPECTUAL = {"continue", "work", "strive", "try", "keep", "start", "begin", "seek", "endeavor",
             "endeavour", "cooperate", "aim", "move", "proceed", "remain"}

# Attitudes: present-tense "We support ..." is a position, not a pledge.
ATTITUDE = {"support", "stand", "share", "oppose", "value", "believe", "hope", "respect", "remain",
            "reject", "condemn", "denounce", "deplore", "welcome", "recognize", "recognise",
            "acknowledge", "note", "underscore", "emphasize", "emphasise", "stress", "call", "urge",
            "reaffirm", "affirm", "reiterate", "reconfirm", "confirm", "applaud", "commend",
            "encourage", "appreciate", "celebrate", "honor", "honour", "express", "highlight",
            "see", "view", "regard", "consider", "know", "understand", "insist",
            "retain", "have", "possess", "enjoy", "face", "rely", "depend"}

# Acts that are also deeds a pledge names in a series of infinitives: "to bolster investment and support
# financial stability", "to monitor the ceasefire and report on it" (not "..., and call on the parties").
DEED_LIKE_ACTS = {"support", "report", "evaluate", "assess", "review", "monitor", "share", "respect", "consider",
                  "address", "encourage", "help", "examine", "study", "explore", "discuss", "consult"}

# Nouns whose mention as the object of an assertive act makes it a commitment:
# "reaffirmed their commitment to ...", "renewed their determination to ...".
COMMITMENT_NOUNS = {"commitment", "commitments", "intent", "intention", "determination", "resolve",
                    "pledge", "pledges", "dedication", "resolution", "readiness", "willingness",
                    "implementation", "promise", "vow", "undertaking", "interest"}

# Predicates that make a "will" clause a prediction, not an act: "the summit will serve as ...".
PREDICTION_VERBS = {"be", "serve", "contribute", "become", "mark", "represent", "pave", "bring",
                    "enable", "allow", "lead", "result", "open", "constitute", "prove", "come"}
# Prediction verbs whose transitive sense is a deed: "it would contribute NZ$20 million", "will lead the
# task force" (not "will contribute to peace", "will lead to stability").
TRANSITIVE_DEEDS = {"contribute", "lead"}

# Verbs whose present tense says what the parties are or have, not what they do: "we represent
# two billion people", "we bring diverse perspectives", "we live in a volatile environment".
STATE_VERBS = {"bring", "represent", "account", "comprise", "constitute", "possess", "embody", "span", "face",
               "live", "have", "enjoy", "number", "include"}

# Nouns that stand for a party's own agents ("the ROK military will ...", "U.S. forces will ...").
AGENT_NOUNS = {"military", "forces", "force", "government", "governments", "army", "navy",
               "ministry", "department", "side", "sides", "posture", "presence", "commitment",
               "alliance", "command", "troops", "personnel", "authorities", "agencies", "officials",
               "administration", "country", "countries", "nation", "nations", "team", "teams",
               "leaders", "ministers", "experts", "groups", "group", "coast", "guard", "agreements",
               "capabilities", "assets", "deployment", "partnership", "cooperation"}

# A party's organs: "Australian military personnel will ...", "Finnish authorities".
PARTY_ORGANS = {"military", "force", "forces", "army", "navy", "ministry", "department", "troops", "personnel",
                "authority", "authorities", "agency", "agencies", "official", "officials", "administration",
                "guard", "crew", "crews", "team", "teams", "expert", "experts", "delegation", "diplomat",
                "diplomats", "service", "services"}

# Subjects that stand for all the parties ("both sides", "the two leaders", "Allies").
JOINT_NOUNS = {"side", "leader", "minister", "president", "secretary", "head", "delegation",
               "government", "nation", "country", "party", "participant", "ally", "member",
               "partner", "alliance", "chief", "principal", "representative", "foreign",
               "expert", "group", "official", "signatory", "state", "we", "quad", "g7", "g20",
               "counterpart", "co-chair", "administration"}


# One name per act: adjectival participles by their verb ("committed" -> "commit"), British
# spellings by the American one ("emphasise" -> "emphasize").
ACT_NAMES: dict[str, str] = {
    "committed": "commit", "determined": "determine", "resolved": "resolve", "dedicated": "dedicate",
    "prepared": "prepare", "worried": "worry", "alarmed": "alarm", "troubled": "trouble",
    "heartened": "hearten", "saddened": "sadden", "appalled": "appall", "appal": "appall",
    "pleased": "please", "satisfied": "satisfy", "convinced": "convince", "concerned": "concern",
    "encouraged": "encourage", "emphasise": "emphasize", "recognise": "recognize", "honour": "honor",
    "endeavour": "endeavor", "envisage": "envision", "realise": "realize", "prioritise": "prioritize",
    "mobilise": "mobilize", "finalise": "finalize", "organise": "organize", "utilise": "utilize",
    "operationalise": "operationalize",
}


def act_name(lemma: str, modal: str | None = None) -> str:
    """The normalised name of an act: its lexicon name, "will" for a bare modal, else the lemma."""
    act = ACTS.get(lemma)
    if act is None and modal:
        return "will"
    return ACT_NAMES.get(lemma, lemma)
