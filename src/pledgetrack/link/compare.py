"""How a statement changed from one document to the next: a step label and reasons a person can check.

``compare(old, new)`` looks at the act (pledge -> note), the commitment flag, hedges, conditions,
deadlines, actors (joint -> one side) and scope or quantity words ("current level", "full",
numbers), and says ``strengthened``, ``weakened``, ``reworded`` or ``reaffirmed``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..config import settings
from ..countries import display_name, find_countries
from ..models import Statement, StepLabel
from ..nlp.lexicon import ACTS
from .features import meeting_bound
from .text import STOPWORDS, normalize, stem, words

# What an act makes of a statement, for "pledge became a shared understanding".
ACT_NOUNS = {
    "pledge": "pledge", "commit": "commitment", "will": "commitment", "promise": "promise",
    "decide": "decision", "agree": "agreement", "resolve": "resolution", "vow": "vow",
    "intend": "intention", "plan": "plan", "seek": "aim", "expect": "expectation", "aim": "aim",
    "reaffirm": "reaffirmation", "affirm": "affirmation", "emphasize": "emphasis", "stress": "emphasis",
    "reiterate": "reiteration", "confirm": "confirmation", "underscore": "emphasis",
    "share": "shared understanding", "note": "note", "welcome": "welcome", "support": "support",
    "recognize": "recognition", "acknowledge": "acknowledgement", "assess": "assessment",
    "review": "review", "discuss": "discussion", "explain": "explanation", "express": "expression",
    "praise": "praise", "appreciate": "appreciation", "concur": "concurrence", "applaud": "applause",
    "commend": "commendation", "highlight": "highlight", "call": "call", "urge": "urging",
    "condemn": "condemnation", "oppose": "opposition", "approve": "approval", "endorse": "endorsement",
    "sign": "signature", "hope": "hope", "state": "statement", "offer": "offer", "encourage": "encouragement",
    "determined": "determination", "committed": "commitment", "resolved": "resolution",
    "concerned": "concern", "worried": "concern", "look": "expectation", "recall": "recollection",
    "adopt": "adoption", "alarm": "alarm", "alarmed": "alarm", "anticipate": "expectation", "appal": "dismay",
    "appall": "dismay", "appalled": "dismay", "appeal": "appeal", "ask": "request", "assert": "assertion",
    "aware": "awareness", "believe": "belief", "brief": "briefing", "celebrate": "celebration",
    "concern": "concern", "confident": "confidence", "congratulate": "congratulation",
    "consider": "consideration", "consult": "consultation", "convey": "message", "convince": "conviction",
    "convinced": "conviction", "declare": "declaration", "dedicate": "commitment", "dedicated": "commitment",
    "demand": "demand", "denounce": "denunciation", "deplore": "condemnation", "determine": "determination",
    "emphasise": "emphasis", "encouraged": "encouragement", "endeavor": "endeavour", "endeavour": "endeavour",
    "engage": "engagement", "envisage": "vision", "envision": "vision", "evaluate": "assessment",
    "examine": "examination", "exchange": "exchange of views", "extend": "offer", "find": "finding",
    "firm": "firm stance", "grateful": "gratitude", "guarantee": "guarantee", "hail": "praise",
    "hearten": "encouragement", "heartened": "encouragement", "honor": "tribute", "honour": "tribute",
    "hopeful": "hope", "implore": "appeal", "inform": "briefing", "insist": "insistence", "invite": "invitation",
    "judge": "judgement", "laud": "praise", "mention": "mention", "mindful": "awareness", "mourn": "mourning",
    "observe": "observation", "optimistic": "optimism", "pay": "tribute", "please": "satisfaction",
    "pleased": "satisfaction", "prepare": "preparation", "prepared": "readiness", "press": "urging",
    "receive": "briefing", "recognise": "recognition", "recommit": "commitment", "reconfirm": "confirmation",
    "regret": "regret", "reject": "rejection", "remain": "stance", "renew": "renewal", "report": "report",
    "request": "request", "resolute": "resolve", "restate": "restatement", "sadden": "sorrow",
    "saddened": "sorrow", "salute": "tribute", "satisfied": "satisfaction", "satisfy": "satisfaction",
    "see": "view", "stand": "stance", "steadfast": "commitment", "strive": "endeavour", "thank": "thanks",
    "trouble": "concern", "troubled": "concern", "underline": "emphasis", "understand": "understanding",
    "undertake": "undertaking", "united": "unity", "unwavering": "commitment", "value": "appreciation",
    "wish": "wish", "worry": "concern",
}
# Abstract nouns read without an article: "pledge became support", not "a support".
_MASS_NOUNS = {"support", "praise", "emphasis", "applause", "opposition", "approval", "appreciation",
               "concern", "encouragement", "determination", "commendation", "condemnation", "recognition",
               "acknowledgement", "concurrence", "urging", "hope", "alarm", "dismay", "awareness", "confidence",
               "gratitude", "insistence", "optimism", "satisfaction", "sorrow", "unity", "readiness", "resolve",
               "thanks", "mourning", "engagement", "consideration", "preparation", "renewal"}


# Words that widen or fix the scope or quantity of what is promised.
SCOPE_WORDS = frozenset(["all", "full", "fully", "complete", "completely", "every", "entire", "entirely", "current", "comprehensive", "ironclad", "firm", "firmly", "steadfast", "unwavering", "immediate", "immediately", "permanent", "permanently", "robust", "strong", "strongly", "total", "maximum", "minimum", "significant", "significantly", "substantial", "substantially", "swiftly", "rapidly", "continuous", "continuously", "irreversible", "verifiable", "unconditional", "unconditionally", "any", "whole"])


# Scope words that change what is promised, not only how it is said: "maintain the current level".
DECISIVE_SCOPE = frozenset(["current", "minimum", "maximum", "permanent", "permanently", "unconditional", "unconditionally", "irreversible"])


def party_phrase(codes: list[str]) -> str:
    names = [display_name(c) for c in codes]
    if len(names) <= 1:
        return names[0] if names else "no party"
    return ", ".join(names[:-1]) + " and " + names[-1]


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(normalize(text).split())
    return f"'{text[:limit - 3].rstrip()}...'" if len(text) > limit else f"'{text}'"


def _key(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text) if w.lower() not in STOPWORDS)


def _match_texts(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Items only in ``old`` and only in ``new``, comparing content stems (>= half shared = same)."""
    def same(a: str, b: str) -> bool:
        ka, kb = _key(a), _key(b)
        return bool(ka and kb) and len(ka & kb) / min(len(ka), len(kb)) >= 0.5
    removed = [o for o in old if not any(same(o, n) for n in new)]
    added = [n for n in new if not any(same(o, n) for o in old)]
    return removed, added


