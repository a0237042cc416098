"""Trains the topic classifier (the second topic signal) on gold statements.

    .venv/bin/python scripts/train_topic_model.py GOLD.statements.jsonl... [--out FILE]

Each gold statement is matched to the extractor's statement (as the scorer matches them); the
words of that statement's sentence are the features, the gold topics the labels. One logistic
regression per label; the weights go to ``src/pledgetrack/data/topic_model.json``. To measure
the model away from its training data, train on one gold set (``--out`` elsewhere), copy it over
the packaged file and score the other set (docs/extraction.md gives the figures).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "corpus"]


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", ROOT / "tests" / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def examples(gold_files: list[str]):
    """(feature words, gold labels) of every matched gold statement."""
    from pledgetrack.api import extract_many
    from pledgetrack.nlp.pipeline import get_pipeline
    from pledgetrack.nlp.topic_model import features

    scorer = _scorer()
    gold = [row for f in gold_files for row in scorer.load(f)]
    names = sorted({row["doc"] for row in gold})
    paths = [next(p for base in CORPUS if base.exists() for p in base.rglob(n)) for n in names]
    preds = [s.to_dict() for r in extract_many(paths).documents for s in r.statements]
    nlp = get_pipeline()
    out = []
    for g, i in scorer.match(gold, preds).items():
        doc = nlp.make_doc(preds[i]["sentence"])
        for name, proc in nlp.pipeline:
            if not name.startswith("pledgetrack"):
                doc = proc(doc)
        out.append((sorted(features(doc)), gold[g]["topics"]))
    return out


def train(data, c: float = 2.0) -> dict:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(analyzer=lambda words: words, binary=True, min_df=2)
    x = vec.fit_transform([words for words, _ in data])
    vocab = vec.get_feature_names_out()
    labels = sorted({label for _, ls in data for label in ls})
    bias, weights = {}, {}
    for label in labels:
        y = [label in ls for _, ls in data]
        if sum(y) < 3:
            continue
        model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
        bias[label] = round(float(model.intercept_[0]), 4)
        weights[label] = {str(w): round(float(v), 4) for w, v in zip(vocab, model.coef_[0], strict=False) if abs(v) >= 0.05}
    return {"bias": bias, "weights": weights}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--out", default=str(ROOT / "src" / "pledgetrack" / "data" / "topic_model.json"))
    args = ap.parse_args()
    model = train(examples(args.gold))
    Path(args.out).write_text(json.dumps(model, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(model['bias'])} labels", file=sys.stderr)


if __name__ == "__main__":
    main()
