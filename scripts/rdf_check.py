#!/usr/bin/env python3
"""Reads an RDF file with rdflib (an independent parser) and prints its quads as sorted JSON,
one [subject, predicate, object, graph] per line, for kgx's tests to compare with oxigraph.

    python3 scripts/rdf_check.py FILE FORMAT     # FORMAT: turtle, nt, nquads, trig, xml, json-ld

With several FILE FORMAT pairs (one Python start for all: the fuzzer's sample), each file's
quads follow a line "== FILE".
"""
import json
import sys

import rdflib
from rdflib.term import BNode, Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term(t):
    if isinstance(t, URIRef):
        return ["iri", str(t)]
    if isinstance(t, BNode):
        return ["bnode", ""]
    if isinstance(t, Literal):
        if t.language:
            return ["lit", str(t), "@" + t.language]
        return ["lit", str(t), str(t.datatype) if t.datatype else XSD_STRING]
    return ["other", str(t)]


def quads(path, fmt):
    ds = rdflib.Dataset()
    ds.parse(path, format=fmt)
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = "" if g is None or str(g) == str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID) else str(g)
        out.add(json.dumps([term(s), term(p), term(o), gid], ensure_ascii=False))
    return sorted(out)


def main():
    args = sys.argv[1:]
    pairs = list(zip(args[0::2], args[1::2]))
    for path, fmt in pairs:
        if len(pairs) > 1:
            print("== " + path)
        for line in quads(path, fmt):
            print(line)


if __name__ == "__main__":
    main()
