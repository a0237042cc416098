"""Verbs written with a prefix and a hyphen ("re-emphasize", "co-host") as one word.

spaCy's English tokenizer splits every hyphen between letters, so "We re-emphasize our support"
is parsed with "re" as its verb. ``keep_prefixed_verbs`` stops the split after the prefixes
``PREFIXES`` at a word's start; the ``pledgetrack_prefixed_verbs`` component lemmatizes the word
after the prefix and ``prefixed_lemma`` reads the whole as the verb the lexicon knows: the act it
repeats ("re-emphasize" is "emphasize", "re-affirm" the lexicon's own "reaffirm") or the
narration it shares ("co-hosted" is "host").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .lexicon import ACTS, NARRATION

PREFIXES = ("re", "co")
_HYPHEN_BETWEEN_LETTERS = "(?:-|–|—|--|---|——|~)"


def keep_prefixed_verbs(nlp: Language) -> None:
    """Changes ``nlp``'s tokenizer: no split at the hyphen right after a prefix that starts a word."""
    not_after_prefix = "".join(f"(?<!^{p[0].upper()}{p[1:]})(?<!^{p})" for p in PREFIXES)
    rules = [rule if isinstance(rule, str) else rule.pattern for rule in nlp.Defaults.infixes or ()]
    infixes = [not_after_prefix + rule if _HYPHEN_BETWEEN_LETTERS in rule else rule for rule in rules]
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def prefixed_lemma(prefix: str, base: str) -> str | None:
    """The lexicon's verb for ``prefix``-``base`` (``base`` lemmatized): "re" + "affirm" ->
    "reaffirm", "re" + "emphasize" -> "emphasize", "co" + "host" -> "host"; None when it has none."""
    if prefix + base in ACTS:
        return prefix + base
    return base if base in ACTS or base in NARRATION else None


@Language.factory("pledgetrack_prefixed_verbs", default_config={})
def make_prefixed_verbs(nlp: Language, name: str):
    """Sets the lemma of a prefixed verb to the lexicon's verb for it (``prefixed_lemma``), the
    word after the prefix lemmatized by the model's own lemmatizer as the same part of speech."""

    def lemma_of(word: str, pos: str) -> str:
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        if lemmatizer is None:
            return word
        token = Doc(nlp.vocab, words=[word], pos=[pos])[0]
        return (lemmatizer.rule_lemmatize(token) or [word])[0]  # type: ignore[attr-defined]

    def prefixed_verbs(doc: Doc) -> Doc:
        for token in doc:
            prefix, hyphen, rest = token.lower_.partition("-")
            if hyphen and prefix in PREFIXES and rest.isalpha() and token.pos_ in {"VERB", "AUX", "ADJ"}:
                lemma = prefixed_lemma(prefix, lemma_of(rest, token.pos_))
                if lemma is not None:
                    token.lemma_ = lemma
        return doc

    return prefixed_verbs
