"""Resolves the subject of an act to the parties that perform it, as ISO alpha-3 codes.

"The Minister and the Secretary", "both sides", "we", "they" stand for every party;
"the Minister", "Secretary Esper", "he" for one; "Japan will ..." for Japan. A subject that is
no party ("the DPRK", "this programme") resolves to nothing, and the verb is then no statement.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..config import settings
from ..countries import CAPITALS, OFFICE_HOLDERS, ROLE_HOLDERS, find_countries, find_organisations
from ..models import Document
from .agreements import TYPE_WORDS
from .lexicon import ACTION, ACTS, JOINT_NOUNS, PARTY_ORGANS
from .plugins import plugin_gazetteers

ALL_PARTY_PRONOUNS = {"we", "us", "our", "ours", "they", "them", "their", "together", "both",
                      "each", "all"}
# Quantifiers of a part: "those of us", "some of our countries" (a subset of the parties).
PARTITIVES = {"those", "some", "certain", "several", "most", "many", "few"}
SINGLE_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "it", "its"}
TITLE_WORDS = {"minister", "secretary", "president", "prime", "chancellor", "premier", "chairman",
               "commander", "ambassador", "director", "general", "admiral", "deputy", "vice",
               "acting", "foreign", "defense", "defence", "state", "national", "leader", "chair",
               "under", "assistant", "undersecretary", "senior", "official", "mr.", "ms.", "dr."}
# Nouns for a party's people or bodies: "the authorities of ...", "the representatives of ...".
OFFICIAL_NOUNS = {"authority", "official", "representative", "leadership", "government", "ministry"}
# Parties whose leader at summits is a president (the others send a prime minister or chancellor).
PRESIDENTIAL = {"USA", "KOR", "FRA", "PHL", "IDN", "BRA", "MEX", "ZAF", "UKR", "ARG", "CHL", "COL",
                "PER", "TUR", "EGY", "NGA", "KEN", "POL", "FIN", "VNM", "CHN", "RUS", "TWN"}
# The capitalised run of title words before a name: "U.S. Secretary of State", "ROK Minister of National Defense".
_TITLE_RUN = re.compile(r"(?:(?:(?:[A-Z]\.)+|[A-Z][\w'’-]*|of|for|the|and)[ \t]+)+$")  # no sentence end
# "... Suk Yeol of the Republic of Korea", "..., Jr., of the United States"
_OF_COUNTRY = re.compile(r"^(?:[\s,]+(?:[A-Z][\w.'’-]*))*[\s,]*of\s+(?:the\s+)?([A-Z][\w.'’ -]{1,40})")


@dataclass
class ActorContext:
    """What actor resolution knows about one document: its parties and its people."""

    parties: list[str]
    people: dict[str, str] = field(default_factory=dict)  # lowercase name -> ISO code ("": unplaced)
    roles: dict[str, set[str]] = field(default_factory=dict)  # role word -> ISO codes
    last_single: list[str] | None = None  # for "he" / "she"
    last_speaker: str | None = None  # who "he" / "she" is, as written
    text: str = ""  # the document's text, to place people the metadata does not name
    title: str = ""  # the document's title, which names the body that meets ("... of the Security Consultative Committee")

    @classmethod
    def for_document(cls, doc: Document) -> ActorContext:
        """Builds the context from the document's metadata, inferring parties when missing."""
        parties = sorted(set(doc.meta.parties)) or infer_parties(doc.text, doc.meta.date)
        ctx = cls(parties=parties, text=doc.text, title=doc.meta.title or "")
        for person in doc.meta.participants:
            if not person.country:
                continue
            for part in re.findall(r"[A-Za-z][\w'-]+", person.name):
                if part.lower() not in TITLE_WORDS and len(part) > 2:
                    ctx.people[part.lower()] = person.country
            for word in re.findall(r"[a-z]+", (person.role or "").lower()):
                ctx.roles.setdefault(word, set()).add(person.country)
        return ctx

    def role_country(self, role: str) -> list[str]:
        """The country of a singular role ("the Minister"), from participants or convention."""
        role = role.lower()
        found = self.roles.get(role, set())
        if len(found) == 1:
            return sorted(found)
        if role == "president":
            return _only([p for p in self.parties if p in PRESIDENTIAL])
        if role in {"prime", "chancellor", "premier"}:
            return _only([p for p in self.parties if p not in PRESIDENTIAL])
        if role in ROLE_HOLDERS:
            return _only([p for p in self.parties if p in ROLE_HOLDERS[role]])
        if role in {"minister", "chairman"} and len(self.parties) == 2:
            # "the Minister" beside "the Secretary": the party whose government has no secretaries
            holders = {p for titled in ROLE_HOLDERS.values() for p in titled}
            if len([p for p in self.parties if p in holders]) == 1:
                return [p for p in self.parties if p not in holders]
        return []

    def person_country(self, name: str) -> list[str]:
        """The party a person belongs to: from the metadata, or from the text where the name is
        introduced ("U.S. Secretary of Defense Mark Esper", "President Yoon Suk Yeol of the
        Republic of Korea"). A country elsewhere in the sentence says nothing about the person."""
        key = name.lower()
        if key not in self.people:
            found = ""
            for m in re.finditer(rf"\b{re.escape(name)}\b", self.text):
                found = self._introduced_as(m.start(), m.end())
                if found:
                    break
            known = known_people().get(key, "")
            self.people[key] = found or (known if known in self.parties else "")
        return [self.people[key]] if self.people[key] else []

    def _introduced_as(self, start: int, end: int) -> str:
        """The party named in the title run before a name or in "of <country>" after it."""
        run = _TITLE_RUN.search(self.text[max(0, start - settings().nlp.person_window):start])
        codes = [c for _, _, c in find_countries(run.group(0))] if run else []
        after = _OF_COUNTRY.match(self.text[end:end + settings().nlp.person_window])
        if after:
            codes += [c for _, _, c in find_countries(after.group(1))][:1]
        inside = [c for c in codes if c in self.parties]
        return inside[-1] if inside else ""


