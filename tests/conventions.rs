//! The command line follows the conventions of grep, ripgrep and Jena's tools: one-line
//! errors, grep's exit codes, one meaning per flag, formats from file names, hints for
//! common slips, outputs that end with a line feed.

use std::path::Path;
use std::process::{Command, Output};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed-moss.txt");
const RELEASES_RQ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/queries/releases.rq");

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .output()
        .expect("kgx runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An error: exit 2, one line on stderr holding `needle`, nothing on stdout.
#[track_caller]
fn assert_error(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_file_is_said_once() {
    let out = kgx(&["extract", "no-such-article.txt"]);
    assert_error(&out, "no-such-article.txt");
    let err = stderr(&out);
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn sparql_syntax_errors_give_the_place_without_unicode_ranges() {
    let out = kgx(&["query", "SELECT * WHERE { ?s ?p ?o", SEED]);
    assert_error(&out, "syntax error at line 1, column 26: expected");
    assert!(!stderr(&out).contains("\\u{"), "{}", stderr(&out));
}

#[test]
fn an_unknown_prefix_is_named() {
    let out = kgx(&["query", "SELECT * WHERE { ?s foo:p ?o }", SEED]);
    assert_error(&out, "unknown prefix 'foo:'");
}

#[test]
fn a_query_file_given_as_the_query_gets_a_hint() {
    let out = kgx(&["query", RELEASES_RQ, SEED]);
    assert_error(&out, "did you mean -F/--query-file");
    // The old `-f FILE` (now --format) too.
    let out = kgx(&["query", "-f", RELEASES_RQ, SEED]);
    assert_error(&out, "did you mean -F/--query-file");
}

#[test]
fn json_lines_read_as_text_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.jsonl");
    std::fs::write(&file, "{\"id\": \"a\", \"text\": \"Hi.\"}\n").unwrap();
    let out = kgx(&["extract", file.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("did you mean --input-format jsonl?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exit_codes_are_greps() {
    let ask = |q: &str| kgx(&["query", q, SEED]).status.code();
    assert_eq!(ask("ASK { ?s ?p ?o }"), Some(0));
    assert_eq!(ask("ASK { ?s ?p \"no such thing\" }"), Some(1));
    assert_eq!(ask("ASK { ?s ?p"), Some(2));
    assert_eq!(kgx(&["extract", "no-such.txt"]).status.code(), Some(2));
    // A bad argument (clap's own exit code).
    assert_eq!(kgx(&["extract", "--no-such-flag"]).status.code(), Some(2));
    let help = String::from_utf8_lossy(&kgx(&["--help"]).stdout).into_owned();
    assert!(help.contains("Exit status: 0"), "{help}");
}

#[test]
fn query_file_is_dash_capital_f_and_the_old_spelling_warns() {
    let out = kgx(&["query", "-F", RELEASES_RQ, SEED, "-r", "tsv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("MOSS"));
    let long = kgx(&["query", "--query-file", RELEASES_RQ, SEED, "-r", "tsv"]);
    assert_eq!(long.stdout, out.stdout);
    let old = kgx(&["query", "--file", RELEASES_RQ, SEED, "-r", "tsv"]);
    assert_eq!(old.stdout, out.stdout);
    assert!(stderr(&old).contains("--query-file"), "{}", stderr(&old));
}

#[test]
fn a_flag_for_the_other_kind_of_answer_is_warned_about() {
    let out = kgx(&[
        "query",
        "SELECT * { ?s ?p ?o } LIMIT 1",
        SEED,
        "-f",
        "ntriples",
    ]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("--format applies to CONSTRUCT"));
    let q = "CONSTRUCT WHERE { ?s a ?o } LIMIT 1";
    let out = kgx(&["query", q, SEED, "--results", "csv"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("--results applies to SELECT"));
    let out = kgx(&["query", q, SEED, "-f", "ntriples"]);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn extract_store_refuses_format_and_output() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let out = kgx(&[
        "extract",
        SEED,
        "--store",
        store.to_str().unwrap(),
        "-f",
        "turtle",
    ]);
    assert_error(&out, "--format and -o do not apply");
}

#[test]
fn extract_takes_the_format_from_the_output_name() {
    let dir = tempfile::tempdir().unwrap();
    for (name, start) in [
        ("g.ttl", "@prefix"),
        ("g.nt", "<"),
        ("g.json", "{"),
        ("g.dot", "digraph"),
    ] {
        let path = dir.path().join(name);
        let out = kgx(&["extract", "-q", SEED, "-o", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(start), "{name}: {}", &text[..40]);
    }
    // --format wins over the name.
    let path = dir.path().join("g.ttl");
    let out = kgx(&["extract", SEED, "-f", "json", "-o", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&path).unwrap().starts_with('{'));
}

/// An output name whose extension names no format is refused, not filled with JSON; with
/// --format, or with no extension at all, the name is the user's choice.
#[test]
fn extract_refuses_an_output_name_it_does_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("g.svg");
    let out = kgx(&["extract", SEED, "-o", svg.to_str().unwrap()]);
    assert_error(&out, "kgx does not write .svg files");
    assert!(!svg.exists());
    let out = kgx(&["extract", SEED, "-f", "json", "-o", svg.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bare = dir.path().join("graph");
    let out = kgx(&["extract", SEED, "-o", bare.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&bare).unwrap().starts_with('{'));
}

#[test]
fn render_refuses_an_image_format_it_does_not_draw() {
    let dir = tempfile::tempdir().unwrap();
    let jpg = dir.path().join("x.jpg");
    let out = kgx(&["render", SEED, "-o", jpg.to_str().unwrap()]);
    assert_error(&out, ".dot, .svg, .png or .pdf");
    assert!(!Path::new(&jpg).exists());
}

#[test]
fn filters_that_leave_nothing_say_so() {
    let out = kgx(&[
        "render",
        SEED,
        "--types",
        "Place",
        "--min-confidence",
        "1.1",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the diagram is empty"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_type_lists_the_valid_ones() {
    let out = kgx(&["render", SEED, "--types", "Persn"]);
    assert_error(&out, "expected one of Person, Organization");
}

#[test]
fn quiet_silences_the_store_summary() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let store = store.to_str().unwrap();
    let out = kgx(&["extract", SEED, "--store", store]);
    assert!(stderr(&out).contains("stored in"), "{}", stderr(&out));
    let out = kgx(&["extract", "-q", SEED, "--store", store]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn every_subcommand_help_ends_with_examples() {
    for command in [
        "extract", "query", "serve", "render", "annotate", "train", "ontology",
    ] {
        let out = kgx(&[command, "--help"]);
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(help.contains("Examples:\n  kgx "), "{command}: {help}");
    }
}

#[test]
fn every_output_ends_with_a_line_feed() {
    for format in [
        "json", "jsonl", "dot", "text", "turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld",
    ] {
        let out = kgx(&["extract", "-q", SEED, "-f", format]);
        assert!(out.stdout.ends_with(b"\n"), "extract -f {format}");
    }
    for results in ["table", "csv", "tsv", "json", "xml"] {
        for q in ["SELECT * { ?s ?p ?o } LIMIT 2", "ASK { ?s ?p ?o }"] {
            let out = kgx(&["query", q, SEED, "-r", results]);
            assert!(out.stdout.ends_with(b"\n"), "{q} -r {results}");
        }
    }
    for format in ["turtle", "ntriples", "rdfxml", "jsonld"] {
        let out = kgx(&["query", "CONSTRUCT WHERE { ?s a ?o }", SEED, "-f", format]);
        assert!(out.stdout.ends_with(b"\n"), "CONSTRUCT -f {format}");
    }
}

#[test]
fn select_star_keeps_the_query_order() {
    let q = "SELECT * { ?s a ?o . ?s ?p ?x } LIMIT 1";
    let out = kgx(&["query", q, SEED, "-r", "csv"]);
    let header = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert_eq!(header, "s,o,p,x");
}

#[test]
fn completions_and_a_man_page_come_from_the_flags() {
    let out = kgx(&["completions", "bash"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(script.contains("--query-file"), "{script}");
    let out = kgx(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH kgx"),
        "{page}"
    );
    assert!(page.contains("extract"));
    assert_eq!(kgx(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn reading_an_article_from_a_terminal_says_so() {
    // A terminal on stdin needs a pseudo-terminal: util-linux's `script` gives one (its end of
    // input, /dev/null here, is the Ctrl-D that ends the article).
    let command = format!("{} extract -q", env!("CARGO_BIN_EXE_kgx"));
    let Ok(out) = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
    else {
        eprintln!(
            "skipped: reading_an_article_from_a_terminal_says_so needs `script` (util-linux)"
        );
        return;
    };
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(
        seen.contains("reading an article from the terminal"),
        "{seen}"
    );
    // Not from a pipe.
    let out = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["extract", "-q"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}
