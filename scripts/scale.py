#!/usr/bin/env python3
"""Merged-graph scaling: a folder of articles repeated N times (each copy its own document, as
JSON Lines), extracted into one merged graph. Prints, per N: seconds, MB/s, peak memory, and the
graph's nodes, edges and evidence, which must stay the same (nodes, edges) or grow N-fold
(evidence).

    python3 scripts/scale.py ../shared/dev 1 10 100 1000
"""
import json
import os
import subprocess
import sys
import tempfile
import time

KGX = os.path.join(os.path.dirname(__file__), "..", "target", "release", "kgx")


def main():
    folder, counts = sys.argv[1], [int(n) for n in sys.argv[2:]] or [1, 10, 100, 1000]
    names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
    texts = [(n[:-4], open(os.path.join(folder, n), encoding="utf-8").read()) for n in names]
    print(f"{len(texts)} articles from {folder}, one job")
    print(f"{'copies':>7} {'MB':>8} {'seconds':>8} {'MB/s':>6} {'peak MB':>8} {'nodes':>6} {'edges':>6} {'evidence':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            corpus = os.path.join(tmp, f"x{n}.jsonl")
            size = 0
            with open(corpus, "w", encoding="utf-8") as f:
                for k in range(n):
                    for name, text in texts:
                        f.write(json.dumps({"id": f"{name}-{k}", "text": text}) + "\n")
                        size += len(text.encode("utf-8"))
            out = os.path.join(tmp, "graph.json")
            start = time.perf_counter()
            run = subprocess.run(
                ["/usr/bin/time", "-f", "%M", KGX, "extract", "--input-format", "jsonl",
                 corpus, "--format", "json", "-j", "1", "-o", out],
                capture_output=True, text=True, check=True)
            seconds = time.perf_counter() - start
            peak_mb = int(run.stderr.strip().splitlines()[-1]) / 1024
            graph = json.load(open(out, encoding="utf-8"))
            evidence = sum(len(r["evidence"]) for r in graph["relations"])
            print(f"{n:>7} {size / 1e6:>8.2f} {seconds:>8.2f} {size / 1e6 / seconds:>6.2f} "
                  f"{peak_mb:>8.0f} {len(graph['entities']):>6} {len(graph['relations']):>6} {evidence:>9}")
            os.remove(corpus)


if __name__ == "__main__":
    main()
