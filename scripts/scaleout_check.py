"""Helpers of scripts/scaleout-test.sh: the corpus, the equality checks, the triple store.

    python3 scripts/scaleout_check.py corpus N OUT.jsonl examples/*.txt
    python3 scripts/scaleout_check.py nquads REFERENCE.nq OTHER.nq...
    python3 scripts/scaleout_check.py jsonl N REFERENCE.jsonl OTHER.jsonl...
    python3 scripts/scaleout_check.py store DATA.nq OUT_DIR QUERY.rq...
"""

import json
import random
import re
import sys
import time

# Names in the example articles and invented stand-ins for them: every record swaps each group
# for one of its variants (a full name and the short form the article also uses), so the
# corpus has many entities, facts that several documents share and facts only one states.
SWAPS = [
    # chip-startup-funding.txt
    [("Hanul",), ("Dasan",), ("Saebit",), ("Ongi",), ("Haneul",)],
    [("Baek Ji-woo", "Baek"), ("Cho Min-seo", "Cho"), ("Yoon Ha-eun", "Yoon"), ("Kang Seo-jin", "Kang")],
    [("Gaon-7",), ("Gaon-3",), ("Gaon-9",), ("Nuri-2",), ("Gaon-12",)],
    [("Elena Voss", "Voss"), ("Marta Lindqvist", "Lindqvist"), ("Irene Falk", "Falk"), ("Nadia Brandt", "Brandt")],
    [("Corvane Systems",), ("Feldmark Systems",), ("Osterlin Systems",)],
    [("Minho Seo", "Seo"), ("Jiwon Park", "Park"), ("Dohyun Lim", "Lim")],
    [("Daeyang Securities",), ("Mirae Haneul Securities",), ("Sinwon Securities",)],
    # harbor-lab-release.txt
    [("Marlow",), ("Calder",), ("Wrenfield",), ("Ashby",)],
    [("Maré",), ("Onda",), ("Maresia",), ("Ria-2",)],
    [("Tiago Henriques", "Henriques"), ("Duarte Sequeira", "Sequeira"), ("Nuno Valente", "Valente"), ("Inês Carvalho", "Carvalho")],
    [("Clara Moutinho", "Moutinho"), ("Sofia Rebelo", "Rebelo"), ("Marta Quintela", "Quintela")],
    [("Rui Barros", "Barros"), ("Paulo Neves", "Neves"), ("Luís Amaral", "Amaral")],
    [("Oceana Tech",), ("Marinha Labs",), ("Costa Digital",)],
    [("Atlantis Insight",), ("Farol Research",), ("Maré Alta Analytics",)],
    # seed-moss.txt
    [("Qiu Xipeng", "Qiu"), ("Lin Haoran", "Lin"), ("Zhao Minghui", "Zhao"), ("Tang Weilun", "Tang")],
    [("Fudan University",), ("Jinhai University",), ("Nanhu University",)],
    [("Hu Run",), ("Wen Jiale",), ("Shen Boyu",)],
    [("Hurun Report",), ("Lumen Report",), ("Qianhai Review",)],
    [("MOSS",), ("LARK",), ("PINE-2",)],
]


def swap(text, rng):
    """The text with each group of names replaced by one of its variants, chosen by rng."""
    for group in SWAPS:
        original, chosen = group[0], rng.choice(group)
        # Longest first, so that a full name is replaced before its short form.
        for old, new in sorted(zip(original, chosen), key=lambda p: -len(p[0])):
            text = re.sub(r"(?<!\w)" + re.escape(old) + r"(?!\w)", new, text)
    return text


