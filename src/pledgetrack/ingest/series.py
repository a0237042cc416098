"""Which meeting series a statement belongs to, and its number: "51st SCM" -> ("SCM", 51)."""
from __future__ import annotations

import re

from pledgetrack.countries import ORGANISATIONS, display_name, find_countries, find_organisations

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth"]
_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]  # + "ieth", or + "y-" and a unit


def _ordinal_words() -> dict[str, int]:
    """Ordinals spelled out, "first" to "ninety-ninth" ("Fifty-Ninth Leaders Meeting"), and "inaugural"."""
    out = {"inaugural": 1, **{w: i + 1 for i, w in enumerate(_UNITS)}, **{w: i + 10 for i, w in enumerate(_TEENS)}}
    for i, tens in enumerate(_TENS):
        value = 10 * (i + 2)
        out[f"{tens}ieth"] = value
        out.update({f"{tens}y-{unit}": value + j + 1 for j, unit in enumerate(_UNITS)})
    return out


ORDINAL_WORDS = _ordinal_words()
_ORDINAL = r"(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(ORDINAL_WORDS) + ")"
# (series name, the body's name as written, its acronym)
_BODIES = [
    ("SCM", r"Security\s+Consultative\s+Meeting", "SCM"),
    ("2+2", r"Security\s+Consultative\s+Committee|\(?2\s*\+\s*2\)?", "SCC"),
    ("NCG", r"Nuclear\s+Consultative\s+Group", "NCG"),
]
# A ministers' meeting of an organisation is a series of its own, not its leaders' summits:
# "Joint Statement of the Quad Foreign Ministers", "G7 Foreign and Development Ministers' Meeting".
_PORTFOLIOS = r"(?:Foreign|Defen[cs]e|Finance|Trade|Economic|Energy|Health|Digital|Climate|Environment|Development|Interior|Justice)"
_MINISTERS = re.compile(rf"\b({_PORTFOLIOS}(?:\s+Affairs)?(?:,?\s+(?:and\s+|&\s+)?{_PORTFOLIOS}(?:\s+Affairs)?)*)\s+Ministers\b")
_LEADERS_HEADING = re.compile(r"\bleaders\b", re.I)
_LEADERS_OPENING = re.compile(r"\b(?:we,? the leaders\b|(?:President|Prime Minister)\s+[A-Z])")
# "Defense Ministers Meeting", "EU-Japan Summit", "Australia-India Foreign and Defence Ministers'
# Dialogue": up to five capitalised words (names joined by dashes, "and" between) before the
# body's word; an ordinal is the number, not the name.
_NAME_WORD = r"(?!(?i:" + "|".join(ORDINAL_WORDS) + r")\b)[A-Z][\w.'’]*(?:[-–—/][A-Z][\w.'’]*)*"
_GENERIC = re.compile(rf"\b((?:{_NAME_WORD}\s+(?:(?:and|&)\s+)?){{1,5}}(?:Meeting|Dialogue|Summit|Talks|Council|Consultations|Commission|Committee|Forum|Conference))\b")


_FUNCTION_WORDS = {"OF", "THE", "AND", "FOR", "ON", "IN", "TO", "AT", "WITH", "BETWEEN", "BY"}


def _from_capitals(heading: str) -> str:
    """A heading set in capitals as a heading in title case: "JOINT STATEMENT OF THE AUSTRALIA-JAPAN
    MINISTERIAL ECONOMIC DIALOGUE" -> "Joint Statement of the Australia-Japan Ministerial Economic
    Dialogue"; the names organisations go by in capitals ("NATO", "ASEAN") and words of up to three
    letters ("ROK", "G7", "SCM") stay as they are."""
    keep = {name for org in ORGANISATIONS.values() for name in org.names if name.isupper()}

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if w in _FUNCTION_WORDS:
            return w.lower()
        return w if w in keep or len(w) <= 3 or not w.isalpha() else w.capitalize()

    return re.sub(r"[A-Z][A-Z0-9]*", word, heading)


_PARAGRAPH_NUMBER = re.compile(r"\s*(?:\d{1,3}|[ivx]{1,4})[.)]\s+")


def find_series(heading: str, opening: str, parties: list[str], date: str | None = None) -> tuple[str | None, int | None]:
    """Series name and number from the heading and opening: a body of the alliances' own ("SCM"),
    an organisation's summits when the parties are its members on ``date``, leaders' statements
    by their parties, else a meeting the heading names (its lines in capitals read in title case)."""
    heading = "\n".join(_from_capitals(line) if line.strip() and line == line.upper() else line
                        for line in heading.split("\n"))
    numbered = _PARAGRAPH_NUMBER.match(opening)  # "1. Minister ... held the second ..."
    first_sentence = re.split(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])", opening[numbered.end() if numbered else 0:], maxsplit=1)[0]
    for series, body, acronym in _BODIES:
        for text in (heading, first_sentence):
            found = re.search(rf"\b(?:{body}|{acronym})\b", text, re.I)
            if found:
                return _qualify(series, parties), _number(text, found.start()) or _meeting_ordinal(first_sentence)
    members = set(parties)
    named = [(org, text, start) for text in (heading, first_sentence) for start, _, org in find_organisations(text)]
    named += [(org, "", 0) for _, _, org in find_organisations(opening)]
    theirs = [n for n in named if members >= set(n[0].members_on(date))]
    meeting = _named_meeting(heading, first_sentence, parties)
    if theirs and meeting[0] and _names_a_partner(meeting[0]):
        return meeting  # "the 27th ASEAN-China Summit": the group's meetings with a partner are a series of their own
    if theirs and meeting[0] and _BODY_OF_ITS_OWN.search(meeting[0]) and not re.search(r"\bSummit\b", meeting[0], re.I):
        # "the 1210th Meeting of the Peace and Security Council" of the African Union: that council's
        # meetings are a series of their own, not the union's summits
        return meeting[0], meeting[1] or _session_number(heading) or _session_number(first_sentence)
    if theirs:  # the largest: a G20 statement that names the G7 is the G20's
        org = max(theirs, key=lambda n: len(n[0].members))[0]
        numbers = (_number_just_before(text, start) for o, text, start in theirs if o is org and text)
        ministers = _MINISTERS.search(heading) or _MINISTERS.search(first_sentence)
        series = f"{org.name} {' '.join(ministers.group(1).split())} Ministers" if ministers else org.series
        return series, next((n for n in numbers if n is not None), None)
    leaders = bool(_LEADERS_HEADING.search(heading) or _LEADERS_OPENING.search(opening[:1500]))
    if leaders and len(members) == 3:
        return "Trilateral Leaders", None
    if leaders and len(members) == 2:
        return f"{_pair(parties)} Leaders' Joint Statement", None
    return meeting