@lru_cache(maxsize=1)
def known_people() -> dict[str, str]:
    """Lowercase surname -> ISO code of office holders (``data/people.toml`` and the gazetteers
    installed plugins add through the ``actor_gazetteers`` hook)."""
    text = resources.files("pledgetrack.data").joinpath("people.toml").read_text(encoding="utf-8")
    lists = [{k: v for k, v in tomllib.loads(text).items() if isinstance(v, list)}, *plugin_gazetteers()]
    return {name.split()[-1].lower() if len(name.split()) == 1 else name.lower(): code
            for people in lists for code, names in people.items() for name in names}


def _only(codes: list[str]) -> list[str]:
    return codes if len(codes) == 1 else []


def infer_parties(text: str, date: str | None = None) -> list[str]:
    """Parties named in the opening of a text, when the metadata gives none: the one organisation
    it names (its members on ``date``), else the countries it names but the usual third parties."""
    head = text[:1500]
    orgs = {org.name: org for _, _, org in find_organisations(head)}
    if len(orgs) == 1:
        return next(iter(orgs.values())).members_on(date)
    codes = [code for _, _, code in find_countries(head) if code not in {"PRK", "CHN", "RUS"}]
    return sorted(set(codes))


def _conjuncts(head: Token) -> list[Token]:
    """The heads of a coordinated subject; a list like "Japan, the ROK, and the United States"
    is often parsed with an apposition in the chain, which counts as a conjunct here."""
    out, stack = [], [head, *_listed_before(head)]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj"
                     or (c.dep_ == "appos" and c.pos_ == "PROPN" and token.pos_ == "PROPN" and not _short_form(c, token)))
    return sorted(out, key=lambda t: t.i)


