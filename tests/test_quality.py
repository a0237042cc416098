"""Extraction quality on the hand-annotated gold: fails when the scores drop below the bar.

The gold (seeds and two dev documents in other styles) and the official scorer are copied
from the project's shared evaluation kit into tests/gold.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import pledgetrack
from pledgetrack.nlp.glossary import build_glossary
from pledgetrack.nlp.pipeline import extract_document
from pledgetrack.ingest import load_document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT / "corpus"
# Meeting dates the texts do not give in full.
DATES = {"defense-ministers-singapore-joint-statement.txt": "2018-06-02"}

# The bars of the issue are 0.95, 0.92, 0.97 and 0.85; these sit just under what the extractor
# reaches now (0.993, 0.978, 1.000, 0.969), so that a regression fails before it costs the bar.
THRESHOLDS = {"statements_f1": 0.975, "commitments_f1": 0.945, "actor_accuracy": 0.99, "topic_overlap": 0.955}


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", GOLD / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The SCM 49/50 gold of the kit (tests/gold/scm49_50), scored on its own: 0.992, 0.964, 1.000, 0.961.
SCM_THRESHOLDS = {"statements_f1": 0.975, "commitments_f1": 0.945, "actor_accuracy": 0.99, "topic_overlap": 0.94}


def _score_gold(paths) -> dict:
    scorer = _scorer()
    gold = []
    for path in paths:
        gold += scorer.load(path)
    names = sorted({row["doc"] for row in gold})
    docs = [load_document(next(CORPUS.rglob(name)), date=DATES.get(name)) for name in names]
    glossary = build_glossary(docs)
    preds = [s.to_dict() for d in docs for s in extract_document(d, glossary).statements]
    preds = json.loads(json.dumps(preds))  # exactly what the JSONL interface prints
    return scorer.score(gold, preds)


@pytest.fixture(scope="module")
def scores() -> dict:
    return _score_gold(sorted(GOLD.glob("*.statements.jsonl")))


def test_scm49_50_gold():
    got = _score_gold([GOLD / "scm49_50" / "scm49_50.statements.jsonl"])
    assert got["statements"]["f1"] >= SCM_THRESHOLDS["statements_f1"], got["statements"]
    assert got["commitments"]["f1"] >= SCM_THRESHOLDS["commitments_f1"], got["commitments"]
    assert got["actor_accuracy"] >= SCM_THRESHOLDS["actor_accuracy"]
    assert got["topic_overlap"] >= SCM_THRESHOLDS["topic_overlap"]


def test_statement_f1(scores):
    assert scores["statements"]["f1"] >= THRESHOLDS["statements_f1"], scores["statements"]


def test_commitment_f1(scores):
    assert scores["commitments"]["f1"] >= THRESHOLDS["commitments_f1"], scores["commitments"]


def test_actor_accuracy(scores):
    assert scores["actor_accuracy"] >= THRESHOLDS["actor_accuracy"]


def test_topic_overlap(scores):
    assert scores["topic_overlap"] >= THRESHOLDS["topic_overlap"]


def test_api_extract_from_text():
    result = pledgetrack.extract("The two sides pledged to hold the next meeting in Seoul in 2026.\n", date="2025-11-04")
    [statement] = result.statements
    assert statement.trigger == "pledged" and statement.commitment
    assert statement.deadlines[0].date == "2026-12-31"
