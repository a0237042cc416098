"""One configuration: the defaults file is documented key by key, a user file changes behaviour,
a bad one is refused with one line."""
from __future__ import annotations

import importlib.util
import re
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

import pledgetrack
from pledgetrack import config
from pledgetrack.cli.main import app
from pledgetrack.errors import ConfigError
from pledgetrack.link.text import STOPWORDS
from pledgetrack.link.text import words as link_words
from pledgetrack.store import evidence

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "configuration.md"
DEFAULTS = tomllib.loads(files("pledgetrack").joinpath("data/defaults.toml").read_text(encoding="utf-8"))
# A sentence with cues of three topics (climate, cyber, space), written for these tests.
THREE_TOPICS = "The two sides pledged to deepen cooperation on climate change, cyber security and outer space.\n"


def _keys(table: dict, prefix: str = "") -> dict[str, object]:
    """Every key of a TOML table as ``section.key`` -> value."""
    out: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out |= _keys(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = value
    return out


def _documented() -> dict[str, str]:
    """``section.key`` -> default as the tables of docs/configuration.md give them."""
    out, section = {}, None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^### \[([\w.]+)\]$", line):
            section = m.group(1)
        elif section and (m := re.match(r"^\| `(\w+)` \| `([^`]*)` \| (.+) \|$", line)):
            out[f"{section}.{m.group(1)}"] = m.group(2)
    return out


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_is_documented_and_every_documented_key_exists():
    keys, documented = _keys(DEFAULTS), _documented()
    assert len(keys) > 40
    assert set(documented) == set(keys)
    for key, value in keys.items():
        assert tomllib.loads(f"v = {documented[key]}")["v"] == value, key


def test_the_key_tables_are_made_from_the_defaults_file():
    spec = importlib.util.spec_from_file_location("config_doc", ROOT / "scripts" / "config_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "src" / "pledgetrack" / "data" / "defaults.toml").read_text(encoding="utf-8")
    assert all(comment for _, _, comment in module.documented_keys(text))
    assert module.render(DOCS.read_text(encoding="utf-8"), text) == DOCS.read_text(encoding="utf-8")


def test_the_package_reads_only_the_documented_environment_variables():
    source = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "pledgetrack").rglob("*.py"))
    read = set(re.findall(r"PLEDGETRACK_[A-Z_]+", source))
    table = set(re.findall(r"^\| `(PLEDGETRACK_[A-Z_]+)` \|", DOCS.read_text(encoding="utf-8"), re.M))
    assert read and read <= table


def test_a_user_file_overrides_only_its_keys(tmp_path):
    loaded = config.load(_write(tmp_path, "[nlp.topics]\nmax_labels = 1\n"))
    assert loaded.nlp.topics.max_labels == 1
    assert loaded.nlp.topics.keep_ratio == config.defaults().nlp.topics.keep_ratio
    assert loaded.web == config.defaults().web


def test_a_stricter_setting_changes_the_extraction(tmp_path):
    strict = _write(tmp_path, "[nlp.topics]\nmax_labels = 1\n")
    [usual] = pledgetrack.extract(THREE_TOPICS).statements
    [one] = pledgetrack.extract(THREE_TOPICS, config=strict).statements
    assert len(usual.topics) > 1
    assert one.topics == usual.topics[:1]
    [again] = pledgetrack.extract(THREE_TOPICS).statements  # the setting held for that call only
    assert again.topics == usual.topics


def test_the_cli_option_changes_a_command(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("The two sides pledged to expand the annual exercise and to review it in 2030.\n" * 40)
    small = _write(tmp_path, "[ingest]\nmax_bytes = 1024\n")
    result = CliRunner().invoke(app, ["--config", str(small), "extract", str(text), "-f", "jsonl"])
    assert result.exit_code != 0
    assert "note.txt: file too large" in result.output
    assert config.settings() == config.defaults()  # the command's setting ended with it


def test_evidence_thresholds_come_from_the_configuration(configure):
    pledge = {"key": "p", "id": "p", "ext_id": "p", "doc": "council-1", "date": "2030-01-01", "act": "pledge",
              "sentence": "The two sides pledged to build the Harbour Logistics Centre in the northern port.",
              "actors": ["KOR", "USA"], "series": "Council", "commitment": True, "trigger": "pledged",
              "strength": 5, "topics": [], "deadlines": [], "review": None}
    done = {**pledge, "key": "d", "id": "d", "ext_id": "d", "doc": "council-2", "date": "2031-01-01",
            "sentence": "They noted that the Harbour Logistics Centre in the northern port was completed.",
            "commitment": False, "trigger": "noted", "act": "note"}
    view = {"statements": [pledge], "last_date": pledge["date"], "series": "Council"}
    assert [x["statement"]["key"] for x in evidence.suggest(None, view, candidates=[done])] == ["d"]
    configure(store={"evidence": {"min_shared_words": 6}})  # more than the two sentences share
    assert evidence.suggest(None, view, candidates=[done]) == []


def test_evidence_reads_words_as_linking_does():
    """One notion of a word: what evidence counts as a shared word is a word of link/text.py, not
    one of its stopwords ("ministers", "continued", "sides" say nothing about what was done)."""
    text = "The Ministers continued to strengthen the two sides' port-security exercises."
    got = evidence.words(text)
    assert got == {"strengthen", "port-security", "exercises"}
    assert got <= {w.lower() for w in link_words(text)} - STOPWORDS


def test_a_component_named_in_the_configuration_runs(configure):
    if not Language.has_factory("test_config_marker"):
        @Language.component("test_config_marker")
        def marker(doc):
            for statement in doc._.statements:
                statement.hedges.append("marked")
            return doc
    configure(nlp={"components": ["test_config_marker"]})
    [statement] = pledgetrack.extract("The two sides pledged to hold the meeting in 2030.\n").statements
    assert statement.hedges == ["marked"]


def test_an_unknown_component_is_one_line(configure):
    configure(nlp={"components": ["no_such_component"]})
    with pytest.raises(ConfigError, match="^nlp.components: no spaCy component 'no_such_component' is registered"):
        pledgetrack.extract("The two sides pledged to hold the meeting in 2030.\n")


@pytest.mark.parametrize(("text", "message"), [
    ("[nlp.topics]\nmax_lables = 1\n", "unknown key nlp.topics.max_lables"),
    ("[nlp.topics]\nmax_labels = \"1\"\n", "nlp.topics.max_labels: input should be a valid integer (got '1')"),
    ("[nlp.topics]\nmax_labels = 1.5\n", "nlp.topics.max_labels: input should be a valid integer (got 1.5)"),
    ("[store]\nsame_text = 1.5\n", "store.same_text: input should be less than or equal to 1 (got 1.5)"),
    ("[nlp]\ntopics = 3\n", "nlp.topics: should be a table ([nlp.topics])"),
    ("[nlp\n", "not valid TOML"),
])
def test_a_bad_file_is_one_line_and_a_failing_exit(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        config.load(path)
    assert str(exc.value).startswith(f"{path}: {message}")
    result = CliRunner().invoke(app, ["--config", str(path), "stats", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {exc.value}"]
    assert not (tmp_path / "s.db").exists()  # refused before any work


def test_a_missing_file_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["--config", str(tmp_path / "none.toml"), "stats"])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'none.toml'}: no such configuration file"


def test_the_environment_names_a_file_when_no_option_does(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_VAR, str(_write(tmp_path, "[cli]\ntable_rows = 7\n")))
    assert config.settings().cli.table_rows == 7
    with config.using(config.defaults()):
        assert config.settings().cli.table_rows == 50
