"""Pledges reported done: "committed to develop the Guiding Principles" → "signed the Guiding Principles".

A later meeting rarely repeats a pledge it has carried out; it reports it done, with a completion
verb in the past tense ("signed", "completed", "endorsed", "held"). Such a report is the pledge's
"fulfilled" step, not a rewording, and it is not a new pledge either. ``fulfilled_by`` finds,
for the commitments of an earlier document, the reports of a later one that carry them out:
the report must speak of the same thing (its clause, what was done), and more clearly
than any other statement of the later document carries the pledge on. A report may also name
the deed as a past event inside another statement ("highlighted that, following this year's
relocation of the headquarters to Camp X, ..."): then what was done is that event.
"""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..config import settings
from ..models import Statement
from ..nlp.lexicon import ACTS
from .compare import pledged_actions, pledged_parts
from .features import COMPLETION, IRREGULAR_PAST, Vectors, content_words, reports_done
from .similarity import lead_in
from .text import content_stems, stem

# A deed named as a past event: "following this year's relocation of X", "after the recent signing
# of X", "the successful conclusion of X", "welcome the official launch of X", "welcomed the first meeting of
# the working group" (a body pledged is set up). The event noun and what follows "of", to the next clause
# break ("... and will aim to conclude them", "... and thanked Y" are the next clause too). A bare "following the transfer of X" is no evidence: it as often names what is yet to come.
_EVENT = (r"(?:relocation|completion|signing|signature|establishment|launch|conclusion|opening|transfer|ratification|"
          r"adoption|inauguration|creation|operationali[sz]ation|entry\s+into\s+force|commissioning|"
          r"(?:first|inaugural)\s+(?:meeting|session))")  # the first meeting of a body set up
# The next act of the sentence after the deed: "welcomed the launch of X and thanked Y".
_NEXT_ACT = r"(?:thank|welcom|express|not|call|commend|agree|reaffirm|commit|decid|urg|encourag|recogni[sz]|stress)\w*"
_PAST_EVENT = re.compile(
    r"\b(?:(?:this|last)\s+year['’]s|the\s+recent"  # "the successful X of Y": _SUCCESSFUL
    # a deed welcomed: "welcome the official launch of the Fellowship" (not "the upcoming launch")
    r"|(?:welcom|applaud|celebrat|commend|hail|witness)\w*\s+the(?:\s+official|\s+recent)?)\s+(?:successful\s+)?"
    rf"({_EVENT}\s+of\s+[^,;:]{{3,160}}?)(?=[,;:]|\.?\s*$|\s+and\s+(?:will|shall|would|to|we|they|{_NEXT_ACT})\b)", re.I)


# A deed welcomed as a thing done: "welcomed the inaugural Roundtable held in Melbourne in November",
# "welcome the Agreement signed on 2 May", "welcomes the strategy adopted by the ministers in July" (the
# participle and where or when: not "the Agreement signed by X", which can be an old one, nor "the
# summit to be held in ...").
_DONE_PARTICIPLE = (r"(?:held|signed|launched|established|opened|completed|convened|concluded|adopted|inaugurated|"
                    r"deployed|dispatched|conducted|submitted|published|released|finali[sz]ed|created|formed)")
_THING_WORD = r"(?!(?:and|or|in|on|at|by|from|with|made|to|be|will|would|shall)\b)[\w'’()-]+\s+"
_DONE_THING = re.compile(
    rf"\b(?:welcom|applaud|celebrat|commend|hail)\w*\s+the\s+((?:{_THING_WORD}){{1,10}}?{_DONE_PARTICIPLE}"
    r"(?:\s+by\s+[^,;:]{1,80}?)?"
    rf"\s+(?:in|on|at|during|earlier|last|this)\b[^,;:]{{0,120}}?)(?=[,;:]|\.?\s*$|\s+and\s+(?:will|shall|would|to|we|they|{_NEXT_ACT})\b)",
    re.I)
# A deed dated inside any statement: "the findings of the assessment mission deployed to the region in
# May 2031" (the participle right after the thing, and a month: a recent event; not "the plan signed in
# 2015" nor "the Principles that had been signed in 2018", which recall an old deed).
_DONE_DATED = re.compile(
    rf"\bthe\s+((?:(?!(?:that|which|who|had|has|have|been|was|were|is|are)\b){_THING_WORD}){{1,8}}?{_DONE_PARTICIPLE}"
    r"(?:\s+(?:to|at)\s+the\s+[\w'’-]+)?\s+in\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(?:19|20)\d{2})\b")