def _short_form(appos: Token, head: Token) -> bool:
    """Whether an apposition in brackets is the short form of an organ named by its country: the
    "(GOJ)" of "the Government of Japan (GOJ)", the "(MOD)" of "the Ministry of Defense of Japan (MOD)"."""
    doc = appos.doc
    bracketed = appos.i > 0 and doc[appos.i - 1].text == "(" and appos.i + 1 < len(doc) and doc[appos.i + 1].text == ")"
    return bracketed and _base(head) in JOINT_NOUNS | OFFICIAL_NOUNS | PARTY_ORGANS and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def _listed_before(head: Token) -> list[Token]:
    """Names listed before a subject that the parser made subjects of their own: "President A,
    Prime Minister B, and Prime Minister C announced" has "A" and "B" (with its conjunct "C") as
    two subjects of "announced"; each name followed by a comma is one of the list."""
    if head.dep_ != "nsubj" or head.pos_ != "PROPN":
        return []
    doc = head.doc

    def comma_after(name: Token) -> bool:
        end = name.right_edge.i
        return doc[end].text == "," or (end + 1 < len(doc) and doc[end + 1].text == ",")

    return [c for c in head.head.children
            if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i < head.i and comma_after(c)]


def _noun_phrase(token: Token) -> list[Token]:
    """The tokens of a noun phrase without its conjuncts, appositions and relative clauses; a
    name keeps its "of" ("the Republic of Korea")."""
    skip = {"conj", "cc", "appos", "relcl", "acl", "punct", "prep"}
    out = [token]
    for child in token.children:
        if child.dep_ not in skip or (token.pos_ == "PROPN" and child.dep_ == "prep" and child.lower_ == "of"):
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def resolve_subject(subject: Token, ctx: ActorContext) -> list[str] | None:
    """ISO codes of the parties a subject names, or None when it names none of them.

    An empty list means a party whose country is unknown ("both sides" in a text that never
    names its parties).
    """
    codes: set[str] = set()
    heads = _conjuncts(subject)
    each: list[list[str]] = []
    for head in heads:
        found = _resolve_one(head, ctx)
        if found is None:
            return None
        codes.update(found)
        each.append(found)
    if _one_office_holder_a_party(heads, each, ctx):
        return list(ctx.parties)  # "Prime Minister A and Prime Minister B reaffirmed ...": one of each party
    return sorted(codes)


def _one_office_holder_a_party(heads: list[Token], each: list[list[str]], ctx: ActorContext) -> bool:
    """Whether a coordinated subject names as many office holders as the document has parties, none
    placed twice and some not placed at all ("Prime Minister A and Prime Minister B" of a two-party
    statement whose people the text does not place): each is then one party's."""
    if len(heads) < 2 or len(heads) != len(ctx.parties) or not any(not found for found in each):
        return False
    placed = [found[0] for found in each if len(found) == 1]
    if len(set(placed)) != len(placed) or any(len(found) > 1 for found in each):
        return False
    return all(any(t.lower_ in TITLE_WORDS for t in head.subtree) for head in heads)


def _unknown(ctx: ActorContext) -> list[str] | None:
    """A party reference that cannot be placed: unknown when the parties are, else none."""
    return None if ctx.parties else []


