#!/usr/bin/env python3
"""Calibrates each extraction rule's confidence: its precision on annotated articles.

Runs `kgx extract` over every NAME.txt with a NAME.gold.json beside it, decides for each fact
whether it is right with the project scorer's matching (../shared/eval/score.py), and counts it
for every rule in its evidence. A rule's confidence is its smoothed precision,
(right + 1) / (all + 2), so a rule seen twice is not trusted as if seen a hundred times.

    python3 scripts/calibrate.py ../shared/dev-real [more dirs] [--kgx target/release/kgx]

Prints the `kgx:ruleConfidence` lines for ontology/kgx.ttl, most trusted first.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--kgx", default="target/release/kgx")
    ap.add_argument("--scorer", default=os.path.join(os.path.dirname(__file__), "../../shared/eval"))
    args = ap.parse_args()
    sys.path.insert(0, args.scorer)
    import score  # the project's scorer: its name matching decides what is right

    counts = collections.defaultdict(lambda: [0, 0])
    for d in args.dirs:
        for gold_path in sorted(glob.glob(os.path.join(d, "*.gold.json"))):
            gold, names = score.load_gold(gold_path)
            txt = gold_path[: -len(".gold.json")] + ".txt"
            out = subprocess.run([args.kgx, "extract", txt, "--format", "json"],
                                 capture_output=True, text=True, check=True).stdout
            pred = json.loads(out)
            annotated = set(gold["annotated"]) if gold.get("annotated") else None
            scored = {score.norm_pred(p): p for p in score.CORE + score.EXTENDED}
            for rel in pred["relations"]:
                p = scored.get(score.norm_pred(rel["predicate"]))
                if p is None or (annotated is not None and p not in annotated):
                    continue
                one = score.score_doc(gold, names, {"entities": pred["entities"], "relations": [rel]})
                right = one["counts"][p]["tp"] > 0
                for rule in {e.get("rule") for e in rel.get("evidence", []) if e.get("rule")}:
                    counts[rule][0 if right else 1] += 1
    rows = sorted(counts.items(), key=lambda kv: (-(kv[1][0] + 1) / (sum(kv[1]) + 2), kv[0]))
    for rule, (tp, fp) in rows:
        conf = (tp + 1) / (tp + fp + 2)
        print(f'        "{rule} {conf:.2f}",  # {tp} right, {fp} wrong')


if __name__ == "__main__":
    main()
