#!/usr/bin/env python3
"""Builds kgx's part-of-speech lexicon (src/data/pos_lexicon.tsv) from CoNLL-U treebanks.

The lexicon is a unigram tagger: for each lowercased word seen at least twice, its most
frequent universal POS tag, how often it was seen, and how often it was a proper noun.
kgx uses it to tell verbs from nouns (claim boundaries, topic phrases) and to tell a
sentence-initial common word ("Recently") from a name. Suffix statistics give unseen words
a tag. Trained on UD English EWT (CC BY-SA 4.0) and GUM news, interview, academic and court
documents (annotations CC BY 4.0); the lexicon is shipped under CC BY-SA 4.0.

    python3 scripts/train_pos_lexicon.py ../shared/data > src/data/pos_lexicon.tsv
"""
import collections
import glob
import os
import sys

root = sys.argv[1]
files = [os.path.join(root, "ud-ewt", "en_ewt-ud-train.conllu")]
for genre in ("news", "interview", "academic", "court"):
    files += sorted(glob.glob(os.path.join(root, "gum", f"GUM_{genre}_*.conllu")))

words = collections.defaultdict(collections.Counter)
suffixes = collections.defaultdict(collections.Counter)
for path in files:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or "-" in cols[0] or "." in cols[0]:
                continue
            form, upos = cols[1], cols[3]
            low = form.lower()
            words[low][upos] += 1
            if low.isalpha() and len(low) > 4:
                for n in (2, 3, 4):
                    suffixes["-" + low[-n:]][upos] += 1

print("# word\ttag\tcount\tpropn_count  (UD EWT CC BY-SA 4.0; GUM CC BY 4.0; see README)")
for w in sorted(words):
    c = words[w]
    total = sum(c.values())
    if total < 2 or "\t" in w or " " in w:
        continue
    tag = max(sorted(c), key=lambda t: c[t])
    print(f"{w}\t{tag}\t{total}\t{c['PROPN']}")
for s in sorted(suffixes):
    c = suffixes[s]
    total = sum(c.values())
    if total < 20:
        continue
    tag = max(sorted(c), key=lambda t: c[t])
    if c[tag] / total < 0.6:
        continue
    print(f"{s}\t{tag}\t{total}\t{c['PROPN']}")