# A deed told in a that-clause: "noted that the Training Centre in Manila became operational in January
# 2032", "confirmed that the Agreement has been signed", "welcomed that the hotline was established".
_DONE_CLAUSE = re.compile(
    r"\bthat\s+the\s+([^,;:]{3,100}?\s+(?:(?:(?:has|have)\s+been|was|were)\s+(?:successfully\s+)?"
    rf"{_DONE_PARTICIPLE}|became\s+(?:fully\s+)?operational|entered\s+into\s+force|came\s+into\s+(?:force|effect)|"
    r"began\s+(?:its\s+|their\s+)?operations?)\b[^,;:]{0,60}?)(?=[,;:]|\.?\s*$|\s+and\s+)", re.I)


# A thing said to have happened, with no agent: "The first exercise took place off Palawan in
# September 2031", "The pilot became operational in May", "The Agreement entered into force in June".
_HAPPENED = re.compile(
    r"^\s*(?:The\s+|Our\s+)?([^,;:]{3,100}?\s+(?:took\s+place|became\s+(?:fully\s+)?operational|is\s+now\s+(?:fully\s+)?operational|"
    r"entered\s+into\s+force|came\s+into\s+(?:force|effect))\b[^,;:]{0,80}?)(?=[,;:]|\.?\s*$|\s+and\s+)")


# A deed called successful, with what it was of: "after the successful Full Operational Capability (FOC)
# assessment of the F-CFC", "the successful conduct of the first combined exercise" ("successful" says it
# was done; the words before the noun name it; not "for the successful conclusion of the talks").
_SUCCESSFUL = re.compile(
    r"(?<!\bfor\s)(?<!\bto\s)(?<!\btoward\s)(?<!\btowards\s)(?<!\bensure\s)(?<!\bsupport\s)"  # one hoped for
    r"\bthe\s+successful\s+((?:[\w()'’-]+\s+){0,5}?(?:assessment|evaluation|exercise|test|review|demonstration|"
    rf"certification|conduct|deployment|{_EVENT})\s+of\s+[^,;:]{{3,120}}?)"
    rf"(?=[,;:]|\.?\s*$|\s+and\s+(?:will|shall|would|to|we|they|{_NEXT_ACT})\b)", re.I)


def past_event(s: Statement) -> str | None:
    """What a statement's sentence names as done, as an event ("relocation of X to Y", "the
    Roundtable held in Melbourne"), if anything."""
    m = (_PAST_EVENT.search(s.sentence) or _SUCCESSFUL.search(s.sentence) or _DONE_THING.search(s.sentence) or _DONE_DATED.search(s.sentence)
         or _DONE_CLAUSE.search(s.sentence) or _HAPPENED.search(s.sentence))
    return m.group(1) if m else None


def past_deed(s: Statement) -> str | None:
    """A deed a party reports as done in its own words, outside the lexicon of speech acts: the
    pledge "will provide $10 million to ..." and the report "has provided $10 million to ...". The
    deed's verb and clause, or None (an act of the lexicon, a pledge, a present)."""
    trigger = (s.trigger or "").lower()
    if s.commitment or s.act in ACTS or s.act == "will" or s.optional:
        return None
    past = trigger.endswith("ed") or trigger in IRREGULAR_PAST
    return f"{s.trigger} {s.content}" if past and s.content and not s.content_has_trigger else None


def what_was_done(s: Statement) -> str:
    """The words of a report that say what was done: its act and clause, or the past event it names."""
    event = None if reports_done(s) else past_event(s)
    if event:
        return event
    return s.content if s.content_has_trigger else f"{s.trigger} {s.content}"  # "The exercise was conducted ..."


def _parts(pledge: Statement) -> dict[str, str]:
    """The parts of a pledge of several, each quoted as the reasons quote it, with its whole text:
    its items ("we are launching: a pilot; a working group"), else its actions ("to hold X and to launch Y")."""
    if len(pledge.items) >= 2:
        return {item.content: item.content for item in pledge.items}
    quoted, whole = pledged_actions(pledge.content), pledged_parts(pledge.content)
    return {quoted[k]: whole.get(k, quoted[k]) for k in quoted} if len(quoted) >= 2 else {}


def of_several_parts(pledge: Statement) -> bool:
    """Whether a pledge has several items or actions, so that a report may leave some of them undone."""
    return pledge.commitment and bool(_parts(pledge))


def unreported_actions(pledge: Statement, report: Statement) -> list[str]:
    """The actions or items of a pledge of several ("to hold the Roundtable and to launch a
    Partnership") whose object its report does not name: what the report leaves undone, told with
    the step (quoted as the reasons quote actions)."""
    done = _stems(what_was_done(report))
    return [quote for quote, own in _telling_words(pledge).items() if not own & done]


