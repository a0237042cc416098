"""How the diff labels the commitments of the development gold (SCM 49 → 50).

    .venv/bin/python bench/eval_diff.py [--json]

The change list (tests/gold/scm49_to_scm50_changes.md, section 1) names the commitments of the
earlier meeting that have no counterpart in the later one, some of them reported done
(*fulfilled*) and one routine; the links file names those that survive. Prints, for each
group, how the diff labels them: the issue's bars are ≥ 90% of the dropped labelled dropped
(or fulfilled where the list says so) and ≤ 5% of the survivors labelled dropped.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pledgetrack
from pledgetrack.link.diff import diff_documents
from pledgetrack.link.order import order_documents

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
DOCS = [ROOT / "corpus/alliance/scm49-2017.txt", ROOT / "corpus/alliance/scm50-2018.txt"]


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", GOLD / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_groups() -> dict[str, set[str]]:
    """Gold ids of the earlier document's commitments: dropped, fulfilled, routine, surviving."""
    text = (GOLD / "scm49_to_scm50_changes.md").read_text(encoding="utf-8")
    section = text.split("## 1.", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\|\s*scm49-\d+", line)]
    groups: dict[str, set[str]] = {"dropped": set(), "fulfilled": set(), "routine": set()}
    for row in rows:
        gid = re.match(r"\|\s*(scm49-\d+)", row).group(1)
        last = row.rsplit("|", 2)[-2]
        kind = "fulfilled" if "*Fulfilled*" in last else "routine" if last.strip().startswith("Routine") else "dropped"
        groups[kind].add(gid)
    sc = _scorer()
    gold = {g["id"]: g for g in sc.load(GOLD / "scm49_50.statements.jsonl")}
    linked = {x["a"] for x in sc.load(GOLD / "scm49_50.links.jsonl")}
    groups["surviving"] = {g for g in linked if gold[g]["commitment"] and g.startswith("scm49")}
    return groups


def _label_agreement(sc, old, new, result, gold: list[dict], links: list[dict]) -> dict:
    """Of the gold links the diff found, how many it labels as the gold's ``change``."""
    pred_of: dict[str, str] = {}
    for doc in (old, new):
        preds = [x.to_dict() for x in doc.statements]
        pred_of.update({gold[g]["id"]: preds[i]["id"] for g, i in sc.match(gold, preds).items()})
    pair_label = {(c.old.id, c.new.id): c.change for c in result.changes if c.old is not None and c.new is not None}
    agree: Counter = Counter()
    for link in links:
        got = pair_label.get((pred_of.get(link["a"], ""), pred_of.get(link["b"], "")))
        if got is not None and "change" in link:
            agree[(link["change"], str(got))] += 1
    return {"found": sum(agree.values()), "agree": sum(k for (g, p), k in agree.items() if g == p),
            "confusion": {f"{g} -> {p}": k for (g, p), k in sorted(agree.items())}}


def other_pairs() -> dict[str, dict]:
    """Change-label agreement on the pairs the project annotated itself (bench/link_training)."""
    manifest = ROOT / "bench" / "link_training" / "pairs.json"
    if not manifest.exists():
        return {}
    sc = _scorer()
    folder = manifest.parent
    out = {}
    for name, docs in json.loads(manifest.read_text(encoding="utf-8")).items():
        old, new = order_documents(pledgetrack.extract_many([ROOT / d for d in docs]).documents)
        gold = sc.load(folder / f"{name}.statements.jsonl")
        out[name] = _label_agreement(sc, old, new, diff_documents(old, new), gold, sc.load(folder / f"{name}.links.jsonl"))
    return out


def evaluate() -> dict:
    sc = _scorer()
    old, new = order_documents(pledgetrack.extract_many(DOCS).documents)
    result = diff_documents(old, new)
    label = {c.old.id: c.change for c in result.changes if c.old is not None}
    gold = sc.load(GOLD / "scm49_50.statements.jsonl")
    preds = [s.to_dict() for s in old.statements]
    pred_of = {gold[g]["id"]: preds[i]["id"] for g, i in sc.match(gold, preds).items()}
    out: dict = {}
    for group, ids in gold_groups().items():
        labels = Counter(label.get(pred_of.get(g, ""), "not extracted") for g in ids)
        out[group] = {"n": len(ids), "labels": dict(labels)}
    out["change_labels"] = _label_agreement(sc, old, new, result, gold, sc.load(GOLD / "scm49_50.links.jsonl"))
    dropped, fulfilled, surviving = out["dropped"], out["fulfilled"], out["surviving"]
    out["dropped_labelled_dropped"] = round(dropped["labels"].get("dropped", 0) / max(dropped["n"], 1), 3)
    out["fulfilled_labelled_fulfilled"] = round(fulfilled["labels"].get("fulfilled", 0) / max(fulfilled["n"], 1), 3)
    out["surviving_labelled_dropped"] = round(surviving["labels"].get("dropped", 0) / max(surviving["n"], 1), 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--all-pairs", action="store_true",
                    help="also the change-label agreement on the project's own annotated pairs")
    args = ap.parse_args()
    out = evaluate()
    if args.all_pairs:
        out["other_pairs"] = other_pairs()
    print(json.dumps(out, indent=None if args.json else 1))


if __name__ == "__main__":
    main()