def _resolve_one(head: Token, ctx: ActorContext) -> list[str] | None:
    lower = head.lower_
    if lower in PARTITIVES and head.pos_ in {"DET", "PRON", "ADJ"}:
        return _partitive(head, ctx)  # "those of us", "some of our countries": flagged a subset later
    if lower in {"none", "neither"} and head.pos_ in {"NOUN", "PRON", "DET"}:
        return _partitive(head, ctx)  # "None of the three countries will acquire ...": each of them, a refusal
    if lower in ALL_PARTY_PRONOUNS:
        return list(ctx.parties)
    if head.pos_ == "NUM" and lower in {"two", "three", "four", "five", "both"}:
        return list(ctx.parties)  # "The two also decided ...", "the three pledged ..."
    if lower == "it" and _the_body_before(head, ctx):
        return list(ctx.last_single or [])  # "The European Council ... It underlines ...": the body that spoke
    if lower in {"it", "its"}:
        return None  # a thing, or a third party ("as it defends its sovereignty")
    if lower in SINGLE_PRONOUNS:
        return list(ctx.last_single) if ctx.last_single else _unknown(ctx)
    if lower == "i":  # a statement in one leader's voice speaks for that leader's country
        return list(ctx.parties) if len(ctx.parties) == 1 else (ctx.last_single or _unknown(ctx))
    if head.pos_ == "PROPN" and head.text in TYPE_WORDS:
        return None  # "the Agreement between A and B, which will ...": a thing, not a party
    phrase = _noun_phrase(head)
    words = [t.lower_ for t in phrase]
    owners = _of_parties(head, ctx)
    if owners:
        return owners  # "the national security authorities of the United States and the ROK"
    text = " ".join(t.text for t in phrase)
    for _, _, org in find_organisations(text):
        return [p for p in ctx.parties if p in org.members] or sorted(org.members)
    if head.pos_ == "PROPN" and CAPITALS.get(text) in ctx.parties:
        return [CAPITALS[text]]  # "Seoul and Washington agreed ...": a party's capital for its government
    countries = find_countries(text)
    named = sorted({code for _, _, code in countries})
    if named:
        inside = [c for c in named if c in ctx.parties]
        if head.pos_ == "PROPN" and not inside:
            return None
        # "the ROK side", "U.S. Secretary of Defense", "Japan", "Korean Minister"; a country's name
        # the tagger read as a common noun ("Iceland will host ...")
        is_name = any(text[start:end] == head.text for start, end, _ in countries)
        if inside and (head.pos_ == "PROPN" or is_name or _base(head) in JOINT_NOUNS | _ROLE_LEMMAS | PARTY_ORGANS):
            return inside
        if not inside:
            return None
    titled = any(w in TITLE_WORDS for w in words)
    for token in reversed(phrase):
        if (token.pos_ == "PROPN" and token.lower_ not in TITLE_WORDS and _base(token) not in JOINT_NOUNS
                and (titled or token.lower_ in ctx.people)):
            found = ctx.person_country(token.text)  # "Secretary Esper", "President Yoon"
            if found:
                return found
    lemma = _base(head)
    in_plural = head.tag_ in {"NNS", "NNPS"} or lemma != head.lower_
    plural = in_plural or any(w in _EVERY_ONE for w in words)
    if lemma in _ROLE_LEMMAS - {"side", "delegation", "government"} and in_plural:
        return list(ctx.parties)  # "the two Prime Ministers", "the Presidents": each party's office holder
    for token in phrase:
        if token.dep_ == "compound" and _base(token) in _ROLE_LEMMAS | {"prime"}:
            role = "prime" if "prime" in words else _base(token)
            return ctx.role_country(role)  # "Minister Jeong": a person, if not a placed one
    if lemma in JOINT_NOUNS and (plural or lemma in {"alliance", "quad", "g7"}):
        if lemma in OTHERS_NOUNS and _qualified_as_others(head):
            return None  # "regional countries", "developing nations", "like-minded partners"
        return list(ctx.parties)
    office = OFFICE_HOLDERS.get(" ".join(w for w in words if w != "the"))
    if office is not None and office in ctx.parties:
        return [office]  # "the Secretary of State", "the Secretary of Foreign Affairs": one government's office
    if lemma in _ROLE_LEMMAS:  # a party's office holder, placed or not ("the Secretary")
        return ctx.role_country(lemma) if ctx.parties else []
    if words == ["the", "union"] and head.text == "Union":  # a union by its short name
        if "EU" in ctx.parties:
            return ["EU"]  # "The Union will mobilise ..." beside Japan: the European Union
        if re.search(r"\bUnion\b", ctx.title):
            return list(ctx.parties)  # under "... of the African Union": the union whose members are the parties
    if _is_own_body(phrase, head, ctx.title):
        return list(ctx.parties)  # "The SCC reaffirmed ...": the committee that meets speaks for its parties
    return None