def _telling_words(pledge: Statement) -> dict[str, set[str]]:
    """Each part of a pledge of several (``_parts``, by its quote) with the stems that tell it apart:
    the words of its object no other part has ("trilateral" is every one's), else all of them."""
    lead_in = len(pledge.items) >= 2
    named = {quote: _stems(whole if lead_in else whole.split(" ", 2)[-1])  # an action less its "to" and verb
             for quote, whole in _parts(pledge).items()}
    out = {}
    for quote, own in named.items():
        others = set().union(*(ws for q, ws in named.items() if q != quote))
        out[quote] = own - others or own
    return out


def _stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text, {})}


def remainder(pledge: Statement, report: Statement) -> Statement | None:
    """The part of a pledge its report leaves undone, as a pledge of its own (the items or actions
    not reported, with their deadlines and conditions), or None when the report covers it all: what
    a later statement may carry on ("we remain committed to doubling wind capacity by 2035")."""
    left = set(unreported_actions(pledge, report))
    if not left:
        return None
    parts = _parts(pledge)
    if len(pledge.items) >= 2:
        items = [item for item in pledge.items if item.content in left]
        lead = "to " if pledge.content.strip().startswith("to") else ""
        content = " and ".join(lead + re.sub(r"^to\s+", "", item.content) if lead else item.content for item in items)
        deadlines = [d for item in items for d in item.deadlines]
        conditions = [c for item in items for c in item.conditions]
    else:
        items = []
        content = " and ".join(parts[quote] for quote in parts if quote in left)
        deadlines = [d for d in pledge.deadlines if d.text in content]
        conditions = [c for c in pledge.conditions if c in content]
    return replace(pledge, content=content, items=items, deadlines=deadlines, conditions=conditions)


def reported_done(report: Statement, where: str = "") -> str:
    """The reason that quotes a report: "reported done in X: 'signing of the Agreement'"."""
    return f"reported done{where}: '{what_was_done(report)}'"[:200]


_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12}
# A part of a whole counted: "three of the five patrol vessels", "12 of the 20 projects".
_PART_OF = re.compile(rf"\b(\d+|{'|'.join(_COUNTS)})\s+of\s+(?:the|its|our|their)\s+(\d+|{'|'.join(_COUNTS)})\b", re.I)


def counted_part(report: Statement) -> str | None:
    """The part of a whole a report says is done, where it counts it: "three of the five"."""
    for m in _PART_OF.finditer(what_was_done(report)):
        done, whole = (int(g) if g.isdigit() else _COUNTS[g.lower()] for g in m.groups())
        if done < whole:
            return m.group(0)
    return None


def fulfilled_reasons(pledge: Statement, report: Statement, where: str = "") -> list[str]:
    """A fulfilled step's reasons: the deed reported (quoted), the part of a whole it counts, and
    the actions it leaves unreported."""
    part = counted_part(report)
    return [reported_done(report, where), *([f"done in part: '{part}'"] if part else []),
            *(f"not reported done: '{a}'" for a in unreported_actions(pledge, report))]


def carried_on(left: Statement) -> str:
    """The reason of a step that carries on the part of a pledge its report left undone."""
    return f"carries on what was not reported done: '{left.content}'"[:200]


# The framework a thing is pledged or done within, not the thing: "enduring capabilities consistent with
# the COTP", "to return the sites in accordance with the SOFA" (to the next clause break).
_FRAMEWORK = re.compile(r"\b(?:consistent\s+with|in\s+(?:accordance|line|keeping)\s+with|pursuant\s+to|as\s+set\s+out\s+in)"
                        r"\s+[^,;:—–]*", re.I)


def _object_words(s: Statement, glossary: dict[str, str], text: str | None = None) -> list[str]:
    """The content words of a statement's clause (or ``text``) without words of completion
    ("completed", "signing", "relocation") and without the framework it is within ("consistent with
    the COTP"): what was done or pledged, not that it was done."""
    text = text or (" ".join(item.content for item in s.items) if lead_in(s) else s.content) or s.sentence
    text = _FRAMEWORK.sub(" ", text)
    return [w for w in content_words(text, glossary)
            if not COMPLETION.match(w) and not re.fullmatch(_EVENT, w)]


def fulfilment_matrix(vectors: Vectors, done: list[Statement], pledges: list[Statement],
                      events: list[str | None] | None = None) -> np.ndarray:
    """How clearly each report (rows) speaks of each pledge (columns): the TF-IDF cosine of what
    their clauses name (whole sentences share too much around them; completion words say nothing
    of what was done). ``events``: for a report that names the deed as a past event, that event."""
    if not done or not pledges:
        return np.zeros((len(done), len(pledges)))
    events = events or [None] * len(done)
    texts = [_object_words(s, vectors.glossary, e) for s, e in zip(done, events, strict=True)]
    texts += [_object_words(s, vectors.glossary) for s in pledges]
    if not any(texts):
        return np.zeros((len(done), len(pledges)))
    m = TfidfVectorizer(analyzer=lambda ws: ws, sublinear_tf=True).fit_transform(texts)
    return (m[:len(done)] @ m[len(done):].T).toarray()


