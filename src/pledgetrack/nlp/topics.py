"""Assigns topic labels to statements from a taxonomy of labelled cue words.

The sentence's own cues decide; the paragraph's cues break ties and fill in when the sentence
has none (communiqués keep to one subject a paragraph). A taxonomy is TOML (``[label]`` with
``covers`` and ``cues``) or a Markdown table ``| label | covers |`` as in docs/spec/topics.md.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..config import settings
from ..errors import InputError
from .plugins import plugin_taxonomy
from .sentences import sentences
from .topic_model import MODEL_FILE, features, load_topic_model

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from .context import DocumentContext, Segment

_STOP = {"the", "and", "of", "its", "their", "e.g.", "e", "g", "with", "for", "in", "on", "to",
         "a", "an", "or", "others", "other", "such", "as", "itself", "matters", "national"}


@dataclass(frozen=True)
class Taxonomy:
    """Topic labels with their descriptions and cue phrases (plain data: it pickles to workers).

    A cue matches whole words, by its lowercase form or by its lemmas ("exercises" matches
    "exercise", "sanction" matches "sanctions"); a cue written in capitals is an acronym and
    matches only as written ("FOC", never "focus"); a noun cue (``noun_cues``) matches no verb
    ("exercise" names the exercises topic, "exercise restraint" does not).
    """

    labels: tuple[str, ...]
    covers: dict[str, str]
    cues: dict[str, tuple[str, ...]]  # cue -> labels it signals
    nouns: frozenset[str] = frozenset()  # one-word cues (and the labels) that match no verb of the text

    @property
    def key(self) -> tuple:
        """What identifies the taxonomy's cues (for caching its matchers)."""
        return tuple(sorted(self.cues.items())), tuple(sorted(self.nouns))

    def tally(self, hits: list[tuple[int, str]], start: int = 0, end: int | None = None) -> Counter[str]:
        """Scores per label of the hits (in offset order) between ``start`` and ``end``; longer
        cues weigh more."""
        lo = bisect_left(hits, (start, ""))
        hi = len(hits) if end is None else bisect_left(hits, (end, ""))
        scores: Counter[str] = Counter()
        for _, cue in hits[lo:hi]:
            for label in self.cues.get(cue, ()):
                scores[label] += 1 + cue.count(" ")
        return scores


def _from_toml(data: dict) -> Taxonomy:
    covers: dict[str, str] = {}
    cues: dict[str, list[str]] = {}
    nouns: set[str] = set()
    for label, entry in data.items():
        covers[label] = str(entry.get("covers", ""))
        noun_cues = {_cue_form(w) for w in entry.get("noun_cues", []) if w.strip()}
        words = list(entry.get("cues", [])) or ([] if noun_cues else _cues_from_description(covers[label]))
        named = _cue_form(label.replace("_", " "))  # a label names its topic as a noun ("exercises")
        for cue in {_cue_form(w) for w in words if w.strip()} | noun_cues | {named}:
            cues.setdefault(cue, []).append(label)
        nouns |= noun_cues | {named}
    return Taxonomy(tuple(data), covers, {c: tuple(ls) for c, ls in cues.items()}, frozenset(nouns))


def _cue_form(word: str) -> str:
    """A cue as matched: white space folded; lowercase unless it is an acronym ("FOC", "R&D")."""
    word = " ".join(word.split())
    return word if is_acronym(word) else word.lower()


