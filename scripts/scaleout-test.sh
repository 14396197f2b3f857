#!/usr/bin/env bash
# The scale-out test: the README's GNU parallel and Spark recipes (section "Corpora: one
# machine, many machines, triple stores") run on real engines, and their output is the graph
# one kgx process gives; then a triple store loads it and answers as `kgx query` does.
#
#   KGX_SCALEOUT=1 bash scripts/scaleout-test.sh      # RECORDS=3000 KGX=path/to/kgx to change
#
# .ci/run runs it only when KGX_SCALEOUT=1: it installs a JDK, GNU parallel and pyspark.
# 1. Installs what is missing, timing each install: a JDK (Debian's default-jre-headless),
#    GNU parallel (Debian), pyspark and pyoxigraph (PyPI).
# 2. Builds a corpus of RECORDS JSON Lines records from examples/*.txt, names swapped
#    (scripts/scaleout_check.py corpus).
# 3. One kgx process over the whole corpus: N-Quads, JSON Lines, and the merged graph as TriG.
# 4. GNU parallel over shards, and Spark local[2] through examples/spark/kgx_spark.py, each
#    for N-Quads and for JSON Lines.
# 5. Equality: the same set of quads (parsed, no blank nodes) as the single run, for every
#    engine and for the merged TriG; JSON Lines: one record per document, each equal as JSON
#    to the single run's record of that document.
# 6. Loads Spark's N-Quads into an Oxigraph store (pyoxigraph) and runs examples/queries/*.rq
#    there; each answer must equal `kgx query` over the single run's N-Quads.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${KGX_SCALEOUT:-}" != 1 ]]; then
  echo "scaleout: set KGX_SCALEOUT=1 to run (it installs a JDK, GNU parallel and pyspark)" >&2
  exit 2
fi
RECORDS=${RECORDS:-3000}
JOBS=$(nproc)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds() { printf '%d.%01d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }
timed() { # LABEL COMMAND...: runs it and prints its wall time (on stderr: stdout may be data)
  local label=$1 start=$(now_ms); shift
  "$@"
  echo "scaleout: $label: $(seconds $(( $(now_ms) - start ))) s" >&2
}

# 1. Installs.
apt_updated=
apt_install() {
  if [[ -z $apt_updated ]]; then timed "apt-get update" apt-get update -qq; apt_updated=1; fi
  timed "apt-get install $*" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
# pyspark 4 needs Java 17 or later.
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1 || true)
if [[ -z $java_major || $java_major -lt 17 ]]; then apt_install default-jre-headless; else echo "scaleout: Java $java_major present"; fi
# moreutils has a `parallel` of its own, with other options: GNU's is the one wanted.
if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then apt_install parallel; else echo "scaleout: GNU parallel present"; fi
if ! python3 -c 'import pyspark, pyoxigraph' 2>/dev/null; then
  timed "pip install pyspark pyoxigraph" python3 -m pip install --quiet 'pyspark>=4,<5' 'pyoxigraph>=0.5,<0.6'
else
  echo "scaleout: pyspark $(python3 -c 'import pyspark; print(pyspark.__version__)') and pyoxigraph present"
fi
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
SPARK_SUBMIT=$("$PYTHON" -c 'import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit"))')
if [[ -z "${KGX:-}" ]]; then
  CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release --quiet
  KGX=target/release/kgx
fi
KGX=$(realpath "$KGX")
check() { "$PYTHON" scripts/scaleout_check.py "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 2. The corpus.
check corpus "$RECORDS" "$work/corpus.jsonl" examples/*.txt
echo "scaleout: corpus: $RECORDS records, $(du -h "$work/corpus.jsonl" | cut -f1) of JSON Lines"

# 3. One kgx process over the whole corpus (all cores, and one).
timed "one kgx process, -j $JOBS, nquads" "$KGX" extract -q --input-format jsonl "$work/corpus.jsonl" --format nquads -o "$work/single.nq"
timed "one kgx process, -j 1, nquads" "$KGX" extract -j 1 -q --input-format jsonl "$work/corpus.jsonl" --format nquads -o /dev/null
timed "one kgx process, -j $JOBS, jsonl" "$KGX" extract -q --input-format jsonl "$work/corpus.jsonl" --format jsonl -o "$work/single.jsonl"
timed "one kgx process, -j $JOBS, merged graph as trig" "$KGX" extract -q --input-format jsonl "$work/corpus.jsonl" --format trig -o "$work/single.trig"
echo "scaleout: N-Quads: $(du -h "$work/single.nq" | cut -f1)"

# 4a. GNU parallel: the README's recipe, one kgx per shard.
gnu_parallel() { # FORMAT EXT
  (
    cd "$work" && rm -f shard-*
    split -n l/8 -d --additional-suffix=.jsonl corpus.jsonl shard-
    ls shard-*.jsonl | parallel -j "$JOBS" "'$KGX' extract -j 1 -q --input-format jsonl {} --format $1 -o {.}.$2"
    cat shard-*."$2" > "parallel.$2"
  )
}
timed "GNU parallel -j $JOBS, 8 shards, nquads" gnu_parallel nquads nq
timed "GNU parallel -j $JOBS, 8 shards, jsonl" gnu_parallel jsonl out.jsonl

# 4b. Spark local[2]: the binary shipped with --files, each partition piped through kgx.
spark() { # FORMAT OUT
  # Loopback only, and no web UI: nothing here listens beyond this machine.
  SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$PYTHON "$SPARK_SUBMIT" --master 'local[2]' \
    --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
    --files "$KGX" examples/spark/kgx_spark.py "$work/corpus.jsonl" "$2" --format "$1" \
    2> "$work/spark.log" || { tail -n 30 "$work/spark.log"; echo "FAIL: spark-submit"; exit 1; }
}
timed "Spark local[2], 8 partitions, nquads" spark nquads "$work/spark-nq"
timed "Spark local[2], 8 partitions, jsonl" spark jsonl "$work/spark-jsonl"
parts() { ls "$1"/part-* | paste -sd,; }

# 5. Equality.
check nquads "$work/single.nq" "$work/parallel.nq" "$(parts "$work/spark-nq")" "$work/single.trig"
check jsonl "$RECORDS" "$work/single.jsonl" "$work/parallel.out.jsonl" "$(parts "$work/spark-jsonl")"

# 6. A triple store: Spark's N-Quads in Oxigraph (pyoxigraph), the example queries there and
#    in `kgx query`.
mkdir "$work/store-answers" "$work/kgx-answers"
check store "$(parts "$work/spark-nq")" "$work/store-answers" examples/queries/*.rq
for q in examples/queries/*.rq; do
  name=$(basename "$q" .rq)
  timed "kgx query $name" "$KGX" query --results tsv -F "$q" "$work/single.nq" > "$work/kgx-answers/$name.tsv"
  # As multisets of rows: ORDER BY leaves the order of equal keys to the engine.
  if ! cmp -s <(sort "$work/kgx-answers/$name.tsv") <(sort "$work/store-answers/$name.tsv"); then
    echo "FAIL: $name: the store answers otherwise than kgx query"
    diff <(sort "$work/kgx-answers/$name.tsv") <(sort "$work/store-answers/$name.tsv") | head
    exit 1
  fi
  echo "scaleout: $name: the store and kgx query give the same $(( $(wc -l < "$work/kgx-answers/$name.tsv") - 1 )) rows"
done
echo "scaleout: passed: GNU parallel and Spark give the single run's quads and records; the store answers as kgx query"
