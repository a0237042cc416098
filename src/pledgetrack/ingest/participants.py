"""People named with their office in the opening: "U.S. Secretary of Defense Mark Esper"."""
from __future__ import annotations

import calendar
import re

from pledgetrack.countries import OFFICE_HOLDERS, find_countries, to_iso3
from pledgetrack.models import Participant

_PORTFOLIO = (
    r"(?:National\s+)?(?:Defen[cs]e|Foreign\s+Affairs(?:\s+and\s+Trade)?|State|Unification|Finance|"
    r"the\s+Treasury|Commerce|Trade|Economy|Homeland\s+Security|Energy)"
)
_COUNTRY = r"(?:the\s+)?(?:United\s+States(?:\s+of\s+America)?|Republic\s+of\s+Korea|United\s+Kingdom|[A-Z][a-z]+)"
_SPACE = r"[^\S\n]+"  # an office and its holder's name stay on one line
_ROLE = (
    r"(?P<role>(?:Acting\s+|Deputy\s+)?(?:Secretary|Minis?ter)\s+(?:of|for)\s+" + _PORTFOLIO
    + r"|(?:Vice\s+)?President(?:\s+of\s+(?P<rc1>" + _COUNTRY + r"))?(?=" + _SPACE + r"[A-Z])"
    + r"|Prime\s+Minister(?:\s+of\s+(?P<rc2>" + _COUNTRY + r"))?(?=" + _SPACE + r"[A-Z])"
    + r"|Chancellor)"
)
# A capitalised word of a name; not a month that starts a date ("... Teodoro March 3, 2031").
_TOKEN = r"(?:[A-Z]\.|(?!(?:" + "|".join(calendar.month_name[1:]) + r")\s+\d)[A-Z][A-Za-z'’]*(?:-[A-Za-z]+)?)"
_NAME = rf"(?P<name>{_TOKEN}(?:{_SPACE}{_TOKEN}){{0,3}}(?:,{_SPACE}[A-Z][a-z]+(?:{_SPACE}[A-Z][a-z]+)?(?=\s+(?:and|led|convened|met)\b))?(?:,?{_SPACE}Jr\.?|{_SPACE}I{{2,3}})?)"
_MENTION = re.compile(rf"{_ROLE}{_SPACE}{_NAME}")  # a name on the office's line ("President\nTokyo" is no name)
_PARTICLE = r"(?:von|van|der|den|de|del|da|di|du|le|la|bin|al)"  # "Ursula von der Leyen"
# The office, then its holder's name set off by commas: "the President of the European Council,
# Charles Michel, ...", "the Prime Minister of Japan, Kishida Fumio, met ...".
_APPOSED = re.compile(
    rf"(?P<role>(?:Vice\s+)?President|Prime\s+Minister|Chancellor|(?:Secretary|Minis?ter)\s+(?:of|for)\s+{_PORTFOLIO})"
    rf"\s+of\s+(?P<of>(?:the\s+)?[A-Z][\w’'.-]*(?:{_SPACE}(?:of{_SPACE})?[A-Z][\w’'.-]*){{0,4}}),{_SPACE}"
    rf"(?P<name>{_TOKEN}(?:{_SPACE}(?:{_PARTICLE}{_SPACE})*{_TOKEN}){{1,3}})(?=,|\s+(?:and|met|held)\b)")
_ROLE_WORDS = frozenset({"Acting", "Secretary", "Minister", "Minster", "President", "Prime", "General",
                         "Admiral", "Mr.", "Dr.", "Ms.", "Chairman", "Vice", "Deputy"})
_OF_COUNTRY = re.compile(rf"^,?\s+of\s+({_COUNTRY})")


