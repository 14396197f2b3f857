//! The `kgx` command line: inputs, formats, atomic output and every bad input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed-moss.txt");

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .output()
        .expect("kgx runs")
}

fn kgx_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kgx runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// A failure: non-zero exit, one line on stderr, nothing on stdout.
#[track_caller]
fn assert_fails(out: &Output, needle: &str) {
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(out.stdout.is_empty());
}

/// An input that could not be read: named on stderr (as a skipped input, then "no input could
/// be read"), non-zero exit, nothing on stdout.
#[track_caller]
fn assert_unreadable(out: &Output, needle: &str) {
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(err.contains("no input could be read"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn extract_a_file_as_json_in_the_scorer_shape() {
    let v = json(&kgx(&["extract", SEED, "--format", "json"]));
    let ents = v["entities"].as_array().unwrap();
    let rels = v["relations"].as_array().unwrap();
    assert!(ents
        .iter()
        .any(|e| e["label"] == "Qiu Xipeng" && e["type"] == "Person" && e["aliases"][0] == "Qiu"));
    let r = rels
        .iter()
        .find(|r| r["predicate"] == "affiliatedWith")
        .unwrap();
    for key in ["subject", "object", "confidence", "attributes", "evidence"] {
        assert!(!r[key].is_null(), "{key}");
    }
    let ev = &r["evidence"][0];
    let text = std::fs::read_to_string(SEED).unwrap();
    let (s, e) = (
        ev["start"].as_u64().unwrap() as usize,
        ev["end"].as_u64().unwrap() as usize,
    );
    // The sentence's text is stated once, in the table, under the evidence's doc and index.
    assert_eq!(&text[s..e], crate::common::evidence_sentence(&v, ev));
    assert!(ev.get("text").is_none());
    assert_eq!(ev["doc"], "seed-moss");
}

#[test]
fn stdin_is_read_without_a_path_and_with_dash() {
    let text = b"Tarek Obeid, professor of Halden University, said costs will fall.";
    for args in [&["extract"][..], &["extract", "-"][..]] {
        let v = json(&kgx_stdin(args, text));
        assert_eq!(v["relations"][0]["evidence"][0]["doc"], "stdin");
    }
}

#[test]
fn several_inputs_merge_into_one_graph_and_jsonl_has_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("sub/b.md");
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    std::fs::write(
        &a,
        "Tarek Obeid, professor of Halden University, said costs will fall.",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Tarek Obeid, professor of Halden University, said costs will fall.",
    )
    .unwrap();
    std::fs::write(dir.path().join("skip.pdf"), "not read").unwrap();
    let v = json(&kgx(&["extract", dir.path().to_str().unwrap()]));
    let aff = v["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["predicate"] == "affiliatedWith")
        .unwrap();
    let docs: Vec<&str> = aff["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, vec!["a", "b"]);
    let out = kgx(&[
        "extract",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["doc"], "b");
}

#[test]
fn dot_output_is_a_digraph() {
    let out = kgx(&["extract", SEED, "--format", "dot"]);
    assert!(out.status.success());
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph kgx {") && dot.trim_end().ends_with('}'));
    assert!(dot.contains("Qiu Xipeng"));
    if crate::common::graphviz_available("dot_output_is_a_digraph (the DOT laid out)") {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let rendered = child.wait_with_output().unwrap();
        assert!(
            rendered.status.success(),
            "{}",
            String::from_utf8_lossy(&rendered.stderr)
        );
        assert!(String::from_utf8_lossy(&rendered.stdout).contains("Qiu Xipeng"));
    }
}

#[test]
fn output_file_is_written_atomically_and_kept_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("graph.json");
    let out = kgx(&["extract", SEED, "-o", out_path.to_str().unwrap()]);
    assert!(out.status.success() && out.stdout.is_empty());
    let good = std::fs::read(&out_path).unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&good).is_ok());
    // A failing run leaves the good file alone and no temporary file behind.
    let missing = dir.path().join("missing.txt");
    let out = kgx(&[
        "extract",
        SEED,
        missing.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&out_path).unwrap(), good);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn output_is_byte_identical_run_after_run() {
    let a = kgx(&["extract", SEED]);
    let b = kgx(&["extract", SEED]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn bad_inputs_fail_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let missing = d.join("nope.txt");
    assert_fails(&kgx(&["extract", missing.to_str().unwrap()]), "nope.txt");

    let bad = d.join("bad.txt");
    std::fs::write(&bad, b"Hello \xff world").unwrap();
    assert_unreadable(
        &kgx(&["extract", bad.to_str().unwrap()]),
        "invalid UTF-8 at byte offset 6",
    );

    let bin = d.join("blob.txt");
    std::fs::write(&bin, b"\x7fELF\0\0\x01binary").unwrap();
    assert_unreadable(&kgx(&["extract", bin.to_str().unwrap()]), "binary file");

    let empty_dir = d.join("empty");
    std::fs::create_dir(&empty_dir).unwrap();
    assert_fails(
        &kgx(&["extract", empty_dir.to_str().unwrap()]),
        "no .txt or .md files",
    );

    assert_fails(
        &kgx(&["extract", SEED, "--format", "yaml"]),
        "unknown format 'yaml'",
    );
}

#[test]
fn unreadable_output_directory_is_an_error() {
    let out = kgx(&["extract", SEED, "-o", "/nonexistent-dir/graph.json"]);
    assert_fails(&out, "graph.json");
}

#[test]
fn an_empty_article_gives_an_empty_graph() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let v = json(&kgx(&["extract", empty.to_str().unwrap()]));
    assert_eq!(
        v,
        serde_json::json!({"entities": [], "relations": [], "sentences": []})
    );
}

#[test]
fn ontology_command_prints_the_turtle() {
    let out = kgx(&["ontology"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("kgx:affiliatedWith a owl:ObjectProperty")
    );
    assert!(Path::new(SEED).exists());
}

#[test]
fn parallel_runs_give_identical_output_and_stream_to_files() {
    let ex = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    for format in ["jsonl", "nquads", "json", "turtle"] {
        let one = kgx(&["extract", ex, "--format", format, "--jobs", "1"]);
        let two = kgx(&["extract", ex, "--format", format, "--jobs", "2"]);
        assert!(one.status.success() && two.status.success());
        assert_eq!(one.stdout, two.stdout, "{format}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.jsonl");
    let run = kgx(&[
        "extract",
        ex,
        "--format",
        "jsonl",
        "-j",
        "2",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 3);
    // A failing streamed run leaves the good file and no temporary file.
    let bad = kgx(&[
        "extract",
        ex,
        "/nonexistent.txt",
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!bad.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 3);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// The example articles as one JSON Lines corpus, with metadata on each record.
fn examples_as_jsonl() -> (Vec<String>, String) {
    let files = crate::common::example_articles();
    let mut corpus = String::new();
    let mut ids = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let id = f.file_stem().unwrap().to_str().unwrap().to_string();
        let record = serde_json::json!({
            "id": id,
            "text": std::fs::read_to_string(f).unwrap(),
            "title": format!("Report {i}"),
            "url": format!("https://news.example/{id}"),
            "section": "tech",
        });
        corpus.push_str(&record.to_string());
        corpus.push('\n');
        ids.push(id);
    }
    (ids, corpus)
}

#[test]
fn a_jsonl_corpus_gives_the_graph_of_its_texts_and_keeps_metadata() {
    let ex = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let (ids, corpus) = examples_as_jsonl();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    std::fs::write(&path, &corpus).unwrap();
    let p = path.to_str().unwrap();

    // Same entities and facts as the text files, whether read from a file, a folder or stdin.
    let text = json(&kgx(&["extract", ex]));
    for args in [
        vec!["extract", "--input-format", "jsonl", p],
        vec![
            "extract",
            "--input-format",
            "jsonl",
            dir.path().to_str().unwrap(),
        ],
    ] {
        let from_jsonl = json(&kgx(&args));
        assert_eq!(from_jsonl["entities"], text["entities"]);
        assert_eq!(from_jsonl["relations"], text["relations"]);
        assert_eq!(from_jsonl["documents"][0]["metadata"]["title"], "Report 0");
        assert_eq!(from_jsonl["documents"].as_array().unwrap().len(), 3);
    }
    let from_stdin = kgx_stdin(&["extract", "--input-format", "jsonl"], corpus.as_bytes());
    assert_eq!(json(&from_stdin)["relations"], text["relations"]);

    // JSON Lines out: one line per record, with its id and metadata.
    let lines = kgx(&["extract", "--input-format", "jsonl", p, "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(lines.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (line, id) in lines.iter().zip(&ids) {
        assert_eq!(line["doc"], id.as_str());
        assert_eq!(line["metadata"]["section"], "tech");
    }

    // RDF: well-known fields become Dublin Core / schema.org statements about the document.
    let ttl = kgx(&[
        "extract",
        "--input-format",
        "jsonl",
        p,
        "--format",
        "ntriples",
    ]);
    let ttl = String::from_utf8(ttl.stdout).unwrap();
    assert!(ttl.contains(&format!(
        "<https://w3id.org/kgx/id/doc/{}> <http://purl.org/dc/terms/title> \"Report 0\" .",
        ids[0]
    )));
    assert!(ttl.contains(&format!(
        "<https://schema.org/url> <https://news.example/{}>",
        ids[0]
    )));
}

#[test]
fn bad_jsonl_records_are_named_by_line_and_the_others_kept() {
    let good = "{\"id\": \"a\", \"text\": \"Ana Prieto, a professor at Harlow University, said it works.\"}\n";
    for (input, needle) in [
        (
            format!("{good}{{\"id\": \"b\"}}\n"),
            "<stdin>:2: no \"text\" field",
        ),
        (format!("{good}not json\n"), "<stdin>:2: expected ident"),
        (
            format!("{good}{{\"text\": [1]}}\n"),
            "<stdin>:2: \"text\" is not a string",
        ),
    ] {
        let out = kgx_stdin(
            &["extract", "--input-format", "jsonl", "--format", "jsonl"],
            input.as_bytes(),
        );
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{err}");
        // The record before the bad one was streamed out whole.
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    }
    let out = kgx_stdin(
        &["extract", "--input-format", "jsonl"],
        b"{\"text\": \"a\xffb\"}\n",
    );
    assert_unreadable(&out, "<stdin>:1: invalid UTF-8");
    let out = kgx(&["extract", "--input-format", "xml", SEED]);
    assert_fails(&out, "unknown input format 'xml'");
    let empty = tempfile::tempdir().unwrap();
    let out = kgx(&[
        "extract",
        "--input-format",
        "jsonl",
        empty.path().to_str().unwrap(),
    ]);
    assert_fails(&out, "folder holds no .jsonl or .ndjson files");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let ex = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    for quiet in [&[][..], &["--quiet"][..]] {
        let mut args = vec!["extract", ex, "--format", "jsonl"];
        args.extend_from_slice(quiet);
        let out = kgx(&args);
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `kgx annotate`'s CoNLL-U for a text.
fn annotated(text: &str) -> String {
    let out = kgx_stdin(&["annotate"], text.as_bytes());
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The word rows of CoNLL-U, split into columns.
fn conllu_rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

/// `kgx annotate` prints CoNLL-U: over kgx's own tokens for text, over the given words for
/// CoNLL-U input, with every column the backbone fills; bad CoNLL-U is a clear error.
#[test]
fn annotate_prints_conllu_for_text_and_keeps_given_words() {
    let text = annotated("Mira Tanaka joined Harlow University.");
    let rows = conllu_rows(&text);
    assert_eq!(rows.len(), 6);
    assert!(rows
        .iter()
        .all(|r| r.len() == 10 && r[9].starts_with("NER=")));
    assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "{text}");
    assert_eq!(rows[0][1], "Mira");

    let given = "# sent_id = s1\n1\tAna\t_\t_\t_\t_\t_\t_\t_\t_\n2\tPrieto\n3\tspoke\n\n";
    let out = kgx_stdin(&["annotate", "--input-format", "conllu"], given.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# sent_id = s1\n1\tAna\t"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains('\t')).count(), 3);

    let out = kgx_stdin(&["annotate", "--input-format", "conllu"], b"1\tA\n3\tB\n");
    assert_fails(&out, "line 2");
    let out = kgx(&["annotate", "--input-format", "xml"]);
    assert_fails(&out, "unknown input format");
}

#[test]
fn text_output_lists_each_fact_with_its_role_or_claim_and_sentence() {
    let out = kgx(&["extract", SEED, "--format", "text"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Qiu Xipeng (person) —affiliated with→ Fudan University (university)\n    role: professor\n    seed-moss, sentence 5: \"Qiu Xipeng, professor of Fudan University"
        ),
        "{text}"
    );
    assert!(text.contains("—holds view→") && text.contains("\n    claim: "));
    // Every fact block starts unindented; every other line is indented.
    assert!(text
        .lines()
        .all(|l| l.starts_with("    ") || l.contains(") —")));
    // -o facts.txt means text.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("facts.txt");
    assert!(kgx(&["extract", SEED, "-o", file.to_str().unwrap()])
        .status
        .success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // A claim or topic across a line break of the article stays on its line.
    let out = kgx_stdin(
        &["extract", "--format", "text"],
        b"Qiu Xipeng, a professor at Fudan University, said that small\nmodels win.\n",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("claim: small models win"), "{text}");
    assert!(
        text.lines()
            .all(|l| l.starts_with("    ") || l.contains(") —")),
        "{text}"
    );
}

/// After a parse, a phrase that opens with its own preposition is never a verb's object: "by
/// X" under a passive verb is its agent, and "of X" right after the verb's noun object hangs
/// from that noun (the parser's repairs).
#[test]
fn annotate_never_makes_a_prepositional_phrase_an_object() {
    for sentence in [
        "Odile Fenwright was hired by Dunmere University in 2020.",
        "Teodor Vance was hired by the Kelmar Institute in March.",
        "Yusra Talmadge was appointed president of Halbeck Institute in 2022.",
        "Bram Ostin was appointed chief scientist of Quillon AI on Monday.",
    ] {
        let text = annotated(sentence);
        let rows = conllu_rows(&text);
        let head = |i: usize| rows[i][6].parse::<usize>().unwrap();
        // Whether word i (from 0) lies below word m.
        let below = |mut i: usize, m: usize| {
            for _ in 0..rows.len() {
                if i == m {
                    return true;
                }
                match head(i) {
                    0 => return false,
                    h => i = h - 1,
                }
            }
            false
        };
        for (d, row) in rows.iter().enumerate() {
            if row[7] != "obj" {
                continue;
            }
            let start = (0..=d).find(|&k| below(k, d)).unwrap();
            assert!(
                start == d || rows[start][7] != "case",
                "'{}' is an object with its own preposition in:\n{text}",
                row[1]
            );
        }
        if sentence.contains("hired by") {
            let agent = rows.iter().position(|r| r[1] == "by").unwrap();
            assert!(
                rows.iter().any(
                    |r| r[7] == "obl:agent" && below(agent, r[0].parse::<usize>().unwrap() - 1)
                ),
                "{text}"
            );
        }
    }
}