def fulfilled_by(vectors: Vectors, new: list[Statement], old: list[Statement],
                 in_part: set[int] | None = None) -> dict[int, int]:
    """``{old index: new index}``: the commitments of ``old`` that a statement of ``new`` reports done.

    A report fulfils a pledge when it speaks of it at ``link.fulfilled_similarity`` or more, and more
    than any statement of ``new`` that is not a report and whose closest statement of ``old`` is
    this pledge (a pledge carried on as a pledge is not fulfilled), unless the two speak of different
    parts of it: then it is fulfilled in part (its index is added to ``in_part``) and carried on.
    A pledge carried on most closely by the same deed told in the past ("will provide $10 million
    to ..." -> "has provided $10 million to ...") is fulfilled by it."""
    pledge_cols = [j for j, s in enumerate(old) if s.commitment]
    if not pledge_cols:
        return {}
    events = [None if reports_done(s) else past_event(s) for s in new]
    done = [reports_done(s) or e is not None for s, e in zip(new, events, strict=True)]
    done_rows = [i for i, d in enumerate(done) if d]
    other_rows = [i for i, d in enumerate(done) if not d]
    pledges = [old[j] for j in pledge_cols]
    carried = np.zeros(len(old))
    carrier: dict[int, int] = {}  # the statement of new that carries each pledge on most closely
    if other_rows:
        word, char = vectors.cosines([new[i] for i in other_rows], old)
        sim = 0.5 * (word + char)
        closest = sim.argmax(axis=1)
        for r, j in enumerate(closest):
            if sim[r, j] > carried[j]:
                carried[j], carrier[j] = sim[r, j], other_rows[r]
    out: dict[int, int] = {}
    bar = settings().link.fulfilled_similarity
    f = fulfilment_matrix(vectors, [new[i] for i in done_rows], pledges, [events[i] for i in done_rows])
    for c, j in enumerate(pledge_cols):
        if not done_rows:
            break
        best = int(f[:, c].argmax())
        # A deed named as an event is one deed: it fulfils the pledge it speaks of most closely.
        if events[done_rows[best]] is not None and int(f[best].argmax()) != c:
            continue
        report = new[done_rows[best]]
        if f[best, c] < bar:
            continue
        if f[best, c] > carried[j]:
            out[j] = done_rows[best]
        elif _other_halves(old[j], report, new[carrier[j]] if j in carrier else None):
            out[j] = done_rows[best]
            if in_part is not None:
                in_part.add(j)
    for j in pledge_cols:
        i = carrier.get(j)
        if j in out or i is None or i in out.values():
            continue
        deed = past_deed(new[i])
        if looked_forward_to(old[j], new[i]) or (
                deed and _same_verb(old[j], new[i]) and fulfilment_matrix(vectors, [new[i]], [old[j]], [deed])[0, 0] >= bar):
            out[j] = i
    return out


_LOOKED_FORWARD_TO = re.compile(r"forward\s+to\s+([a-z]+ing)\b", re.I)


def looked_forward_to(pledge: Statement, report: Statement) -> bool:
    """Whether a later statement performs the act a pledge looked forward to, on the same thing:
    "look forward to welcoming Sweden as a full member" -> "We welcome Sweden as our newest Ally"
    (the verb, and the first word of what it is done to)."""
    m = _LOOKED_FORWARD_TO.match(pledge.content.strip())
    if m is None or stem(m.group(1)) != stem(report.trigger.lower()):
        return False
    thing = content_stems(pledge.content[m.end():])[:1]
    return bool(thing) and thing == content_stems(report.content)[:1]


def _same_verb(pledge: Statement, report: Statement) -> bool:
    """Whether a report's verb is one the pledge names ("provided" for "will provide", "hosted" for
    "to host the first meeting"): the deed pledged, told done."""
    return stem(report.trigger.lower()) in {stem(w.lower()) for w in f"{pledge.trigger} {pledge.content}".split()}


def _other_halves(pledge: Statement, report: Statement, carrier: Statement | None) -> bool:
    """Whether a report and the statement that carries a pledge on speak of different parts of it:
    the report of some ("the Roundtable held in May"), the carrier only of the others ("agreed to
    launch the Partnership"). Then the pledge is fulfilled in part, and carried on in the rest."""
    if carrier is None:
        return False
    left = set(unreported_actions(pledge, report))
    telling = _telling_words(pledge)
    if not left or len(left) == len(telling):
        return False
    said = _stems(carrier.content or carrier.sentence)
    return not any(telling[quote] & said for quote in telling.keys() - left)  # no reported part named
