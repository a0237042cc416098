"""Extraction and linking quality on the hand-annotated gold: fails when the scores drop below the bar.

The gold (seeds, two dev documents in other styles, and the SCM 49 -> 50 development pair with its
links) and the official scorer are copied from the project's shared evaluation kit into tests/gold.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import pledgetrack
from pledgetrack.ingest import load_document
from pledgetrack.link import link_documents, thread_record
from pledgetrack.nlp.glossary import build_glossary
from pledgetrack.nlp.pipeline import extract_document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT / "corpus"
# Meeting dates the texts do not give in full.
DATES = {"defense-ministers-singapore-joint-statement.txt": "2018-06-02"}

# The bars of the issue are 0.95, 0.92, 0.97 and 0.85; these sit just under what the extractor
# reaches now (0.993, 0.978, 1.000, 0.969), so that a regression fails before it costs the bar.
THRESHOLDS = {"statements_f1": 0.975, "commitments_f1": 0.945, "actor_accuracy": 0.99, "topic_overlap": 0.955}
# The seeds and dev gold above; the SCM 49 -> 50 pair has its own bars, just under what it reaches
# now (0.992, 0.977, 1.000, 0.961).
EXTRACTION_GOLD = ("seeds.statements.jsonl", "dev.statements.jsonl")
PAIR_THRESHOLDS = {"statements_f1": 0.975, "commitments_f1": 0.96, "actor_accuracy": 0.99, "topic_overlap": 0.94}
# Links as `pledgetrack link A B` makes them, scored by the official scorer. The pair model is fitted
# on these two pairs and the five the project annotated (bench/fit_link_model.py); its held-out
# figures are in data/link_model.json. Now: SCM 49 -> 50 recall 0.628, precision 0.794; seeds recall
# 0.571, precision 0.667 (6 pairs). Before the three pairs of other series were added, 0.698 / 0.698
# and 0.857 / 1.0, from a fit that generalised worse (left out in turn: mean F1 of the SCM pairs
# 0.757 -> 0.767, of the other series 0.540 -> 0.604).
LINK_PAIRS = {"scm49_50": (["alliance/scm49-2017.txt", "alliance/scm50-2018.txt"], {"recall": 0.6, "precision": 0.76}),
              "seeds": (["seeds/defense-ministers-singapore-joint-statement.txt", "seeds/scm51-joint-communique.txt"],
                        {"recall": 0.57, "precision": 0.66})}


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", GOLD / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> dict:
    """Extraction scores on the seeds and dev gold, each document extracted with the glossary of all."""
    scorer = _scorer()
    gold = [row for name in EXTRACTION_GOLD for row in scorer.load(GOLD / name)]
    names = sorted({row["doc"] for row in gold})
    docs = [load_document(next(CORPUS.rglob(name)), date=DATES.get(name)) for name in names]
    glossary = build_glossary(docs)
    preds = [s.to_dict() for d in docs for s in extract_document(d, glossary).statements]
    preds = json.loads(json.dumps(preds))  # exactly what the JSONL interface prints
    return scorer.score(gold, preds)


def _pair_scores(name: str) -> dict:
    """Statement and link scores of one gold pair of documents, linked as the CLI links them."""
    scorer = _scorer()
    paths, _ = LINK_PAIRS[name]
    collection = pledgetrack.extract_many([CORPUS / p for p in paths], date=DATES.get(Path(paths[0]).name))
    preds = json.loads(json.dumps([s.to_dict() for r in collection.documents for s in r.statements]))
    links = [thread_record(t) for t in link_documents(collection.documents)]
    gold = scorer.load(GOLD / f"{name}.statements.jsonl")
    return scorer.score(gold, preds, scorer.load(GOLD / f"{name}.links.jsonl"), links)


@pytest.fixture(scope="module")
def pair_scores() -> dict[str, dict]:
    return {name: _pair_scores(name) for name in LINK_PAIRS}


@pytest.mark.parametrize("name", sorted(LINK_PAIRS))
def test_link_recall_and_precision(pair_scores, name):
    links, bar = pair_scores[name]["links"], LINK_PAIRS[name][1]
    assert links["recall"] >= bar["recall"], (name, links)
    assert links["precision"] >= bar["precision"], (name, links)


def test_extraction_on_the_development_pair(pair_scores):
    scores = pair_scores["scm49_50"]
    assert scores["statements"]["f1"] >= PAIR_THRESHOLDS["statements_f1"], scores["statements"]
    assert scores["commitments"]["f1"] >= PAIR_THRESHOLDS["commitments_f1"], scores["commitments"]
    assert scores["actor_accuracy"] >= PAIR_THRESHOLDS["actor_accuracy"]
    assert scores["topic_overlap"] >= PAIR_THRESHOLDS["topic_overlap"]


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


def _diff_evaluation():
    spec = importlib.util.spec_from_file_location("eval_diff", Path(__file__).resolve().parents[1] / "bench" / "eval_diff.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.evaluate()


def test_diff_labels_of_the_development_pair():
    """The diff SCM 49 -> 50 against the change list: dropped commitments called dropped, pledges
    reported done called fulfilled, and survivors not called dropped (figures of bench/eval_diff.py)."""
    out = _diff_evaluation()
    assert out["dropped_labelled_dropped"] >= 0.9, out
    assert out["fulfilled_labelled_fulfilled"] >= 0.75, out  # now 3 of 4
    assert out["surviving_labelled_dropped"] <= 0.38, out  # now 9 of 24 (0.375)
