"""One configuration: every behaviour threshold, weight and limit, typed and loaded once.

The defaults are package data (``data/defaults.toml``, each key documented there and in
docs/configuration.md). A user file holds only what it changes; it is merged over the defaults
key by key and checked: an unknown key, a value of the wrong type or out of range is a
``ConfigError`` (one line). Modules read their values with ``settings()`` when they use them:

    >>> from pledgetrack.config import settings
    >>> settings().nlp.topics.max_labels
    3

The configuration in force is, first found: the one ``using(...)`` put in force for the running
code (the ``config=`` argument of the Python API), the process's (``activate``: the CLI's
``--config``), the file ``$PLEDGETRACK_CONFIG`` names, the defaults.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

ENV_VAR = "PLEDGETRACK_CONFIG"

Share = Annotated[float, Field(ge=0.0, le=1.0)]
Count = Annotated[int, Field(gt=0)]
Amount = Annotated[int, Field(ge=0)]
Seconds = Annotated[float, Field(ge=0.0)]
Weight = Annotated[float, Field(ge=0.0)]
Positive = Annotated[float, Field(gt=0.0)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Ingest(_Section):
    time_limit_s: Seconds
    alarm_repeat_s: Positive
    max_bytes: Count
    min_words_for_ratio: Amount
    min_stopword_ratio: Share
    language_sample_chars: Count
    max_title_words: Count
    opening_paragraphs: Amount
    head_paragraphs: Amount
    max_furniture_chars: Count
    repeats_for_header: Annotated[int, Field(ge=2)]
    wrap_width: Count
    docx_max_xml_bytes: Count
    docx_max_ratio: Count
    docx_ratio_floor: Amount


class Topics(_Section):
    context_sentences: Amount
    max_labels: Count
    context_weight: Weight
    keep_ratio: Share
    model_weight: Weight
    model_min: Share


class Confidence(_Section):
    sure: Share
    likely: Share
    plausible: Share
    person: Share
    weak: Share
    subset: Share
    unplaced: Share


class Nlp(_Section):
    batch_size: Count
    components: list[str]
    person_window: Amount
    min_item_words: Count
    topics: Topics
    confidence: Confidence


class Evidence(_Section):
    min_shared_words: Amount
    min_score: Share
    common_word_share: Share
    common_word_floor: Amount
    min_telling_words: Amount
    rare_word_share: Share
    suggestions: Count


class Link(_Section):
    gap_decay: Share
    max_gap: Amount
    recent_other: Amount
    wider_parties: Share
    semantic_weight: Share
    fulfilled_similarity: Share
    reaffirmed_similarity: Share
    generic_share: Share
    closest_shown: Share
    trusted_share: Share


class Store(_Section):
    same_text: Share
    busy_timeout_ms: Amount
    evidence: Evidence


class Web(_Section):
    page_size: Count
    search_sample: Count
    collection_meetings: Count
    collection_documents: Count
    count_time_limit_ms: Amount
    facet_time_limit_ms: Amount
    diff_cache: Amount
    chart_max_series: Count
    memory_quiet_s: Seconds
    max_body_bytes: Count
    max_concurrent: Count
    session_hours: Positive


class Cli(_Section):
    wide_terminal: Count
    table_rows: Count


class Config(_Section):
    """The whole configuration, one section per layer."""

    ingest: Ingest
    nlp: Nlp
    link: Link
    store: Store
    web: Web
    cli: Cli


Source = Config | str | os.PathLike | None


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` merged into a copy of ``base``, table by table."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, Mapping) else value
    return out


def _problem(exc: ValidationError) -> str:
    """The first error of a validation as ``key: what is wrong``."""
    first = exc.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"unknown key {key}"
    if first["type"] == "model_type":
        return f"{key}: should be a table ([{key}])"
    if first["type"] == "missing":
        return f"{key}: missing (the defaults file is incomplete)"
    return f"{key}: {first['msg'][0].lower()}{first['msg'][1:]} (got {first.get('input')!r})"


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


@lru_cache(maxsize=1)
def _default_table() -> dict[str, Any]:
    return tomllib.loads(files("pledgetrack").joinpath("data/defaults.toml").read_text(encoding="utf-8"))


def load(path: str | os.PathLike | None = None, *, overrides: Mapping[str, Any] | None = None) -> Config:
    """The defaults, with the TOML file ``path`` and then the ``overrides`` tables merged over them."""
    table = _default_table()
    where = "configuration"
    if path is not None:
        table = _merge(table, _read(Path(path)))
        where = str(path)
    if overrides:
        table = _merge(table, overrides)
    try:
        return Config.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_problem(exc)}") from None


@lru_cache(maxsize=1)
def defaults() -> Config:
    """The configuration of the defaults file alone (loaded once)."""
    return load()


@lru_cache(maxsize=4)
def _from_environment(path: str) -> Config:
    """The file ``$PLEDGETRACK_CONFIG`` names, read once per process."""
    return load(path)


def resolve(source: Source) -> Config:
    """A configuration from a ``Config``, a path to a TOML file (read now), or None (the one in force)."""
    if isinstance(source, Config):
        return source
    if source is None:
        return settings()
    return load(source)


_scoped: ContextVar[Config | None] = ContextVar("pledgetrack_config", default=None)
_process: Config | None = None


def settings() -> Config:
    """The configuration in force (see the module's docstring)."""
    scoped = _scoped.get()
    if scoped is not None:
        return scoped
    if _process is not None:
        return _process
    env = os.environ.get(ENV_VAR, "").strip()
    return _from_environment(env) if env else defaults()


def activate(source: Source) -> Config:
    """Puts a configuration in force for the whole process (None: back to the environment's or the defaults)."""
    global _process
    _process = None if source is None else resolve(source)
    return settings()


@contextmanager
def using(source: Source) -> Iterator[Config]:
    """Puts a configuration in force for the code run inside the block (None: the one in force)."""
    token = _scoped.set(resolve(source))
    try:
        yield settings()
    finally:
        _scoped.reset(token)
