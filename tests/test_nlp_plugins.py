"""Extraction plugins: a package's entry points add a pipeline component, a taxonomy and a gazetteer."""
from __future__ import annotations

import importlib
import sys
import textwrap

import pytest
import spacy

from pledgetrack import plugins as project_plugins
from pledgetrack.models import Document, DocumentMeta
from pledgetrack.nlp import plugins
from pledgetrack.nlp.model import MODEL_CANDIDATES
from pledgetrack.nlp.pipeline import COMPONENTS, build_pipeline, extract_document
from pledgetrack.nlp.topics import load_taxonomy

PLUGIN = '''
from spacy.language import Language

from pledgetrack.plugins import hookimpl


@Language.component("example_marker")
def marker(doc):
    for statement in doc._.statements:
        statement.topics.append("example")
    return doc


@hookimpl
def pipeline_components():
    return ["example_marker"]


@hookimpl
def topic_taxonomies():
    return {"fisheries": {"fisheries": {"covers": "fish stocks", "cues": ["fish", "fishing grounds"]}}}


@hookimpl
def actor_gazetteers():
    return {"NOR": ["Halvorsen"]}
'''
ENTRY_POINTS = """
[pledgetrack]
example = example_plugin
"""


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """An installed distribution (a dist-info folder on sys.path) declaring the entry points."""
    (tmp_path / "example_plugin.py").write_text(PLUGIN)
    info = tmp_path / "example_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: example-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(ENTRY_POINTS))
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    project_plugins.reload()
    yield
    sys.modules.pop("example_plugin", None)
    monkeypatch.undo()
    project_plugins.reload()


def _model():
    for name in MODEL_CANDIDATES:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    pytest.skip("no spaCy model")


def test_a_plugin_component_runs_after_ours(installed_plugin):
    assert plugins.plugin_components() == ("example_marker",)
    nlp = build_pipeline(_model(), plugins.plugin_components())
    assert nlp.pipe_names[-len(COMPONENTS) - 1:] == [*COMPONENTS, "example_marker"]
    text = "The two sides pledged to protect fishing grounds."
    doc = Document("t.txt", None, text, text, meta=DocumentMeta(parties=["NOR", "SWE"]))
    [statement] = extract_document(doc, pipeline=nlp).statements
    assert statement.topics[-1] == "example"


def test_a_plugin_taxonomy_by_name_and_a_plugin_gazetteer(installed_plugin):
    assert load_taxonomy("fisheries").labels == ("fisheries",)
    assert {"NOR": ["Halvorsen"]} in plugins.plugin_gazetteers()
    assert plugins.plugin_taxonomy("no-such-taxonomy") is None