def find_participants(text: str) -> list[Participant]:
    """Office holders named in ``text``, first mention only, with their country where stated."""
    out: list[Participant] = []
    apposed = list(_APPOSED.finditer(text))
    for m in apposed:
        name = _trim_name(m.group("name"))
        if name and not any(_same_person(name, p.name) for p in out):
            role = " ".join(f"{m.group('role')} of {m.group('of')}".replace("Minster", "Minister").split())
            out.append(Participant(name=name, role=role, country=_country_of(m.group("of"))))
    waiting: list[Participant] = []  # named without a country, before " and <office> <name> of <country>"
    last_end = -1
    for m in _MENTION.finditer(text):
        if any(a.start() <= m.start() < a.end() for a in apposed):
            continue
        name = _trim_name(_beyond_the_country(m))
        if not name or any(_same_person(name, p.name) for p in out):
            continue
        role = re.sub(r"\s+of\s+.*$", "", m.group("role")) if m.group("rc1") or m.group("rc2") else m.group("role")
        role = " ".join(role.replace("Minster", "Minister").split())
        if not _COORDINATED.fullmatch(text[last_end:m.start()]):
            waiting = []
        country = _country_before(text[: m.start()]) or _country_of(m.group("rc1") or m.group("rc2"))
        after = None if country else _country_after(text[m.end():])
        if after:  # "Minister A and Minister B of Japan": Japan's, both
            for person in waiting:
                person.country = after
        person = Participant(name=name, role=role, country=country or after or OFFICE_HOLDERS.get(role.lower()))
        waiting = [*waiting, person] if person.country is None else []
        out.append(person)
        last_end = m.end()
    return out


_COORDINATED = re.compile(r",?\s+(?:and\s+)?|,\s*")  # between two holders of one country's offices


def _beyond_the_country(m: re.Match[str]) -> str:
    """The holder's name after an office's country, without words that go on naming the country:
    "President of the French Republic Emmanuel Macron" is "Emmanuel Macron", and "President of the
    French Republic" names no holder ("Republic")."""
    group = "rc1" if m.group("rc1") else "rc2" if m.group("rc2") else None
    name = m.group("name")
    if group is None:
        return name
    start, name_start = m.start(group), m.start("name")
    country_end = max((start + end for _, end, _ in find_countries(m.string[start:m.end("name")])), default=0)
    return m.string[country_end:m.end("name")].strip() if country_end > name_start else name


def assign_countries(participants: list[Participant], parties: list[str]) -> None:
    """Fill missing countries from the office: U.S. cabinet "Secretaries" meet foreign "Ministers"."""
    others = [p for p in parties if p != "USA"]
    for person in participants:
        if person.country or "USA" not in parties:
            continue
        if "Secretary" in (person.role or ""):
            person.country = "USA"
        elif "Minister" in (person.role or "") and len(others) == 1:
            person.country = others[0]


def _trim_name(name: str) -> str:
    words = name.split()
    for i, word in enumerate(words):
        if re.search(r"['’]s$", word):
            words = words[:i] + [word[:-2]]
            break
    while words and words[-1].rstrip(",") in _ROLE_WORDS:
        words.pop()
    for i, word in enumerate(words):
        if word in _ROLE_WORDS or (i and word.rstrip(".,") in {"The", "On", "In"}):
            words = words[:i]
            break
    name = " ".join(words).rstrip(",")
    return "" if len(words) == 1 and (find_countries(name) or name in {"States", "Policy", "Affairs"}) else name


def _same_person(a: str, b: str) -> bool:
    return set(a.lower().replace(",", "").split()) <= set(b.lower().replace(",", "").split())


def _country_before(prefix: str) -> str | None:
    tail = prefix[-60:]
    if re.search(r"\bUS\s+$", tail):  # "US Secretary of Defense": find_countries skips bare "US"
        return "USA"
    mentions = [c for c in find_countries(tail) if re.fullmatch(r"\s*(?:\([^)]{1,10}\)\s*)?", tail[c[1]:])]
    return mentions[-1][2] if mentions else None


def _country_of(phrase: str | None) -> str | None:
    if not phrase:
        return None
    found = find_countries(phrase)
    return found[0][2] if found else to_iso3(phrase)


_OF = re.compile(r"^,?\s+of\s+(?:the\s+)?")


def _country_after(suffix: str) -> str | None:
    """The country named right after the holder's name: "... of Japan", "... of the Republic of the
    Philippines" (a name of several words, the official one included)."""
    of = _OF.match(suffix)
    if of is None:
        return None
    found = [c for c in find_countries(suffix[of.end():of.end() + 80]) if c[0] == 0]
    if found:
        return found[0][2]
    m = _OF_COUNTRY.match(suffix)
    return _country_of(m.group(1)) if m else None