# Heads of the names of bodies that meet: "the Security Consultative Committee", "the Council".
_BODY_WORDS = {"committee", "council", "commission", "conference", "meeting", "summit", "dialogue", "forum",
               "assembly"}
# The gathering itself, named by nothing else ("The Meeting", "The Summit"): the one the document records.
_GATHERINGS = {"meeting", "summit", "conference"}


def _is_own_body(phrase: list[Token], head: Token, title: str) -> bool:
    """Whether the subject of an act of the lexicon names the body whose meeting the document
    records, as its title names it: "the Security Consultative Committee", "the Committee" or its
    initials "the SCC" under "Joint Statement of the Security Consultative Committee"; a gathering
    named by its kind alone ("The Meeting noted ...") under any title. A name standing alone (the
    body above a resolution's paragraphs: "The Council,") has no act to check."""
    act = ACTS.get(head.head.lemma_.lower())
    if head.head.i != head.i and (act is None or act.cls == ACTION):
        return False  # "the SCM has played a critical role": what the body is or did, not its statement
    if head.lower_ in _GATHERINGS and [t.lower_ for t in head.subtree] == ["the", head.lower_]:
        return True  # "the meeting welcomed ...": the gathering the document records, however written
    if not title or not head.text[:1].isupper():
        return False
    if head.text.isupper() and 2 <= len(head.text) <= 6:
        runs = re.findall(r"(?:[A-Z][\w'’-]*[ \t]+)*[A-Z][\w'’-]*", title)
        initials = ["".join(w[0] for w in run.split()) for run in runs]
        return any(head.text in i for i in initials)
    if _base(head) not in _BODY_WORDS:
        return False
    named = [t.text.lower() for t in phrase if t.text[:1].isupper() and t.dep_ != "det"]
    if named == [head.lower_] and _base(head) in _GATHERINGS:
        return True  # "The Meeting noted ...", "The Summit welcomed ...": the gathering the document records
    lowered = title.lower()
    return all(re.search(rf"\b{re.escape(w)}\b", lowered) for w in named)


