#!/usr/bin/env python3
"""Scores `kgx annotate --input-format conllu` output against gold files.

    kgx annotate --input-format conllu ../shared/data/ud-ewt/en_ewt-ud-test.conllu > pred.conllu
    python3 scripts/eval_conllu.py pred.conllu ../shared/data/ud-ewt/en_ewt-ud-test.conllu \
        [--ner ../shared/data/uner-ewt/en_ewt-ud-test.iob2]

Prints UPOS accuracy, UAS and LAS over every word (punctuation included; LAS on the full
relation, and on its universal part as the CoNLL 2018 shared task counts it), and, with --ner,
exact-span entity precision, recall and F1 for PER, ORG and LOC against the UNER file, matched
sentence by sentence through `# sent_id`.
"""
import sys


def sentences(path):
    """Yields (sent_id, rows) with rows of the CoNLL-U columns of syntactic words."""
    sid, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if rows:
                    yield sid, rows
                sid, rows = None, []
            elif line.startswith("#"):
                if line.startswith("# sent_id"):
                    sid = line.split("=", 1)[1].strip()
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                rows.append(cols)
    if rows:
        yield sid, rows


def spans(tags):
    out, start, kind = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        bio, _, k = t.partition("-")
        if start is not None and not (bio == "I" and k == kind):
            out.add((start, i, kind))
            start = None
        if bio in ("B", "I") and start is None and k in ("PER", "ORG", "LOC"):
            start, kind = i, k
    return out


def main(argv):
    pred, gold = argv[1], argv[2]
    ner = argv[argv.index("--ner") + 1] if "--ner" in argv else None
    p_sents = list(sentences(pred))
    g_sents = list(sentences(gold))
    if len(p_sents) != len(g_sents):
        sys.exit(f"{len(p_sents)} predicted sentences, {len(g_sents)} gold")
    words = upos = uas = las = ulas = 0
    pred_ner = {}
    for (sid, p), (_, g) in zip(p_sents, g_sents):
        if len(p) != len(g):
            sys.exit(f"sentence {sid}: {len(p)} predicted words, {len(g)} gold")
        for pc, gc in zip(p, g):
            words += 1
            upos += pc[3] == gc[3]
            if pc[6] == gc[6]:
                uas += 1
                las += pc[7] == gc[7]
                ulas += pc[7].split(":")[0] == gc[7].split(":")[0]
        pred_ner[sid] = [
            next((m[4:] for m in pc[9].split("|") if m.startswith("NER=")), "O") for pc in p
        ]
    print(f"words {words}")
    print(f"UPOS {upos / words:.4f}")
    print(f"UAS {uas / words:.4f}")
    print(f"LAS {las / words:.4f} (universal relations: {ulas / words:.4f})")
    if ner:
        tp = np = ng = 0
        for sid, rows in sentences(ner):
            gold_spans = spans([r[2] for r in rows])
            pred_spans = spans(pred_ner.get(sid, ["O"] * len(rows)))
            tp += len(gold_spans & pred_spans)
            np += len(pred_spans)
            ng += len(gold_spans)
        p = tp / max(np, 1)
        r = tp / max(ng, 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"NER P {p:.4f} R {r:.4f} F1 {f:.4f} ({tp} of {ng} gold, {np} predicted)")


if __name__ == "__main__":
    main(sys.argv)
