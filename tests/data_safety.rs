//! kgx never damages or silently loses a user's data (issue 12): output over special files and
//! links, document ids, the store's lock, bad inputs among good ones, and identifiers that
//! stay the same across versions.
//!
//! `KGX_TEST_BIN=path` runs the command-line tests against another build of kgx (to show a
//! test fails on an older one).

use std::path::Path;
use std::process::{Command, Output, Stdio};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed-moss.txt");
const ARTICLE: &str = "Ana Prieto, a professor at Harlow University, said small models will win.";

fn bin() -> String {
    std::env::var("KGX_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kgx").to_string())
}

fn kgx(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().expect("kgx runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn assert_ok(out: &Output) {
    assert!(out.status.success(), "stderr: {}", stderr(out));
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

// 1. `-o` over special files and links.

#[test]
fn output_into_a_fifo_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = kgx(&["extract", "-q", SEED, "-o", path(&fifo)]);
    let still_fifo = std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo();
    assert!(still_fifo, "the FIFO was replaced by a file");
    assert_ok(&out);
    let read = reader.join().unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&read).is_ok());
}

#[test]
fn output_through_a_link_replaces_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/graph.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real/graph.json", &link).unwrap();
    assert_ok(&kgx(&["extract", "-q", SEED, "-o", path(&link)]));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read(&target).unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&written).is_ok());
    // No temporary file left beside the link or the target.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    assert_eq!(
        std::fs::read_dir(dir.path().join("real")).unwrap().count(),
        1
    );

    // A dangling link: its target is created.
    let dangling = dir.path().join("new.json");
    std::os::unix::fs::symlink("real/new-target.json", &dangling).unwrap();
    assert_ok(&kgx(&["extract", "-q", SEED, "-o", path(&dangling)]));
    assert!(dir.path().join("real/new-target.json").is_file());
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn output_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("private.json");
    std::fs::write(&out_path, "old").unwrap();
    std::fs::set_permissions(&out_path, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_ok(&kgx(&["extract", "-q", SEED, "-o", path(&out_path)]));
    let mode = std::fs::metadata(&out_path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn an_output_that_is_an_article_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    // The article itself: it would be replaced by its graph.
    let out = kgx(&["extract", path(&article), "-o", path(&article)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the output is also an article read"));
    assert_eq!(std::fs::read_to_string(&article).unwrap(), ARTICLE);
    // A facts file in the folder read: the first run writes it, the next refuses to read it.
    let facts = dir.path().join("facts.txt");
    assert_ok(&kgx(&["extract", path(dir.path()), "-o", path(&facts)]));
    let out = kgx(&["extract", path(dir.path()), "-o", path(&facts)]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_to_dev_stdout_and_dev_null_writes_through() {
    let out = Command::new(bin())
        .args(["extract", "-q", SEED, "-o", "/dev/stdout"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    let out = kgx(&["extract", "-q", SEED, "-o", "/dev/null"]);
    assert_ok(&out);
    use std::os::unix::fs::FileTypeExt;
    let null = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(null.is_char_device(), "/dev/null is no longer a device");
}

// 2 and 3. Document ids.

/// Ids that the old slug gave one file name or one IRI.
fn hostile_ids() -> Vec<String> {
    vec![
        "a/b/c".into(),
        "A B C".into(),
        "a-b-c".into(),
        "..".into(),
        "###".into(),
        "!!!".into(),
        "https://news.example/2024/01/ai-model".into(),
        "https://news.example/2024-01/ai-model".into(),
        "x".repeat(300),
        format!("{}y", "x".repeat(300)),
    ]
}

fn jsonl(ids: &[String], text: &str) -> String {
    ids.iter()
        .map(|id| serde_json::json!({"id": id, "text": text}).to_string() + "\n")
        .collect()
}

fn query(args: &[&str]) -> String {
    let out = kgx(args);
    assert_ok(&out);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_id_gets_its_own_store_file_and_named_graph() {
    let dir = tempfile::tempdir().unwrap();
    let ids = hostile_ids();
    let input = dir.path().join("news.jsonl");
    std::fs::write(&input, jsonl(&ids, ARTICLE)).unwrap();
    let store = dir.path().join("kb");
    let out = kgx(&[
        "extract",
        "-q",
        "--input-format",
        "jsonl",
        path(&input),
        "--store",
        path(&store),
    ]);
    assert_ok(&out);
    let files = std::fs::read_dir(store.join("docs")).unwrap().count();
    assert_eq!(files, ids.len(), "{}", stderr(&out));
    let graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let answer = query(&["query", "--results", "csv", "--store", path(&store), graphs]);
    assert_eq!(answer.trim_end(), format!("n\r\n{}", ids.len()));
    // The same in an N-Quads file.
    let nq = dir.path().join("news.nq");
    assert_ok(&kgx(&[
        "extract",
        "-q",
        "--input-format",
        "jsonl",
        path(&input),
        "-f",
        "nquads",
        "-o",
        path(&nq),
    ]));
    let answer = query(&["query", "--results", "csv", graphs, path(&nq)]);
    assert_eq!(answer.trim_end(), format!("n\r\n{}", ids.len()));
}

#[test]
fn document_iris_escape_the_id() {
    let out = Command::new(bin())
        .args(["extract", "-q", "--input-format", "jsonl", "-f", "nquads"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            let line = jsonl(&["A B/c".to_string()], ARTICLE);
            child.stdin.take().unwrap().write_all(line.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_ok(&out);
    let nq = String::from_utf8(out.stdout).unwrap();
    assert!(
        nq.contains("<https://w3id.org/kgx/id/doc/A%20B%2Fc>"),
        "{nq}"
    );
}

#[test]
fn two_sources_with_one_id_are_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["x", "y"] {
        std::fs::create_dir_all(dir.path().join("dup").join(sub)).unwrap();
        std::fs::write(
            dir.path().join("dup").join(sub).join("article.txt"),
            ARTICLE,
        )
        .unwrap();
    }
    let dup = dir.path().join("dup");
    let store = dir.path().join("kb");
    for args in [
        vec!["extract", "-q", path(&dup)],
        vec!["extract", "-q", "-f", "nquads", path(&dup)],
        vec!["extract", "-q", path(&dup), "--store", path(&store)],
    ] {
        let out = kgx(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("x/article.txt") && err.contains("y/article.txt"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn the_same_source_many_times_with_two_jobs_never_aborts_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("same.txt");
    std::fs::write(&article, ARTICLE.repeat(20)).unwrap();
    let store = dir.path().join("kb");
    let mut args = vec!["extract", "-q", "-j", "2", "--store", path(&store)];
    args.extend(std::iter::repeat_n(path(&article), 40));
    let out = kgx(&args);
    assert_ok(&out);
    let names: Vec<String> = std::fs::read_dir(store.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["same.nq"]);
}

// 4. The store's lock.

/// Child processes of the lock race (see below) that have started.
const RACERS: usize = 300;

/// One racer, run as a child process of `one_writer_among_hundreds_started_at_once` (and a
/// no-op otherwise): waits at the starting line, takes the store's lock if it can, and checks
/// that nobody else is inside while it holds it.
#[test]
fn lock_racer() {
    use std::io::Write;
    let Ok(store) = std::env::var("KGX_LOCK_RACE_STORE") else {
        return;
    };
    let store = Path::new(&store);
    // Opening a FIFO for reading waits for its writer: the parent opens it once every racer
    // has started, so they all go at once.
    drop(std::fs::File::open(store.with_extension("start")).unwrap());
    let outcome = match kgx::store::StoreWriter::open(store) {
        Ok(writer) => {
            let inside = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(store.join("inside"));
            let outcome = if inside.is_ok() { "won" } else { "overlap" };
            std::thread::sleep(std::time::Duration::from_millis(20));
            if inside.is_ok() {
                std::fs::remove_file(store.join("inside")).unwrap();
            }
            drop(writer);
            outcome.to_string()
        }
        Err(kgx::Error::StoreLocked { .. }) => "locked".to_string(),
        Err(e) => format!("error {e}"),
    };
    let mut log = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(store.with_extension("log"))
        .unwrap();
    // One write, so that racers appending at once never mix their lines.
    log.write_all(format!("{outcome}\n").as_bytes()).unwrap();
}

#[test]
fn one_writer_among_hundreds_started_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kb");
    let start = store.with_extension("start");
    assert!(Command::new("mkfifo")
        .arg(&start)
        .status()
        .unwrap()
        .success());
    let me = std::env::current_exe().unwrap();
    let racers: Vec<_> = (0..RACERS)
        .map(|_| {
            Command::new(&me)
                .args(["--exact", "data_safety::lock_racer", "--test-threads", "1"])
                .env("KGX_LOCK_RACE_STORE", &store)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    // Let them reach the starting line, then open it, and keep it open until every racer is
    // done: one that comes late must find it open, not wait for a writer that has gone.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let gate = std::fs::OpenOptions::new()
        .write(true)
        .open(&start)
        .unwrap();
    for mut racer in racers {
        racer.wait().unwrap();
    }
    drop(gate);
    let log = std::fs::read_to_string(store.with_extension("log")).unwrap();
    let count = |what: &str| log.lines().filter(|l| *l == what).count();
    assert_eq!(log.lines().count(), RACERS, "{log}");
    assert_eq!(count("overlap"), 0, "two writers held the lock at once");
    assert!(count("won") >= 1);
    assert_eq!(count("won") + count("locked"), RACERS, "{log}");
}

#[test]
fn a_lock_path_that_is_a_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kb");
    std::fs::create_dir_all(store.join("lock")).unwrap();
    let out = kgx(&["extract", "-q", SEED, "--store", path(&store)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("lock") && err.contains("is a folder"), "{err}");
    assert!(!err.contains("process 0"), "{err}");
}

/// A writer killed with SIGKILL leaves the temporary files it had not yet renamed; the next
/// writer, holding the lock (so no live writer owns one), removes them and nothing else.
#[test]
fn the_next_writer_removes_temporary_files_a_killed_writer_left() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kb");
    assert_ok(&kgx(&["extract", "-q", SEED, "--store", path(&store)]));
    let docs = store.join("docs");
    let stale = docs.join(".seed-moss.nq.kgx-4194000-7.tmp");
    std::fs::write(&stale, "<http://a> <http://b> \"half a").unwrap();
    let kept = [docs.join("notes.txt"), docs.join(".hidden.tmp")];
    for k in &kept {
        std::fs::write(k, "mine").unwrap();
    }
    assert_ok(&kgx(&["extract", "-q", SEED, "--store", path(&store)]));
    assert!(!stale.exists(), "the stale temporary file is still there");
    for k in &kept {
        assert!(k.exists(), "{} was removed", k.display());
    }
}

// 5. `--base`.

#[test]
fn a_base_that_is_not_an_absolute_iri_is_refused() {
    for base in [
        "not an iri",
        "http://x/> <http://evil/p> <http://evil/o> . #",
        "relative/path/",
        "",
    ] {
        for format in ["nquads", "turtle"] {
            let out = kgx(&["extract", "-q", SEED, "-f", format, "--base", base]);
            assert!(!out.status.success(), "{base:?} was accepted");
            assert!(out.stdout.is_empty());
            assert!(stderr(&out).contains("--base"), "{}", stderr(&out));
        }
    }
    let out = kgx(&["query", "ASK {}", SEED, "--base", "not an iri"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--base"), "{}", stderr(&out));
}

#[test]
fn a_base_without_a_final_slash_gets_one() {
    let out = kgx(&[
        "extract",
        "-q",
        SEED,
        "-f",
        "nquads",
        "--base",
        "http://ex.org/kg",
    ]);
    assert_ok(&out);
    let nq = String::from_utf8(out.stdout).unwrap();
    assert!(nq.contains("<http://ex.org/kg/doc/seed-moss>"), "{nq}");
    assert!(!nq.contains("<http://ex.org/kgdoc/"));
    let out = kgx(&[
        "extract",
        "-q",
        SEED,
        "-f",
        "nquads",
        "--base",
        "http://ex.org/kg#",
    ]);
    let nq = String::from_utf8(out.stdout).unwrap();
    assert!(nq.contains("<http://ex.org/kg#doc/seed-moss>"), "{nq}");
}

// 7. A byte-order mark.

#[test]
fn evidence_offsets_index_a_file_that_starts_with_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bom.txt");
    let bytes = [b"\xef\xbb\xbf".as_slice(), ARTICLE.as_bytes(), b"\n"].concat();
    std::fs::write(&file, &bytes).unwrap();
    let out = kgx(&["extract", "-q", path(&file)]);
    assert_ok(&out);
    let graph: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let relations = graph["relations"].as_array().unwrap();
    assert!(!relations.is_empty());
    for r in relations {
        for ev in r["evidence"].as_array().unwrap() {
            let (start, end) = (ev["start"].as_u64().unwrap(), ev["end"].as_u64().unwrap());
            let slice = std::str::from_utf8(&bytes[start as usize..end as usize])
                .expect("offsets on character boundaries of the file");
            assert_eq!(slice, crate::common::evidence_sentence(&graph, ev));
            let trigger = ev["trigger"].as_array().unwrap();
            let (t0, t1) = (trigger[0].as_u64().unwrap(), trigger[1].as_u64().unwrap());
            assert!(std::str::from_utf8(&bytes[t0 as usize..t1 as usize]).is_ok());
        }
    }
}

// 11. Identifiers from a frozen hash.

/// Fact and evidence IRIs are FNV-1a 64 of their parts (see src/identifier.rs and the README):
/// these must never change, or every published link and store breaks.
#[test]
fn identifiers_are_frozen() {
    let out = Command::new(bin())
        .args(["extract", "-q", "-f", "ntriples"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(ARTICLE.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_ok(&out);
    let nt = String::from_utf8(out.stdout).unwrap();
    for iri in [
        "https://w3id.org/kgx/id/person/ana-prieto",
        "https://w3id.org/kgx/id/organization/harlow-university",
        "https://w3id.org/kgx/id/topic/small-models",
        "https://w3id.org/kgx/id/doc/stdin",
        // person/ana-prieto, kgx:affiliatedWith, organization/harlow-university, no claim
        "https://w3id.org/kgx/id/fact/a0e7fb7f08070a22",
        // … kgx:holdsView topic/small-models, claim "small models will win"
        "https://w3id.org/kgx/id/fact/ca63554e8d77c88d",
        "https://w3id.org/kgx/id/evidence/79587d9f0b469811",
        "https://w3id.org/kgx/id/evidence/ff9f209b2d9614cd",
    ] {
        assert!(
            nt.contains(&format!("<{iri}>")),
            "{iri} missing from:\n{nt}"
        );
    }
}

// 10. One bad input among good ones.

const OTHER: &str = "Tomas Varga, an engineer at Orbit Labs, said the chips are ready.";
const HIDDEN: &str = "Zed Quill, a professor at Quill University, said nothing.";

/// A folder of good articles, bad files, a dangling link, an upper-case extension and a hidden
/// folder.
fn mixed_folder(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(corpus.join(".hidden")).unwrap();
    std::fs::write(corpus.join("a-good.txt"), ARTICLE).unwrap();
    std::fs::write(corpus.join("b-binary.txt"), b"\x7fELF\0\0\x01binary").unwrap();
    std::fs::write(corpus.join("c-latin1.txt"), b"Caf\xe9 owner said so.").unwrap();
    std::os::unix::fs::symlink("nowhere.txt", corpus.join("d-dangling.txt")).unwrap();
    std::fs::write(corpus.join("E-UPPER.TXT"), OTHER).unwrap();
    std::fs::write(corpus.join(".hidden/secret.txt"), HIDDEN).unwrap();
    std::fs::write(corpus.join(".draft.txt"), HIDDEN).unwrap();
    corpus
}

#[test]
fn bad_files_in_a_folder_are_skipped_by_name_and_the_run_fails_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = mixed_folder(dir.path());
    let out_file = dir.path().join("graph.json");
    let out = kgx(&["extract", "-q", path(&corpus), "-o", path(&out_file)]);
    assert!(!out.status.success(), "bad files went unreported");
    let err = stderr(&out);
    for name in ["b-binary.txt", "c-latin1.txt", "d-dangling.txt"] {
        assert!(err.contains(name), "{name} not named in {err}");
    }
    assert!(err.contains("3 input(s) skipped"), "{err}");
    let graph = std::fs::read_to_string(&out_file).expect("the good articles are written");
    assert!(graph.contains("Ana Prieto"));
    assert!(graph.contains("Tomas Varga"), ".TXT was not read");
    assert!(
        !graph.contains("Zed Quill"),
        "a hidden file or folder was read"
    );

    // --strict stops at the first, and writes nothing.
    let strict_file = dir.path().join("strict.json");
    let out = kgx(&[
        "extract",
        "-q",
        "--strict",
        path(&corpus),
        "-o",
        path(&strict_file),
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("b-binary.txt"));
    assert!(!strict_file.exists());

    // The same for the store and for streamed output.
    let store = dir.path().join("kb");
    let out = kgx(&[
        "extract",
        "-q",
        "-j",
        "2",
        path(&corpus),
        "--store",
        path(&store),
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("d-dangling.txt"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(store.join("docs")).unwrap().count(), 2);
    let out = kgx(&["extract", "-q", path(&corpus), "-f", "jsonl"]);
    assert!(!out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn a_broken_store_file_is_named_and_the_rest_answers() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kb");
    assert_ok(&kgx(&["extract", "-q", SEED, "--store", path(&store)]));
    std::fs::write(store.join("docs/broken.nq"), "<a> <b> .\n").unwrap();
    let q = r#"SELECT ?name WHERE { ?p kgx:affiliatedWith ?o . ?o rdfs:label "Fudan University" . ?p rdfs:label ?name }"#;
    let out = kgx(&["query", "--store", path(&store), q]);
    assert!(!out.status.success(), "the broken file went unreported");
    assert!(stderr(&out).contains("broken.nq"), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Qiu Xipeng"));
    let out = kgx(&["query", "--strict", "--store", path(&store), q]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("broken.nq"));
    assert!(out.stdout.is_empty());
}

// 8. RDF inputs are not articles.

fn count_triples(data: &Path, extra: &[&str]) -> String {
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let mut args = vec!["query", "--results", "csv", q];
    args.extend_from_slice(extra);
    args.push(path(data));
    query(&args)
}

#[test]
fn rdf_files_are_read_as_rdf_by_every_name_kgx_writes() {
    let dir = tempfile::tempdir().unwrap();
    for (format, names) in [
        ("nquads", &["seed.nq", "seed.nquads"][..]),
        ("turtle", &["seed.ttl", "seed.turtle", "seed.TTL"][..]),
        ("ntriples", &["seed.nt", "seed.ntriples"][..]),
        ("rdfxml", &["seed.rdf", "seed.rdfxml", "seed.owl"][..]),
        ("trig", &["seed.trig"][..]),
        ("jsonld", &["seed.jsonld"][..]),
    ] {
        let first = dir.path().join(names[0]);
        assert_ok(&kgx(&[
            "extract",
            "-q",
            SEED,
            "-f",
            format,
            "-o",
            path(&first),
        ]));
        let want = count_triples(&first, &[]);
        for name in &names[1..] {
            let other = dir.path().join(name);
            std::fs::copy(&first, &other).unwrap();
            assert_eq!(count_triples(&other, &[]), want, "{name}");
        }
        // Any name, with the format given.
        let data = dir.path().join(format!("{format}.data"));
        std::fs::copy(&first, &data).unwrap();
        assert_eq!(
            count_triples(&data, &["--input-format", format]),
            want,
            "{format}"
        );
    }
}

#[test]
fn extract_refuses_rdf_and_warns_about_data_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let ttl = dir.path().join("s.ttl");
    assert_ok(&kgx(&[
        "extract",
        "-q",
        SEED,
        "-f",
        "turtle",
        "-o",
        path(&ttl),
    ]));
    let out = kgx(&["extract", "-q", path(&ttl)]);
    assert!(!out.status.success(), "Turtle was read as an article");
    assert!(stderr(&out).contains("RDF"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    // Asked for explicitly, it is read as text (with no warning: the user said so).
    let out = kgx(&["extract", "-q", "--input-format", "text", path(&ttl)]);
    assert_ok(&out);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    let records = dir.path().join("news.txt");
    std::fs::write(&records, jsonl(&["a".to_string()], ARTICLE)).unwrap();
    let out = kgx(&["extract", "-q", path(&records)]);
    assert_ok(&out);
    let err = stderr(&out);
    assert!(
        err.contains("news.txt") && err.contains("looks like JSON Lines"),
        "{err}"
    );
}

// 9. SPARQL FROM.

#[test]
fn from_names_the_default_graph_and_without_it_the_union_stays() {
    let count = |q: &str| {
        let out = query(&["query", "--results", "csv", q, SEED]);
        out.lines().nth(1).unwrap().trim().parse::<usize>().unwrap()
    };
    let all = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    assert!(all > 0);
    assert_eq!(
        count("SELECT (COUNT(*) AS ?n) FROM <urn:nonexistent> WHERE { ?s ?p ?o }"),
        0
    );
    let doc = "<https://w3id.org/kgx/id/doc/seed-moss>";
    let in_doc = count(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {doc} {{ ?s ?p ?o }} }}"
    ));
    assert!(in_doc > 0 && in_doc < all);
    assert_eq!(
        count(&format!(
            "SELECT (COUNT(*) AS ?n) FROM {doc} WHERE {{ ?s ?p ?o }}"
        )),
        in_doc
    );
}

// 6. Control characters.

#[test]
fn every_rdf_format_parses_with_rdflib_whatever_characters_the_article_holds() {
    if !crate::rdf::rdflib_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("controls.txt");
    std::fs::write(
        &article,
        "Ana\u{1} Prieto, a professor at Harlow\u{1b} University, said small \u{b}models \
         will win.\r\nTomas Varga, an engineer at Orbit Labs, said the chips are \u{fffe}ready \
         \u{7f}\u{85}\u{c}now.\r\n\"It\u{2}\u{8} works,\" said Varga.\r",
    )
    .unwrap();
    crate::rdf::assert_rdflib_reads_every_format_as_oxigraph(&article, &[]);
    // Metadata, where line breaks and controls survive sentence splitting.
    let records = dir.path().join("controls.jsonl");
    let record = serde_json::json!({
        "id": "c\u{1}\r\n",
        "title": "Line\r\nbreak\u{1} and\rCR\u{1b}[0m",
        "author": "A\u{b}B",
        "text": ARTICLE,
    });
    std::fs::write(&records, format!("{record}\n")).unwrap();
    crate::rdf::assert_rdflib_reads_every_format_as_oxigraph(
        &records,
        &["--input-format", "jsonl"],
    );
}

#[test]
fn the_store_snapshot_follows_every_change_to_the_documents() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kb");
    let input = dir.path().join("news.jsonl");
    let put = |records: &[(&str, &str)]| {
        let lines: String = records
            .iter()
            .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n")
            .collect();
        std::fs::write(&input, lines).unwrap();
        assert_ok(&kgx(&[
            "extract",
            "-q",
            "--input-format",
            "jsonl",
            path(&input),
            "--store",
            path(&store),
        ]));
    };
    let people = |store: &Path| {
        query(&[
            "query",
            "--results",
            "csv",
            "--store",
            path(store),
            "SELECT ?name WHERE { ?p a kgx:Person ; rdfs:label ?name } ORDER BY ?name",
        ])
    };
    put(&[("a", ARTICLE)]);
    assert_eq!(people(&store), "name\r\nAna Prieto\r\n");
    // The first query made the snapshot; the second reads it.
    assert!(store.join("snapshot.kgxs").is_file());
    assert_eq!(people(&store), "name\r\nAna Prieto\r\n");
    // A document added, then replaced: each query sees the documents as they are now.
    put(&[("b", OTHER)]);
    assert_eq!(people(&store), "name\r\nAna Prieto\r\nTomas Varga\r\n");
    put(&[("a", &ARTICLE.replace("Ana Prieto", "Ana Prieta"))]);
    assert_eq!(people(&store), "name\r\nAna Prieta\r\nTomas Varga\r\n");
    // A document file removed by hand.
    std::fs::remove_file(store.join("docs/b.nq")).unwrap();
    assert_eq!(people(&store), "name\r\nAna Prieta\r\n");
    // A snapshot left by another version or damaged is made again, never trusted.
    std::fs::write(store.join("snapshot.kgxs"), b"KGXSNAP1 and then nonsense").unwrap();
    assert_eq!(people(&store), "name\r\nAna Prieta\r\n");
}
