#!/usr/bin/env bash
# The store crash test: `kgx extract --store` killed with SIGKILL at random points of a large
# corpus run never leaves a broken or partial document, and a later run completes the store.
#
#   bash scripts/crash-test.sh [SEED]        # KILLS=20 RECORDS=3000 KGX=path/to/kgx to change
#
# 1. Builds a corpus of RECORDS JSON Lines records from examples/*.txt (paragraphs of the
#    articles shuffled and spliced, seeded), and a clean store from it, timing the run.
# 2. KILLS times: starts `kgx extract --store` on a fresh store (one time in three) or on the
#    store the last kill left, kills it with SIGKILL after a random part of the clean run's
#    time, and checks that every document file parses (`kgx query --store --strict` answers),
#    that the store counts exactly its `.nq` files as documents (no `.tmp` file is one), and
#    that every document file is byte for byte the clean run's file of that document.
# 3. Runs extract to the end on the store the last kill left, and checks that it holds the
#    clean store's files exactly, no temporary file is left, and every query in
#    examples/queries/ (and a few counts) answers as over the clean store.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${1:-1}
KILLS=${KILLS:-20}
RECORDS=${RECORDS:-3000}
if [[ -z "${KGX:-}" ]]; then
  CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release --quiet
  KGX=target/release/kgx
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RANDOM=$SEED

python3 - "$SEED" "$RECORDS" "$work/corpus.jsonl" examples/*.txt <<'EOF'
import json, random, sys
seed, n, out, paths = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
rng = random.Random(seed)
paragraphs = [p for path in paths for p in open(path, encoding="utf-8").read().split("\n\n") if p.strip()]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        text = "\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(2, 8))))
        f.write(json.dumps({"id": f"crash/{i:05d}", "title": f"Record {i}", "text": text}) + "\n")
EOF
echo "crash-test: corpus of $RECORDS records, $(du -h "$work/corpus.jsonl" | cut -f1)"

extract() { "$KGX" extract --input-format jsonl -q --store "$1" "$work/corpus.jsonl"; }
count_docs='SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kgx:Document }'
answers() { # every example query and a few counts, over a store, as TSV
  local store=$1 q
  for q in examples/queries/*.rq; do
    echo "# $q"
    "$KGX" query --store "$store" --strict --results tsv -F "$q"
  done
  echo "# counts"
  "$KGX" query --store "$store" --strict --results tsv "$count_docs"
  "$KGX" query --store "$store" --strict --results tsv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
  "$KGX" query --store "$store" --strict --results tsv 'SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a rdf:Statement }'
}

start=$(date +%s%N)
extract "$work/clean"
clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
clean_files=$(find "$work/clean/docs" -name '*.nq' | wc -l)
answers "$work/clean" > "$work/clean.answers"
echo "crash-test: clean run: $clean_files documents in ${clean_ms} ms"
[[ $clean_files -eq $RECORDS ]] || { echo "FAIL: the clean run stored $clean_files of $RECORDS"; exit 1; }

store=$work/store
checked=0 leftover=0 killed=0
for k in $(seq 1 "$KILLS"); do
  mode=continue
  if (( RANDOM % 3 == 0 )) || [[ ! -d $store ]]; then mode=fresh; rm -rf "$store"; fi
  # A point within the first 90% of a clean run's time, so that most kills find kgx at work.
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (clean_ms * 9 / 10) + 1 ))
  # kgx itself in the background (not a shell function: $! would be a subshell's pid, and
  # killing it would leave kgx running).
  "$KGX" extract --input-format jsonl -q --store "$store" "$work/corpus.jsonl" 2>/dev/null &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  status=0
  wait "$pid" 2>/dev/null || status=$?
  if [[ $status -eq 137 ]]; then how=killed; killed=$((killed + 1)); else how="had ended ($status)"; fi
  files=0 tmps=0
  if [[ -d $store/docs ]]; then
    files=$(find "$store/docs" -name '*.nq' | wc -l)
    tmps=$(find "$store/docs" -name '*.tmp' | wc -l)
    # Whole or absent: each document file is the clean run's file.
    while IFS= read -r -d '' f; do
      cmp -s "$f" "$work/clean/docs/$(basename "$f")" \
        || { echo "FAIL: kill $k: $(basename "$f") differs from the clean run's"; exit 1; }
    done < <(find "$store/docs" -name '*.nq' -print0)
    # Every file parses, and exactly the .nq files are documents.
    n=$("$KGX" query --store "$store" --strict --results tsv "$count_docs" | tail -n 1)
    [[ $n -eq $files ]] || { echo "FAIL: kill $k: the store counts $n documents in $files files"; exit 1; }
    "$KGX" query --store "$store" --strict -F examples/queries/releases.rq > /dev/null
  fi
  checked=$((checked + files)) leftover=$((leftover + tmps))
  printf 'crash-test: kill %2d (%-8s after %5d ms, %s): %4d documents whole, %d temporary files\n' \
    "$k" "$mode" "$delay_ms" "$how" "$files" "$tmps"
done

extract "$store"
final_tmps=$(find "$store/docs" -name '*.tmp' | wc -l)
[[ $final_tmps -eq 0 ]] || { echo "FAIL: $final_tmps temporary files left after a complete run"; exit 1; }
diff -r "$work/clean/docs" "$store/docs" > /dev/null \
  || { echo "FAIL: the completed store differs from the clean one"; exit 1; }
answers "$store" > "$work/store.answers"
cmp -s "$work/clean.answers" "$work/store.answers" \
  || { echo "FAIL: queries answer otherwise than over the clean store"; diff "$work/clean.answers" "$work/store.answers" | head; exit 1; }
echo "crash-test: passed: $KILLS kills ($killed of a running writer), $checked document files checked whole after them" \
  "($leftover temporary files seen, none after the final run); final store equals the clean one" \
  "($clean_files files) and $(grep -c '^# ' "$work/clean.answers") query groups answer the same"