def names_the_meeting(head: Token, title: str = "") -> bool:
    """Whether a noun names the meeting the document records, as its narration does ("the meeting",
    "the 45th ROK-U.S. Security Consultative Meeting (SCM)", "the Third Maritime Dialogue"), not
    a meeting of another body ("the inaugural meeting of the Economic Security Dialogue", "the
    inaugural Defence Industry Roundtable" under another title)."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return False
    if head.text[:1].isupper() and any(_ORDINAL_WORD.fullmatch(c.text) for c in head.children):
        # a numbered meeting of a series: "the 51st SCM", "the Third Maritime Dialogue"; the
        # title, where there is one, names it
        return not title or head.text.lower() in title.lower()
    return _base(head) in _BODY_WORDS | {"visit", "talk", "talks", "session", "consultation", "consultations",
                                         "discussion", "discussions"}


_ORDINAL_WORD = re.compile(r"\d+(?:st|nd|rd|th)|(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth|[Ss]eventh|"
                           r"[Ee]ighth|[Nn]inth|[Tt]enth|[Ii]naugural)")


def names_a_body(head: Token) -> bool:
    """Whether a noun is the capitalised name of a body that meets ("the Security Council", "The
    General Assembly"), which speaks for the parties of the document that records its meeting."""
    return head.text[:1].isupper() and _base(head) in _BODY_WORDS


def _the_body_before(head: Token, ctx: ActorContext) -> bool:
    """Whether "it", the subject of a statement's act (not of a deed: "as it defends ..."), stands for
    the body that made the statement before ("The European Council calls on ... It underlines ...")."""
    act = ACTS.get(head.head.lemma_.lower())
    if act is None or act.cls == ACTION or not ctx.last_single or not ctx.last_speaker:
        return False
    words = ctx.last_speaker.lower().split()
    return len(words) <= 6 and words[-1] in _BODY_WORDS | {"union"}


def _partitive(head: Token, ctx: ActorContext) -> list[str] | None:
    """ "Those of us that ...", "some of the members": the parties the "of" phrase names."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            return resolve_subject(noun, ctx)
    return None


# Words that make a singular group noun every party: "each side", "neither side will ...", "no party shall ...".
_EVERY_ONE = {"both", "two", "three", "four", "all", "each", "neither", "either", "no"}
# Group nouns that name the parties only when nothing marks them as others.
OTHERS_NOUNS = {"country", "nation", "state", "partner", "government", "party", "economy"}  # not "member"
_OWN_MARKS = {"our", "both", "two", "three", "four", "five", "six", "seven", "respective", "each", "all",
              "neither", "either", "we", "these", "signatory", "participating"}


def _qualified_as_others(head: Token) -> bool:
    """ "regional countries", "developing nations", "the parties to the conflict": a group the
    parties are not."""
    marks = [c for c in head.children if c.dep_ in {"amod", "poss", "det", "nummod", "compound"}]
    if any(c.lower_ in _OWN_MARKS for c in marks):
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"to", "in", "from", "outside", "across"} for c in head.children):
        return True  # "the parties to the conflict", "countries in the region"
    return any(c.dep_ == "amod" for c in marks)


def _of_parties(head: Token, ctx: ActorContext) -> list[str]:
    """Parties named in "<officials> of <country> and <country>" after an agent noun."""
    if _base(head) not in JOINT_NOUNS | OFFICIAL_NOUNS:
        return []
    found: set[str] = set()
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        text = " ".join(t.text for t in prep.subtree)
        found.update(code for _, _, code in find_countries(text) if code in ctx.parties)
    return sorted(found)


def _base(token: Token) -> str:
    """The lowercase singular of a noun, also for proper nouns ("Ministers" -> "minister",
    "Allies" -> "ally")."""
    lemma = token.lemma_.lower()
    if token.tag_ in {"NNPS", "NNS", "NNP"} and lemma.endswith("s"):  # the tagger keeps "Allies", "Member States"
        for singular in (lemma[:-1], lemma[:-3] + "y"):
            if singular in JOINT_NOUNS | _ROLE_LEMMAS:
                return singular
    return lemma


_ROLE_LEMMAS = {"minister", "secretary", "president", "chancellor", "premier", "chairman", "leader",
                "side", "delegation", "government",
                "governor",  # a central bank's: "Finance Ministers and Central Bank Governors committed to ..."
                "presidency",  # the party that holds it: "The Presidency will convene ..."
                "chair"}  # the chairing party: "The Chair noted ..." of a chair's summary


def subject_text(subject: Token) -> str:
    """The subject as written, with its conjuncts ("The Minister and the Secretary"), an apposition
    ("We, the Leaders of the G7") and a relative clause that says which of them ("Those Allies that
    have not yet done so"), up to the last word that is not in a relative clause set off by a comma
    ("The Secretary, who ..."), which is left out whole, not cut at its head."""
    doc = subject.doc
    left_out: set[int] = set()
    for t in subject.subtree:
        aside = t.dep_ == "relcl" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","
        if aside and t.i not in left_out:
            left_out.update(x.i for x in t.subtree)
    kept = [t.i for t in subject.subtree if t.i not in left_out and t.text not in {",", ";", ":"}] or [subject.i]
    end = max(kept) + 1
    if end < len(doc) and doc[end].lower_ == "so" and doc[end - 1].lemma_ == "do":
        end += 1  # "Those Allies that have not yet done so", its "so" hung on the main verb
    span: Span = doc[min(kept): end]
    return span.text.strip(" ,")