def corpus(n, out, paths):
    """n records {"id", "title", "date", "text"} from the articles, seeded: names swapped, now
    and then a paragraph left out, ids unique and now and then non-ASCII or with a space."""
    rng = random.Random(16)
    articles = [open(p, encoding="utf-8").read() for p in paths]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            paragraphs = [p for p in rng.choice(articles).split("\n\n") if p.strip()]
            if len(paragraphs) > 3 and rng.random() < 0.4:
                del paragraphs[rng.randrange(1, len(paragraphs))]
            text = swap("\n\n".join(paragraphs), rng)
            doc = f"scale/{i:05d}" if i % 50 else f"scale/é {i:05d}"
            record = {"id": doc, "title": text.split("\n", 1)[0][:80],
                      "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def short(paths):
    """A file list for messages: its first file, and how many more."""
    first, *rest = paths.split(",")
    return first + (f" (and {len(rest)} more)" if rest else "")


def read_quads(paths):
    import pyoxigraph as ox
    quads = set()
    lines = 0
    for path in paths:
        fmt = ox.RdfFormat.TRIG if path.endswith(".trig") else ox.RdfFormat.N_QUADS
        with open(path, "rb") as f:
            for q in ox.parse(f, format=fmt):
                lines += 1
                quads.add(q)
    blank = [q for q in quads
             if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
             or isinstance(q.graph_name, ox.BlankNode)]
    # With blank nodes, equal graphs could be written with different labels and a set
    # comparison would not do; kgx names everything with IRIs, and this checks it.
    if blank:
        sys.exit(f"FAIL: {paths[0]}: {len(blank)} quads with blank nodes, e.g. {blank[0]}")
    return quads, lines


def nquads(reference, others):
    """Each file list after the first (comma-separated) gives the same set of quads."""
    ref, ref_lines = read_quads(reference.split(","))
    for other in others:
        got, lines = read_quads(other.split(","))
        if got != ref:
            missing, extra = ref - got, got - ref
            print(f"FAIL: {other}: {len(missing)} quads missing, {len(extra)} extra", file=sys.stderr)
            for q in list(missing)[:3]:
                print(f"  missing: {q}", file=sys.stderr)
            for q in list(extra)[:3]:
                print(f"  extra:   {q}", file=sys.stderr)
            sys.exit(1)
        print(f"scaleout: {short(other)}: {lines} quads read, the same {len(got)} distinct quads "
              "as the single run")
    print(f"scaleout: single run: {ref_lines} quads, {len(ref)} distinct")


def read_records(paths, n):
    """doc id -> (record, line), failing on a line that is no JSON or a document seen twice."""
    records = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                record = json.loads(line)
                doc = record["doc"]
                if doc in records:
                    sys.exit(f"FAIL: {path}:{number}: document {doc!r} a second time")
                records[doc] = (record, line)
    if len(records) != n:
        sys.exit(f"FAIL: {paths[0]}: {len(records)} records for {n} documents")
    return records


def jsonl(n, reference, others):
    """Each output has one record per document, equal as parsed JSON to the single run's."""
    ref = read_records(reference.split(","), n)
    for other in others:
        got = read_records(other.split(","), n)
        differ = [doc for doc in ref if got.get(doc, (None,))[0] != ref[doc][0]]
        if differ:
            sys.exit(f"FAIL: {other}: {len(differ)} documents' records differ, e.g. {differ[0]!r}")
        facts = sum(len(r["relations"]) for r, _ in got.values())
        # Not required (equal records are enough), but kgx writes a record deterministically.
        same_bytes = all(got[doc][1] == line for doc, (_, line) in ref.items())
        print(f"scaleout: {short(other)}: the same {len(got)} records as the single run "
              f"({facts} facts; lines byte-equal: {'yes' if same_bytes else 'no'})")


PREFIXES = """PREFIX kgx: <https://w3id.org/kgx#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def store(data, out_dir, queries):
    """Loads N-Quads into an Oxigraph store (pyoxigraph, on disk) as a user would, copies the
    named graphs into the default graph (what `kgx query` reads), and answers the queries as
    TSV into OUT_DIR/NAME.tsv."""
    import os
    import tempfile
    import pyoxigraph as ox
    location = tempfile.mkdtemp(prefix="kgx-store-")
    st = ox.Store(location)
    start = time.perf_counter()
    for path in data.split(","):
        st.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    loaded = time.perf_counter() - start
    quads = len(st)
    # kgx's query reads the RDF merge of all graphs, each statement once. A store's "union
    # of graphs" default graph yields a statement once per graph holding it (oxigraph issue
    # #1919), so the statements are copied into the default graph with standard SPARQL Update.
    start = time.perf_counter()
    st.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    copied = time.perf_counter() - start
    print(f"scaleout: store: {quads} quads loaded in {loaded:.1f} s, named graphs copied "
          f"into the default graph in {copied:.1f} s ({len(st)} quads)")
    for q in queries:
        sparql = PREFIXES + open(q, encoding="utf-8").read()
        start = time.perf_counter()
        answer = st.query(sparql).serialize(format=ox.QueryResultsFormat.TSV)
        took = time.perf_counter() - start
        name = os.path.splitext(os.path.basename(q))[0]
        with open(os.path.join(out_dir, name + ".tsv"), "wb") as f:
            f.write(answer)
        rows = answer.count(b"\n") - 1
        note = ""
        if name == "releases":
            # What the store's own union would have answered: a row per graph stating the
            # fact. (Only here: queries that join two facts give the product of such counts.)
            union = st.query(sparql, use_default_graph_as_union=True).serialize(
                format=ox.QueryResultsFormat.TSV)
            union_rows = union.count(b"\n") - 1
            note = f" (over the store's union of graphs instead: {union_rows} rows)"
        print(f"scaleout: store: {name}: {rows} rows in {took:.2f} s{note}")
    del st
    import shutil
    shutil.rmtree(location, ignore_errors=True)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "corpus":
        corpus(int(args[0]), args[1], args[2:])
    elif cmd == "nquads":
        nquads(args[0], args[1:])
    elif cmd == "jsonl":
        jsonl(int(args[0]), args[1], args[2:])
    elif cmd == "store":
        store(args[0], args[1], args[2:])
    else:
        sys.exit(__doc__)