_QUANTITY = re.compile(r"\d[\d,\.]*")
# Numbers written out: "three coastal radar systems" -> "five coastal radar systems" is more.
_NUMBER_WORDS = {w: n for n, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                              "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                              "seventeen", "eighteen", "nineteen", "twenty"], start=1)}
_NUMBER_WORDS.update(thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80, ninety=90, hundred=100,
                     dozen=12)
# Units after a number that count the age of something ("over the past 65 years"), not a promise.
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"])
# Currency codes written before an amount ("USD 5 billion"): the amount is a quantity all the same.
_CURRENCIES = frozenset(["USD", "EUR", "JPY", "GBP", "AUD", "CAD", "CHF", "CNY", "KRW", "INR", "NZD", "SGD", "SEK",
                         "NOK", "DKK", "BRL", "ZAR", "MXN", "IDR", "US$", "A$", "C$"])
_CURRENCY_BEFORE = "(?:(?:" + "|".join(re.escape(c) for c in sorted(_CURRENCIES)) + r")\s+)?"  # "at least USD 7 billion"
# A pledged deed that is itself a quantity: "double our patrols" -> "continue our patrols" is less.
_MULTIPLYING = frozenset(["double", "triple", "treble", "quadruple"])
_BARE_MODALS = frozenset(["will", "shall"])  # the act of a bare modal pledge: its verb is the deed
# Words that make a number at the end of a pledge an amount: "to more than 300,000", "at least 500".
_AMOUNT_MARKS = frozenset(["than", "least", "most", "to", "about", "approximately", "around", "nearly", "almost", "over"])
_TIME_UNITS = frozenset(["year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades", "century", "anniversary"])
# "stronger", "strongest", "strongly", "fully" -> the scope word they grade.
_GRADES = (("est", ""), ("er", ""), ("ly", ""), ("ier", "y"), ("iest", "y"), ("ily", "y"))


def _scope_word(word: str) -> str | None:
    """The scope word ``word`` is, or is a graded form of ("stronger" -> "strong"), else None;
    written with a hyphen or without, it is the same word ("iron-clad" is "ironclad")."""
    word = word.replace("-", "")
    if word in SCOPE_WORDS:
        return word
    for suffix, repl in _GRADES:
        if word.endswith(suffix):
            base = word[: -len(suffix)] + repl
            for cand in (base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else base):
                if cand in SCOPE_WORDS:
                    return cand
    return None


def _is_number(word: str) -> bool:
    """A number in figures ("28,500") or in words ("three")."""
    return bool(_QUANTITY.fullmatch(word)) or word.lower() in _NUMBER_WORDS


def _quantity(ws: list[str], i: int) -> bool:
    """Whether ``ws[i]`` is a quantity of what is promised ("28,500 troops", "2 percent"): a number
    followed by a lower-case word that is not a unit of time. Not years, meeting ordinals ("50th"),
    names ("4D", "Defense Reform 2.0") or lists of resolution numbers ("1718, 1874, 2087")."""
    w = ws[i]
    if not _is_number(w) or _YEAR.fullmatch(w.rstrip(",.")):
        return False
    nxt = ws[i + 1] if i + 1 < len(ws) else ""
    prev = ws[i - 1] if i else ""
    if not nxt and prev.lower() in _AMOUNT_MARKS:
        return True  # "to increase the forces to more than 300,000"
    if not nxt or not nxt[:1].islower() or nxt.lower() in _TIME_UNITS or nxt.lower() in ("st", "nd", "rd", "th"):
        return False
    if nxt.lower() in ("to", "and") and i + 3 < len(ws) and ws[i + 2].isdigit() and ws[i + 3].lower() in _MONTHS:
        return False  # the first day of a span of dates: "from 10 to 12 April"
    in_list = prev.lower() in ("and", "or") and i >= 2 and bool(_QUANTITY.fullmatch(ws[i - 2]))
    named = prev[:1].isupper() and prev not in _CURRENCIES  # "Reform 2.0", not "USD 5 billion"
    return not (_QUANTITY.fullmatch(prev) or w.endswith(",") or named or in_list)


def _number(quantity: str) -> float:
    return float(_NUMBER_WORDS.get(quantity.lower()) or quantity.replace(",", "").rstrip("."))


def _paired_quantities(old: dict[str, str], new: dict[str, str]) -> list[tuple[str, str]]:
    """Quantities of the old text gone and of the new one come that count the same thing (the
    same word after them, or none): (old, new) pairs, in the order of the old text."""
    gone = [k for k in old if k not in new and _is_number(k)]
    came = [k for k in new if k not in old and _is_number(k)]
    pairs = []
    for k in gone:
        unit = old[k].split()[1:]
        match = next((c for c in came if new[c].split()[1:] == unit), None)
        if match is not None:
            pairs.append((k, match))
            came.remove(match)
    return pairs


def _joined_on(short: str, long: str) -> str | None:
    """What ``long`` joins on to all of ``short`` ("X" -> "X and with Y", "X, including Y"), if it does."""
    a, b = (re.sub(r"[\s.;,]+$", "", normalize(t)).lower() for t in (short, long))
    if not a or not b.startswith(a):
        return None
    m = re.match(r",?\s+(and|as\s+well\s+as|including)\s+(\S.{2,})$", normalize(long).rstrip(" .;,")[len(a):])
    return f"{m.group(1)} {m.group(2)}" if m else None


def _in_context(quantity: str, s: Statement) -> str:
    """A quantity with the words around it in the statement: "at least 2%", "28,500 troops"."""
    text = s.content or s.sentence
    m = re.search(r"(?:[\w'’]+\s+){0,2}" + _CURRENCY_BEFORE + re.escape(quantity) + r"[^\s,;.]*(?:\s+([a-z][\w\-]*))?", text)
    if m is None:
        return quantity
    return m.group(0)[:m.start(1) - m.start()].rstrip() if m.group(1) in STOPWORDS else m.group(0)


# How often something is done, as times a year: "hold exercises every year" -> "twice a year".
_FREQUENCIES = {"annually": 1, "annual": 1, "yearly": 1, "every year": 1, "each year": 1, "once a year": 1,
                "twice a year": 2, "twice yearly": 2, "biannually": 2, "semi-annually": 2, "semiannually": 2,
                "every six months": 2, "quarterly": 4, "every quarter": 4, "monthly": 12, "every month": 12,
                "weekly": 52, "every week": 52, "biennially": 0.5, "biennial": 0.5, "every two years": 0.5,
                "every other year": 0.5, "every three years": 1 / 3, "triennially": 1 / 3}
_TIMES = {"once": 1, "twice": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_FREQUENCY = re.compile(r"\b(?:(once|twice|three|four|five|six|\d+)(?:\s+times)?\s+(?:a|per|each)\s+year|"
                        + "|".join(sorted(map(re.escape, _FREQUENCIES), key=len, reverse=True)) + r")\b", re.I)


def _frequency(text: str) -> tuple[str, float] | None:
    """The first frequency a text gives ("every year", "twice a year") and its times a year."""
    m = _FREQUENCY.search(text)
    if m is None:
        return None
    phrase = m.group(0)
    if m.group(1):
        n = m.group(1).lower()
        return phrase, float(_TIMES[n] if n in _TIMES else int(n))
    return phrase, float(_FREQUENCIES[phrase.lower()])


# A pledge with no end until its aim is met: "support Ukraine for as long as it takes".
_OPEN_ENDED = re.compile(r"\b(?:for\s+)?as\s+long\s+as\s+(?:it\s+takes|(?:is\s+)?(?:necessary|needed|required))\b", re.I)


def _open_ended(text: str) -> str | None:
    m = _OPEN_ENDED.search(text)
    return m.group(0) if m else None


# A relationship raised to a higher status: "agreed to elevate it to a Comprehensive Global Strategic
# Partnership", "upgrade our ties to the level of ...".
_ELEVATED = re.compile(r"\b(?:elevat|upgrad)\w*\s+(?:[\w'’-]+\s+){0,3}?to\s+(?:an?\s+|the\s+)?[^,;.]{3,80}", re.I)


def _elevation(text: str) -> str | None:
    m = _ELEVATED.search(text)
    return m.group(0) if m else None


# How grave a concern is said to be: "noted with concern" -> "expressed serious concern".
_CONCERN = re.compile(r"\b(?:(?:serious|grave|deep|deepest|great|strong)\s+)?concerns?\b", re.I)


def _concern(text: str) -> tuple[str, bool] | None:
    """The concern a position voices, and whether it is graded (serious, grave, deep)."""
    m = _CONCERN.search(text)
    return (m.group(0), " " in m.group(0)) if m else None


def _scope_phrases(text: str) -> dict[str, str]:
    """Scope words and quantities of a text, each with the word after it: {'current': 'current level'}.
    Graded forms count as their scope word ("stronger than ever" and "strong" both say 'strong')."""
    ws = words(text)
    out: dict[str, str] = {}
    for i, w in enumerate(ws):
        key = _scope_word(w.lower()) or (w.lower() if _quantity(ws, i) else None)
        if key:
            nxt = ws[i + 1] if i + 1 < len(ws) and ws[i + 1].lower() not in STOPWORDS else ""
            if i + 1 == len(ws) and _quantity(ws, i):  # an amount that ends the pledge: "more than 300,000"
                out.setdefault(key, " ".join(ws[max(0, i - 2):i + 1]))
            out.setdefault(key, f"{w} {nxt}".strip())
    return out


_ACTION = re.compile(r"(?:^|,\s*|\band\s+|\bor\s+)to\s+([a-z]+)((?:\s+(?!(?:and|or)\s+to\b)[\w\-’']+){0,4})")


def pledged_actions(content: str) -> dict[str, str]:
    """The actions a pledge names, by verb stem: {'enhanc': 'to enhance combat readiness'}."""
    out: dict[str, str] = {}
    for m in _ACTION.finditer(normalize(content)):
        verb = m.group(1).lower()
        if verb in STOPWORDS:
            continue
        out.setdefault(stem(verb), f"to {verb}{m.group(2)}")
    return out


def pledged_parts(content: str) -> dict[str, str]:
    """The actions a pledge names, by verb stem, each with all its words up to the next one:
    {'hold': 'to hold the Roundtable in Melbourne in 2031', 'launch': 'to launch a Partnership'}."""
    text = normalize(content)
    found = [m for m in _ACTION.finditer(text) if m.group(1).lower() not in STOPWORDS]
    out: dict[str, str] = {}
    for m, nxt in zip(found, [*found[1:], None], strict=False):
        start = text.rfind("to", m.start(), m.start(1))
        part = text[start:nxt.start() if nxt else len(text)].strip(" ,;")
        out.setdefault(stem(m.group(1).lower()), re.sub(r"\s+(?:and|or)$", "", part))
    return out


def _hedges(s: Statement) -> list[str]:
    """The statement's hedges, without the month May read as the modal "may"."""
    return [h for h in s.hedges if h.strip().lower() != "may" or re.search(r"\bmay\b", s.sentence)]


def _other_kind_of_act(old: Statement, new: Statement) -> bool:
    """Whether the two acts are of different classes of the lexicon (assertive, expressive, directive ...)."""
    a, b = ACTS.get(old.act), ACTS.get(new.act)
    return a is not None and b is not None and a.cls != b.cls


# A capitalised word right before or after a country's name: the country is a word of a longer name.
_NAME_AFTER = re.compile(r" [A-Z]")
_NAME_BEFORE = re.compile(r"(?:^|\s)(?!The )[A-Z][\w.\-]* $")


def _named_countries(s: Statement) -> set[str]:
    """The countries a statement's content names (not its actors, unless it names them too), leaving
    out a country's word inside a longer name ("the Philippine Coast Guard", "U.S. Forces Korea"),
    which an acronym may stand for the next time."""
    text = s.content or s.sentence
    return {code for start, end, code in find_countries(text)
            if not (_NAME_AFTER.match(text, end) or _NAME_BEFORE.search(text[:start]))}


def _deadline_key(d) -> str:
    return (d.date or "")[:4] or d.text


def _stems(s: Statement) -> set[str]:
    return {stem(w) for w in words(s.content or s.sentence) if w.lower() not in STOPWORDS}


def text_similarity(old: Statement, new: Statement) -> float:
    a, b = _stems(old), _stems(new)
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class Comparison:
    label: StepLabel
    reasons: list[str] = field(default_factory=list)
    score: int = 0  # > 0 stronger, < 0 weaker
    text_similarity: float = 0.0


def compare(old: Statement, new: Statement, parties: tuple[list[str], list[str]] | None = None,
            siblings: Sequence[Statement] = ()) -> Comparison:
    """The step label and reasons for ``new`` carrying on ``old``; ``parties``, those of the two
    documents: a statement of all the parties both times changes no actors when the membership
    changed (a group that grew from 30 to 32 members). ``siblings``: the other statements of the
    new document that carry ``old`` on too (a split): an action one of them names is not dropped."""
    up: list[str] = []
    down: list[str] = []
    told: list[str] = []  # changes of wording that neither strengthen nor weaken, but are told

    # The act and its strength. Between two positions (a note, a welcome, praise) the act alone
    # changes no pledge: "expressed concern" -> "opposed" is a rewording, told as such when the
    # kind of act changed (an assertion became an attitude; not "welcomed" -> "supported", nor
    # "highlighted" -> "noted", which annotators read as the same position reaffirmed).
    pledged = old.commitment or new.commitment
    delta = new.strength - old.strength if pledged else 0
    if old.act != new.act and (delta or (not pledged and _other_kind_of_act(old, new))):
        a, b = ACT_NOUNS.get(old.act, f"'{old.act}'"), ACT_NOUNS.get(new.act, f"'{new.act}'")
        if a != b:
            article = "" if b in _MASS_NOUNS or b.startswith("'") else ("an " if b[0] in "aeiou" else "a ")
            phrase = f"{a} became {article}{b}"
            phrase += f" ('{old.trigger}' -> '{new.trigger}')"
            (up if delta > 0 else down if delta < 0 else told).append(phrase)
    if old.act == new.act and old.act in _BARE_MODALS and stem(old.trigger.lower()) != stem(new.trigger.lower()):
        # "will double our patrols" -> "will continue our patrols": the deed itself changed
        fewer = old.trigger.lower() in _MULTIPLYING and new.trigger.lower() not in _MULTIPLYING
        more = new.trigger.lower() in _MULTIPLYING and old.trigger.lower() not in _MULTIPLYING
        (down if fewer else up if more else told).append(
            f"action changed: '{old.trigger}' -> '{new.trigger}'")
    if old.commitment and not new.commitment:
        down.append("no longer a commitment")
    elif new.commitment and not old.commitment:
        up.append("now a commitment")

    # Hedges.
    h_removed, h_added = _match_texts(_hedges(old), _hedges(new))
    down += [f"hedge added: {_quote(h)}" for h in h_added]
    up += [f"hedge removed: {_quote(h)}" for h in h_removed]

    # Conditions.
    c_removed, c_added = _match_texts(old.conditions, new.conditions)
    down += [f"condition added: {_quote(c)}" for c in c_added]
    up += [f"condition removed: {_quote(c)}" for c in c_removed]

    # Deadlines; a routine line about its own meeting ("expect to hold the 51st SCM in 2019")
    # changes its year and ordinal every time, which says nothing.
    routine = meeting_bound(old) and meeting_bound(new)
    od = {} if routine else {_deadline_key(d): d for d in old.deadlines}
    nd = {} if routine else {_deadline_key(d): d for d in new.deadlines}
    gone, came = [k for k in od if k not in nd], [k for k in nd if k not in od]
    if gone and came:
        before, after = gone[0], came[0]
        if after > before:
            down.append(f"deadline {before} moved to {after}")
        else:
            up.append(f"deadline {before} brought forward to {after}")
        gone, came = gone[1:], came[1:]
    down += [f"deadline {k} removed" if k[:4].isdigit() else f"deadline {_quote(k)} removed" for k in gone]
    up += [f"deadline added: {k}" if k[:4].isdigit() else f"deadline added: {_quote(k)}" for k in came]

    # Actors: joint -> one side, or the other way; not the host of a routine next meeting.
    oa, na = set(old.actors), set(new.actors)
    everyone = parties is not None and oa == set(parties[0]) and na == set(parties[1])
    if oa and na and oa != na and not routine and not everyone:
        if len(oa) > 1 and na < oa:
            down.append(f"joint commitment now {party_phrase(sorted(na))} only" if old.commitment or new.commitment
                        else f"joint position now {party_phrase(sorted(na))} only")
        elif len(na) > 1 and oa < na:
            up.append(f"now joint: {party_phrase(sorted(na))} (was {party_phrase(sorted(oa))} only)")
        else:  # one side for the other: a position changed hands (a host's welcome, a guest's visit), no pledge
            changed = f"actors changed: {party_phrase(sorted(oa))} -> {party_phrase(sorted(na))}"
            (told if not pledged and len(na) == len(oa) else
             down if len(na) < len(oa) else up if len(na) > len(oa) else down).append(changed)

    # Third countries the content names: "cooperation with the United States" -> "... and Australia"
    # (the parties' own names come and go with the wording: "U.S. forces", "the ROK's capabilities").
    if not routine:
        own = {*old.actors, *new.actors, *(parties[0] if parties else ()), *(parties[1] if parties else ())}
        was_named, now_named = _named_countries(old) - own, _named_countries(new) - own
        told += [f"now also names {display_name(c)}" for c in sorted(now_named - was_named)]
        told += [f"no longer names {display_name(c)}" for c in sorted(was_named - now_named)]

    # Actions pledged: "to maintain X and to enhance Y" -> "to maintain X" drops an action.
    if old.commitment or new.commitment:
        oa_, na_ = pledged_actions(old.content), pledged_actions(new.content)
        elsewhere = {v for other in siblings for v in pledged_actions(other.content)}
        down += [f"action dropped: {_quote(oa_[v])}" for v in oa_ if v not in na_ and v not in elsewhere and len(oa_) > 1]
        up += [f"action added: {_quote(na_[v])}" for v in na_ if v not in oa_ and len(na_) > 1]

    actions_told = any(r.startswith(("action dropped", "action added")) for r in up + down)
    # How often: a frequency raised or lowered is what is promised ("every year" -> "twice a year").
    old_text, new_text = old.content or old.sentence, new.content or new.sentence
    of, nf = _frequency(old_text), _frequency(new_text)
    if of and nf and of[1] != nf[1]:
        (up if nf[1] > of[1] else down).append(
            f"frequency {'raised' if nf[1] > of[1] else 'lowered'}: {_quote(of[0])} -> {_quote(nf[0])}")
        old_text, new_text = old_text.replace(of[0], " "), new_text.replace(nf[0], " ")  # not told again as scope
    elif pledged and (said := of or nf) and not (of and nf) and not actions_told:
        # "drills each year" -> "drills": no longer how often (unless it went with an action told)
        (down if of else up).append(f"frequency {'removed' if of else 'added'}: {_quote(said[0])}")

    # The same words with more joined on: "share data with all members" -> "... and with interested
    # partners" widens the pledge (and the other way narrows it).
    # A detail joined on ("X, including Y") is told, and decides nothing.
    if pledged and not actions_told and (widened := _joined_on(old_text, new_text)):
        (told if widened.startswith("including") else up).append(
            f"{'detail added' if widened.startswith('including') else 'scope widened'}: {_quote(widened)}")
    elif pledged and not actions_told and (narrowed := _joined_on(new_text, old_text)):
        (told if narrowed.startswith("including") else down).append(
            f"{'detail' if narrowed.startswith('including') else 'scope narrowed'}: {_quote(narrowed)} removed")

    # For as long as it takes: an open-ended pledge given a term, or the other way.
    oe, ne = _open_ended(old_text), _open_ended(new_text)
    if oe and not ne:
        down.append(f"{_quote(oe)} removed")
    elif ne and not oe:
        up.append(f"{_quote(ne)} added")

    # A concern graver or milder: told, as the annotators read it as the same position.
    oc, nc = _concern(old_text), _concern(new_text)
    if oc and nc and oc[1] != nc[1]:
        told.append(f"concern {'graver' if nc[1] else 'milder'}: {_quote(oc[0])} -> {_quote(nc[0])}")

    # A relationship elevated: the later meeting raises what the earlier one kept.
    if (elevated := _elevation(new_text)) and not _elevation(old_text):
        up.append(f"elevated: {_quote(elevated)}")

    # Scope and quantity words.
    os_, ns = _scope_phrases(old_text), _scope_phrases(new_text)
    if routine:
        os_, ns = {}, {}
    # a word of an undated deadline ("immediately", "swiftly") is told as the deadline, not again as scope
    timing = {w.lower() for d in [*old.deadlines, *new.deadlines] if not d.date for w in words(d.text)}
    os_, ns = ({k: v for k, v in d.items() if k not in timing} for d in (os_, ns))
    # Quantities and a fixed level ("the current level") are what is promised; intensifiers
    # ("strong", "full", "all", "robust") are how it is said: they are told, but do not decide the
    # label (on the annotated pairs, an intensifier alone agreed with the annotators 6 times in 28).
    wording_up = wording_down = 0
    for was, now in _paired_quantities(os_, ns):  # "2%" -> "2.5%": one change, told by its direction
        raised = _number(now) > _number(was)
        (up if raised else down).append(f"quantity {'raised' if raised else 'lowered'}: "
                                         f"{_quote(_in_context(was, old))} -> {_quote(_in_context(now, new))}")
        del os_[was], ns[now]
    # a number in words counts what it names ("the three summits", "our four countries"): it decides
    # only raised or lowered (above); gone or come, it is told
    for w in sorted(set(os_) - set(ns)):
        (told if w in _NUMBER_WORDS else down).append(f"{_quote(os_[w])} removed")
        wording_down += w not in DECISIVE_SCOPE and not _is_number(w)
    for w in sorted(set(ns) - set(os_)):
        (told if w in _NUMBER_WORDS else up).append(f"{_quote(ns[w])} added")
        wording_up += w not in DECISIVE_SCOPE and not _is_number(w)

    # The strength ordinal weighs more than any single wording change.
    score = (len(up) - wording_up) - (len(down) - wording_down) + (2 * delta if abs(delta) >= 2 else delta)
    sim = text_similarity(old, new)
    if score > 0:
        label, reasons = StepLabel.STRENGTHENED, up + down + told
    elif score < 0:
        label, reasons = StepLabel.WEAKENED, down + up + told
    else:
        same = sim >= settings().link.reaffirmed_similarity
        label = StepLabel.REAFFIRMED if same and not (up or down or told) else StepLabel.REWORDED
        reasons = down + up + told
        if label == StepLabel.REWORDED and not reasons:
            reasons = [f"reworded ({round(sim * 100)}% of content words shared)"]
    return Comparison(label, reasons, score, sim)