def is_acronym(cue: str) -> bool:
    """Whether a cue is written in capitals ("SCM", "R&D", "G20"): then it matches only so."""
    letters = [c for c in cue if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and " " not in cue and len(cue) >= 2


def _cues_from_description(text: str) -> list[str]:
    words = re.findall(r"[A-Za-z][\w&/+.-]*", text)
    return [w.rstrip(".") for w in words if w.lower() not in _STOP and len(w) > 2]


def _from_markdown(text: str) -> Taxonomy:
    rows = re.findall(r"^\|\s*([a-z][a-z0-9_]*)\s*\|\s*(.+?)\s*\|\s*$", text, re.M)
    data = {label: {"covers": covers} for label, covers in rows if label != "label"}
    if not data:
        raise InputError("topics file has no '| label | covers |' rows")
    return _from_toml(data)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The default taxonomy, or the one in ``path`` (TOML or Markdown table), or the one an
    installed plugin names ``path`` (the ``topic_taxonomies`` hook)."""
    if path is None:
        return _default_taxonomy()
    file = Path(path)
    if not file.exists() and file.suffix == "":
        given = plugin_taxonomy(str(path))
        if isinstance(given, dict):
            return _from_toml(given)
        if given is not None:
            file = Path(given)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{file}: cannot read topics file ({exc.strerror})") from exc
    if file.suffix.lower() == ".toml":
        try:
            return _from_toml(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{file}: not valid TOML ({exc})") from exc
    return _from_markdown(text)


@lru_cache(maxsize=1)
def _default_taxonomy() -> Taxonomy:
    text = resources.files("pledgetrack.data").joinpath("topics.toml").read_text(encoding="utf-8")
    return _from_toml(tomllib.loads(text))


def choose_topics(taxonomy: Taxonomy, scores: Counter[str], context_scores: Counter[str],
                  fallback: list[str], learnt: dict[str, float] | None = None) -> list[str]:
    """The labels of one statement: its sentence's strongest cues, weighted by its neighbours'
    and by the classifier's probabilities (``learnt``, those at or above ``nlp.topics.model_min``)."""
    cfg = settings().nlp.topics
    learnt = {k: p for k, p in (learnt or {}).items() if p >= cfg.model_min}
    combined: dict[str, float] = {}
    for label in set(scores) | set(context_scores) | set(learnt):
        combined[label] = scores[label] + cfg.context_weight * context_scores[label] + cfg.model_weight * learnt.get(label, 0.0)
    if not combined:
        return list(fallback)
    top = max(combined.values())
    ranked = sorted(combined, key=lambda label: (-combined[label], taxonomy.labels.index(label)))
    return [label for label in ranked if combined[label] >= cfg.keep_ratio * top][:cfg.max_labels]


class TopicScorer:
    """Labels every statement of a parsed paragraph (the ``pledgetrack_topics`` component).

    A statement's own words weigh most, then its sentence, then ``context_sentences`` either
    side; a statement with no cue near it takes the last statement's labels, or the document's
    commonest label when no statement came before (settled once the last paragraph is seen).
    """

    def __init__(self, nlp: Language, context_sentences: int, model: str | None = MODEL_FILE) -> None:
        self.nlp = nlp
        self.context_sentences = context_sentences
        self.model = load_topic_model(model) if model else None
        self._matchers: dict[tuple, CueMatcher] = {}

    def matcher(self, taxonomy: Taxonomy) -> CueMatcher:
        """The compiled cues of a taxonomy (built once per process and taxonomy)."""
        key = taxonomy.key
        if key not in self._matchers:
            self._matchers[key] = CueMatcher(self.nlp, taxonomy)
        return self._matchers[key]

    def __call__(self, doc: Doc, ctx: DocumentContext, seg: Segment) -> None:
        taxonomy = ctx.taxonomy
        state = cast(dict[str, Any],
                     ctx.state.setdefault("topics", {"fallback": None, "pending": [], "tally": Counter()}))
        hits = self.matcher(taxonomy).hits(doc)
        state["tally"] += taxonomy.tally(hits)
        sents = sentences(doc)
        by_sent: dict[int, list] = {}
        for draft in doc._.pt_drafts:
            by_sent.setdefault(draft.sent.start, []).append(draft)
        model = self.model if self.model is not None and set(self.model.bias) <= set(taxonomy.labels) else None
        for n, sent in enumerate(sents):
            drafts = by_sent.get(sent.start)
            if not drafts:
                continue
            learnt = model.probabilities(features(sent)) if model is not None else {}
            window = sents[max(0, n - self.context_sentences): n + self.context_sentences + 1]
            context = taxonomy.tally(hits, window[0].start_char, window[-1].end_char)
            sent_scores = taxonomy.tally(hits, sent.start_char, sent.end_char)
            starts = [d.pred.trigger.idx for d in drafts]
            for k, draft in enumerate(drafts):
                later = [s for s in starts if s > draft.pred.trigger.idx]
                own = (draft.pred.trigger.idx, min(later) if later else sent.end_char)
                scores = taxonomy.tally(hits, *own) + sent_scores
                votes = {k: p for k, p in learnt.items() if p >= settings().nlp.topics.model_min}
                if not scores and not context and not votes and state["fallback"] is None:
                    state["pending"].append(draft.statement)
                    draft.statement.topics = []
                    continue
                draft.statement.topics = choose_topics(taxonomy, scores, context, state["fallback"] or [], learnt)
                for waiting in state["pending"]:  # the first statement with a signal speaks for those before it
                    waiting.topics = list(draft.statement.topics)
                state["pending"] = []
            last = drafts[-1].statement
            pending = bool(state["pending"]) and state["pending"][-1] is last
            state["fallback"] = None if pending else last.topics
        if seg.index == ctx.segments - 1:
            overall = [label for label, _ in state["tally"].most_common(1)]
            for statement in state["pending"]:
                statement.topics = list(overall)


class CueMatcher:
    """A taxonomy's cues as spaCy PhraseMatchers: lowercase words, lemmas, acronyms as written."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        vocab = nlp.vocab
        self.by_lower = PhraseMatcher(vocab, attr="LOWER")
        self.by_orth = PhraseMatcher(vocab, attr="ORTH")
        self.by_lemma = PhraseMatcher(vocab, attr="NORM")  # the text's norms are set to lemmas
        words = [c for c in taxonomy.cues if not is_acronym(c)]
        for cue in taxonomy.cues:
            if is_acronym(cue):
                self.by_orth.add(cue, [nlp.make_doc(cue)])
            else:
                self.by_lower.add(cue, [_lowercase_doc(nlp, cue)])
        self.nouns = taxonomy.nouns
        for cue, lemmas in zip(words, _lemmas(nlp, [_lowercase_doc(nlp, w) for w in words]), strict=False):
            pattern = Doc(vocab, words=lemmas)
            for token in pattern:
                token.norm_ = token.text
            self.by_lemma.add(cue, [pattern])

    def hits(self, doc: Doc) -> list[tuple[int, str]]:
        """(character offset, cue) of the longest cue at each place, in textual order."""
        for token in doc:
            token.norm_ = cue_key(token)
        strings = doc.vocab.strings
        found = [(s, e, strings[k]) for m in (self.by_orth, self.by_lower, self.by_lemma) for k, s, e in m(doc)]
        found.sort(key=lambda h: (-(h[1] - h[0]), -len(h[2]), h[0]))
        taken: set[int] = set()
        hits = []
        for start, end, cue in found:
            if end - start == 1 and cue in self.nouns and doc[start].tag_ in _FINITE_OR_BASE_VERB:
                continue  # "exercise restraint": the noun cue "exercise" read as a verb
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                hits.append((doc[start].idx, cue))
        return sorted(hits)


def _lowercase_doc(nlp: Language, phrase: str) -> Doc:
    """A lowercase cue cut into words as the text would be ("u.s. forces" -> "u.s.", "forces")."""
    from spacy.tokens import Doc

    titled = nlp.make_doc(phrase.title())
    return Doc(nlp.vocab, words=[t.text.lower() for t in titled], spaces=[bool(t.whitespace_) for t in titled])


_FINITE_OR_BASE_VERB = frozenset({"VB", "VBP", "VBZ", "VBD"})


def _lemmas(nlp: Language, docs: list[Doc]) -> list[list[str]]:
    """The lowercase lemmas of each phrase, from the parsing model's own components."""
    for name, proc in nlp.pipeline:
        if not name.startswith("pledgetrack"):
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    return [[cue_key(t) for t in d] for d in docs]


# British spellings read as the American ones the cues and the classifier know ("defence spending"
# is "defense spending"): whole words, and the "-isation" nouns.
_AMERICAN = {"defence": "defense", "defences": "defenses", "offence": "offense", "programme": "program",
             "programmes": "program", "centre": "center", "labour": "labor", "honour": "honor",
             "neighbour": "neighbor", "neighbouring": "neighboring", "favour": "favor", "endeavour": "endeavor",
             "behaviour": "behavior", "harbour": "harbor", "colour": "color", "analyse": "analyze",
             "catalyse": "catalyze", "organise": "organize", "prioritise": "prioritize", "recognise": "recognize",
             "modernise": "modernize", "stabilise": "stabilize", "mobilise": "mobilize", "utilise": "utilize",
             "criticise": "criticize", "emphasise": "emphasize", "strategise": "strategize", "licence": "license",
             "fulfil": "fulfill", "enrol": "enroll", "ageing": "aging", "manoeuvre": "maneuver", "tonne": "ton"}


def american(word: str) -> str:
    """The American spelling of a lowercase word, where it differs."""
    if word in _AMERICAN:
        return _AMERICAN[word]
    if word.endswith(("isation", "isations")):
        return word.replace("isation", "ization")
    return word


def cue_key(token: Token) -> str:
    """The form a cue word is matched by: the lowercase lemma (in American spelling), but a
    participle as written ("bridging capabilities" is "bridging capability", never "bridge
    capability") and a capitalised plural as its singular ("Security Council Resolutions")."""
    if token.tag_ in {"VBG", "VBN"}:
        return american(token.lower_)
    if token.tag_ == "NNPS" and token.lower_.endswith("s") and token.lemma_ == token.text:
        return american(token.lower_[:-1])  # the tagger keeps capitalised plurals: "Resolutions", "Summits"
    return american(token.lemma_.lower() or token.lower_)