# A standing body of an organisation, whose meetings are not its leaders' summits.
_BODY_OF_ITS_OWN = re.compile(r"\b(?:Council|Committee|Commission|Assembly)\b")


def _session_number(text: str) -> int | None:
    """The number of a body's meeting or session: "the 1210th Meeting of the ...", "at its 1210th meeting"."""
    found = re.search(r"\b(\d{1,4})(?:st|nd|rd|th)\s+(?:(?:ordinary|extraordinary|regular)\s+)?(?:meeting|session)\b",
                      text, re.I)
    return int(found.group(1)) if found else None


def _names_a_partner(name: str) -> bool:
    """Whether a meeting's name joins an organisation with a country or another group ("ASEAN-China
    Summit", "EU-Japan Summit", "ASEAN-GCC Summit")."""
    groups = find_organisations(name)
    return bool(groups) and len(groups) + len(find_countries(name)) >= 2


def _named_meeting(heading: str, first_sentence: str, parties: list[str]) -> tuple[str | None, int | None]:
    """The meeting the heading names and its number (an ordinal just before the name in the heading
    or the first sentence: "the 30th EU-Japan Summit"); one named after its two parties as the
    series names pairs ("United States—Republic of Korea Defense Ministers Meeting": "U.S.-ROK ...")."""
    found = _GENERIC.search(heading)
    if not found:
        return None, None
    numbered = re.compile(rf"(?:{_ORDINAL})\s+{re.escape(found.group(1))}", re.I)
    ordinal = numbered.search(heading) or numbered.search(first_sentence)
    return " ".join(_series_name(found, heading, parties).split()), _value(ordinal) if ordinal else None


def _series_name(found: re.Match[str], heading: str, parties: list[str]) -> str:
    """The meeting's name as the series is called: a leading party's name becomes the pair's."""
    spans = [(s, e) for s, e, code in find_countries(heading) if code in parties]
    words = list(re.finditer(r"\S+", found.group(1)))
    inside = 0  # leading words that are (part of) a party's name
    while inside < len(words) - 1 and any(s <= found.start(1) + words[inside].start() < e for s, e in spans):
        inside += 1
    if inside and len(parties) == 2:
        return f"{_pair(parties)} {found.group(1)[words[inside].start():]}"
    return found.group(1)


def _qualify(series: str, parties: list[str]) -> str:
    """A body shared by several alliances ("2+2") is named with its pair: "U.S.-Japan 2+2"."""
    return f"{_pair(parties)} {series}" if series == "2+2" and len(parties) == 2 else series


def _pair(parties: list[str]) -> str:
    ordered = sorted(parties, key=lambda p: (p != "USA", p))
    return "-".join(display_name(p) for p in ordered)


def _number(text: str, body_start: int) -> int | None:
    """The ordinal just before the body's name ("51st ROK-U.S. Security ..."), within 80 characters."""
    window = text[max(0, body_start - 80): body_start]
    found = list(re.finditer(_ORDINAL, window, re.I))
    if not found:
        return None
    return _value(found[-1])


def _meeting_ordinal(sentence: str) -> int | None:
    """The ordinal right before a meeting the sentence names under another name than the body's
    ("... held the second Japan-Philippines Foreign and Defense Ministerial Meeting")."""
    return next((n for m in _GENERIC.finditer(sentence) if (n := _number_just_before(sentence, m.start())) is not None), None)


def _number_just_before(text: str, start: int) -> int | None:
    """The ordinal right before a name ("the 44th ASEAN Summit", "XVI BRICS Summit"; not "the
    third in-person Quad Summit", which counts something else)."""
    found = re.search(rf"(?:{_ORDINAL})\s+(?:annual\s+)?$", text[:start], re.I)
    if found:
        return _value(found)
    roman = re.search(r"(?<![\w.])([MDCLXVI]{2,8})\s+$", text[:start])
    return _roman(roman.group(1)) if roman else None


def _roman(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral ("XVI" -> 16), else None."""
    values = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
    total = sum(-values[a] if values[a] < values[b] else values[a] for a, b in zip(numeral, numeral[1:], strict=False))
    total += values[numeral[-1]]
    canonical = re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", numeral)
    return total if canonical else None


def _value(ordinal: re.Match[str]) -> int:
    """The number an ``_ORDINAL`` match spells: "51st" -> 51, "inaugural" -> 1."""
    return int(ordinal.group("num")) if ordinal.group("num") else ORDINAL_WORDS[ordinal.group("word").lower()]
