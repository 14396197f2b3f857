//! kgx's fuzzer, on stable Rust (cargo-fuzz needs nightly). Each iteration mutates the example
//! articles (`examples/*.txt`) into text articles or a JSON Lines file, runs them through the
//! library as `kgx extract` does, and checks every output: JSON and JSON Lines parse and their
//! evidence slices the text, DOT is well-formed, all six RDF formats parse with oxigraph and
//! say the same, SPARQL (the example queries and more) answers in every results format and
//! counts each statement once in the default graph, a
//! store of the documents loads, and nothing panics. A sample goes through independent tools:
//! rdflib (every `--rdflib-every`th case) and Graphviz's `dot -Tsvg` (every `--dot-every`th).
//! Every 25th case runs twice and must give the same bytes.
//!
//! ```sh
//! cargo run --release --example fuzz -- --seconds 3600          # or --iterations N, --cpu-seconds N
//! cargo run --release --example fuzz -- --seed 7 --iterations 1000
//! cargo run --release --example fuzz -- --replay fuzz/failures/s1-i42
//! ```
//!
//! Cases are a function of `--seed` and the iteration number only. A failing case is saved to
//! `--failures DIR` (default `fuzz/failures/`) as `s<seed>-i<iteration>/` with its input files
//! and `why.txt`; the run goes on, and exits 1 at the end if anything failed.

mod check;
mod dot_syntax;
mod mutate;

use mutate::{Case, Rng, Settings};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

struct Options {
    seed: u64,
    seconds: Option<u64>,
    cpu_seconds: Option<u64>,
    iterations: Option<u64>,
    failures: PathBuf,
    rdflib_every: u64,
    dot_every: u64,
    store_every: u64,
    replay: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        seed: 1,
        seconds: None,
        cpu_seconds: None,
        iterations: None,
        failures: Path::new(ROOT).join("fuzz/failures"),
        rdflib_every: 200,
        dot_every: 200,
        store_every: 10,
        replay: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{a} {v}: {e}"));
        match a.as_str() {
            "--seed" => o.seed = number(value()?)?,
            "--seconds" => o.seconds = Some(number(value()?)?),
            "--cpu-seconds" => o.cpu_seconds = Some(number(value()?)?),
            "--iterations" => o.iterations = Some(number(value()?)?),
            "--failures" => o.failures = PathBuf::from(value()?),
            "--rdflib-every" => o.rdflib_every = number(value()?)?.max(1),
            "--dot-every" => o.dot_every = number(value()?)?.max(1),
            "--store-every" => o.store_every = number(value()?)?.max(1),
            "--replay" => o.replay = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                return Err("usage: fuzz [--seconds N] [--cpu-seconds N] [--iterations N] [--seed S] [--failures DIR] \
                            [--rdflib-every N] [--dot-every N] [--store-every N] [--replay DIR]"
                    .into())
            }
            other => return Err(format!("unknown argument {other} (try --help)")),
        }
    }
    if o.seconds.is_none()
        && o.cpu_seconds.is_none()
        && o.iterations.is_none()
        && o.replay.is_none()
    {
        o.seconds = Some(20);
    }
    Ok(o)
}

fn read_sorted(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// The example queries, and queries of our own: a count, an ASK, a CONSTRUCT, one that names
/// its dataset.
fn queries() -> Vec<(String, String)> {
    let mut q: Vec<(String, String)> = read_sorted(&Path::new(ROOT).join("examples/queries"), "rq")
        .into_iter()
        .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
        .collect();
    q.push((
        "count".into(),
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }".into(),
    ));
    q.push(("ask".into(), "ASK { ?s rdfs:label ?l }".into()));
    q.push((
        "construct".into(),
        "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l ; a ?c }".into(),
    ));
    q.push((
        "graphs".into(),
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g".into(),
    ));
    q.push((
        "evidence".into(),
        "SELECT ?f ?t WHERE { ?f kgx:evidence ?e . ?e kgx:sentence ?s . ?s kgx:sentenceText ?t } ORDER BY ?f ?t".into(),
    ));
    q
}

fn save(dir: &Path, name: &str, case: &Case, settings: &Settings, why: &str) -> PathBuf {
    let dir = dir.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("making the failure folder");
    match case {
        Case::Text(files) => {
            for (k, (id, bytes)) in files.iter().enumerate() {
                std::fs::write(dir.join(format!("doc{k}.txt")), bytes).unwrap();
                std::fs::write(dir.join(format!("doc{k}.id")), id).unwrap();
            }
        }
        Case::Jsonl(bytes) => std::fs::write(dir.join("input.jsonl"), bytes).unwrap(),
    }
    std::fs::write(dir.join("base"), &settings.base).unwrap();
    std::fs::write(dir.join("jobs"), settings.jobs.to_string()).unwrap();
    std::fs::write(dir.join("why.txt"), why).unwrap();
    dir
}

fn load(dir: &Path) -> (Case, Settings) {
    let settings = Settings {
        base: std::fs::read_to_string(dir.join("base"))
            .unwrap_or_else(|_| "https://w3id.org/kgx/id/".into()),
        jobs: std::fs::read_to_string(dir.join("jobs"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1),
    };
    let jsonl = dir.join("input.jsonl");
    let case = if jsonl.exists() {
        Case::Jsonl(std::fs::read(jsonl).unwrap())
    } else {
        Case::Text(
            read_sorted(dir, "txt")
                .into_iter()
                .map(|(stem, bytes)| {
                    let id =
                        std::fs::read_to_string(dir.join(format!("{stem}.id"))).unwrap_or(stem);
                    (id, bytes)
                })
                .collect(),
        )
    };
    (case, settings)
}

/// CPU time this process has used (user + system), from /proc/self/stat; `None` off Linux.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in brackets and may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The panic message of the last panic, captured by the hook instead of printed.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

fn run_caught(
    f: impl FnOnce() -> Result<check::Outputs, String>,
) -> Result<check::Outputs, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(format!("panic: {}", LAST_PANIC.lock().unwrap())),
    }
}

/// rdflib reads all six files (one Python process) and finds the statements oxigraph finds.
fn rdflib_check(outputs: &check::Outputs, scratch: &Path) -> Result<(), String> {
    let mut args = vec![format!("{ROOT}/scripts/rdf_check.py")];
    let mut names = Vec::new();
    for (flavor, bytes) in &outputs.rdf {
        let file = scratch.join(format!("out.{}", flavor.name()));
        std::fs::write(&file, bytes).map_err(|e| e.to_string())?;
        args.push(file.display().to_string());
        args.push(rdflib_name(*flavor).into());
        names.push(file.display().to_string());
    }
    let out = Command::new("python3")
        .args(&args)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rdflib: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut theirs: Vec<std::collections::BTreeSet<String>> = Vec::new();
    for line in stdout.lines() {
        if line.starts_with("== ") {
            theirs.push(Default::default());
        } else if let Some(set) = theirs.last_mut() {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
            set.insert(v.to_string());
        }
    }
    if theirs.len() != outputs.rdf.len() {
        return Err(format!(
            "rdflib answered for {} of {} files",
            theirs.len(),
            outputs.rdf.len()
        ));
    }
    for ((flavor, bytes), theirs) in outputs.rdf.iter().zip(&theirs) {
        let ours = rdflib_shape(&check::parse_rdf(bytes, *flavor)?);
        if &ours != theirs {
            let only_ours: Vec<_> = ours.difference(theirs).take(2).collect();
            let only_theirs: Vec<_> = theirs.difference(&ours).take(2).collect();
            return Err(format!(
                "rdflib reads {} otherwise: oxigraph only {only_ours:?}, rdflib only {only_theirs:?}",
                flavor.name()
            ));
        }
    }
    Ok(())
}

fn rdflib_name(flavor: kgx::export::rdf::RdfFlavor) -> &'static str {
    use kgx::export::rdf::RdfFlavor::*;
    match flavor {
        Turtle => "turtle",
        NTriples => "nt",
        NQuads => "nquads",
        TriG => "trig",
        RdfXml => "xml",
        JsonLd => "json-ld",
    }
}

/// Quads in scripts/rdf_check.py's shape.
fn rdflib_shape(quads: &[oxigraph::model::Quad]) -> std::collections::BTreeSet<String> {
    use oxigraph::model::{GraphName, NamedOrBlankNode, Term};
    let term = |t: &Term| match t {
        Term::NamedNode(n) => serde_json::json!(["iri", n.as_str()]),
        Term::BlankNode(_) => serde_json::json!(["bnode", ""]),
        Term::Literal(l) => match l.language() {
            Some(lang) => serde_json::json!(["lit", l.value(), format!("@{lang}")]),
            None => serde_json::json!(["lit", l.value(), l.datatype().as_str()]),
        },
        #[allow(unreachable_patterns)]
        other => serde_json::json!(["other", other.to_string()]),
    };
    quads
        .iter()
        .map(|q| {
            let s = match &q.subject {
                NamedOrBlankNode::NamedNode(n) => serde_json::json!(["iri", n.as_str()]),
                NamedOrBlankNode::BlankNode(_) => serde_json::json!(["bnode", ""]),
            };
            let g = match &q.graph_name {
                GraphName::NamedNode(n) => n.as_str().to_string(),
                _ => String::new(),
            };
            serde_json::json!([s, ["iri", q.predicate.as_str()], term(&q.object), g]).to_string()
        })
        .collect()
}

/// Graphviz lays out every DOT output without an error.
fn graphviz_check(outputs: &check::Outputs) -> Result<(), String> {
    for (k, dot) in outputs.dot.iter().enumerate() {
        let mut child = Command::new("dot")
            .args(["-Tsvg", "-o", "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("dot: {e}"))?;
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .map_err(|e| format!("writing to dot: {e}"))?;
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || stderr.contains("rror") {
            return Err(format!("dot -Tsvg on DOT #{k}: {}", stderr.trim()));
        }
    }
    Ok(())
}

fn have(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap() = format!("{message}{location}");
    }));
    let pipeline = kgx::Pipeline::embedded().expect("the embedded pipeline loads");
    let seeds: Vec<Vec<u8>> = read_sorted(&Path::new(ROOT).join("examples"), "txt")
        .into_iter()
        .map(|(_, b)| b)
        .collect();
    let queries = queries();
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let rdflib = have("python3", &["-c", "import rdflib"]);
    let graphviz = have("dot", &["-V"]);
    if !rdflib {
        eprintln!("fuzz: rdflib not installed (python3 -m pip install rdflib): RDF sample not checked by it");
    }
    if !graphviz {
        eprintln!(
            "fuzz: Graphviz not installed (apt-get install graphviz): DOT sample not laid out"
        );
    }

    if let Some(dir) = &o.replay {
        let (case, settings) = load(dir);
        let result =
            run_caught(|| check::run(&case, &settings, &pipeline, &queries, scratch.path(), true));
        let result = result.and_then(|out| {
            if rdflib {
                rdflib_check(&out, scratch.path())?;
            }
            if graphviz {
                graphviz_check(&out)?;
            }
            Ok(out)
        });
        return match result {
            Ok(out) => {
                println!(
                    "{}: passes ({} read, {} refused, {} statements)",
                    dir.display(),
                    out.read.len(),
                    out.refused.len(),
                    out.quads
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                println!("{}: FAILS: {e}", dir.display());
                ExitCode::FAILURE
            }
        };
    }

    // A case that runs too long is saved and reported by a watchdog, since it cannot be stopped.
    let current: Arc<Mutex<Option<(u64, Case, Settings)>>> = Arc::new(Mutex::new(None));
    let started_case = Arc::new(AtomicU64::new(0));
    {
        let (watched, watched_start, failures, seed) = (
            current.clone(),
            started_case.clone(),
            o.failures.clone(),
            o.seed,
        );
        let epoch = Instant::now();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(5));
            let began = watched_start.load(Ordering::Relaxed);
            let now = epoch.elapsed().as_secs();
            if began != 0 && now.saturating_sub(began) > 300 {
                if let Some((i, case, settings)) = watched.lock().unwrap().clone() {
                    let dir = save(
                        &failures,
                        &format!("s{seed}-i{i}"),
                        &case,
                        &settings,
                        "runs for more than 300 s",
                    );
                    eprintln!(
                        "fuzz: case {i} runs for more than 300 s; saved to {}",
                        dir.display()
                    );
                    std::process::exit(1);
                }
            }
        });
        let epoch_main = epoch;
        // The main loop marks each case's start in seconds since `epoch`, plus one (0: idle).
        let begin = move |i: u64, case: &Case, settings: &Settings| {
            *current.lock().unwrap() = Some((i, case.clone(), settings.clone()));
            started_case.store(epoch_main.elapsed().as_secs() + 1, Ordering::Relaxed);
        };
        run_loop(
            &o,
            &pipeline,
            &seeds,
            &queries,
            scratch.path(),
            rdflib,
            graphviz,
            begin,
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn run_loop(
    o: &Options,
    pipeline: &kgx::Pipeline,
    seeds: &[Vec<u8>],
    queries: &[(String, String)],
    scratch: &Path,
    rdflib: bool,
    graphviz: bool,
    begin: impl Fn(u64, &Case, &Settings),
) -> ExitCode {
    let start = Instant::now();
    let deadline = o.seconds.map(|s| start + Duration::from_secs(s));
    let mut failures: Vec<(u64, String, PathBuf)> = Vec::new();
    let (mut statements, mut refused, mut documents, mut bytes_in) =
        (0usize, 0usize, 0usize, 0usize);
    let (mut rdflib_runs, mut graphviz_runs, mut twice) = (0u64, 0u64, 0u64);
    let mut slowest = (Duration::ZERO, 0u64);
    let mut last_report = Instant::now();
    let mut i = 0u64;
    loop {
        let cpu_done = o.cpu_seconds.is_some_and(|c| {
            cpu_time().unwrap_or_else(|| start.elapsed()) >= Duration::from_secs(c)
        });
        if o.iterations.is_some_and(|n| i >= n)
            || deadline.is_some_and(|d| Instant::now() >= d)
            || cpu_done
        {
            break;
        }
        let mut rng = Rng::for_case(o.seed, i);
        let (case, settings) = mutate::case(&mut rng, seeds);
        bytes_in += match &case {
            Case::Text(files) => files.iter().map(|(_, b)| b.len()).sum(),
            Case::Jsonl(b) => b.len(),
        };
        begin(i, &case, &settings);
        let t = Instant::now();
        let store = i.is_multiple_of(o.store_every);
        let mut result =
            run_caught(|| check::run(&case, &settings, pipeline, queries, scratch, store));
        if i.is_multiple_of(25) {
            if let Ok(first) = &result {
                twice += 1;
                match run_caught(|| check::run(&case, &settings, pipeline, queries, scratch, false))
                {
                    Ok(second) if &second == first => {}
                    Ok(_) => {
                        result = Err("not deterministic: a second run gave other output".into())
                    }
                    Err(e) => result = Err(format!("second run: {e}")),
                }
            }
        }
        if let Ok(out) = &result {
            if rdflib && i.is_multiple_of(o.rdflib_every) {
                rdflib_runs += 1;
                if let Err(e) = rdflib_check(out, scratch) {
                    result = Err(e);
                }
            }
        }
        if let Ok(out) = &result {
            if graphviz && i.is_multiple_of(o.dot_every) {
                graphviz_runs += 1;
                if let Err(e) = graphviz_check(out) {
                    result = Err(e);
                }
            }
        }
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, i);
        }
        match result {
            Ok(out) => {
                statements += out.quads;
                refused += out.refused.len();
                documents += out.read.len();
            }
            Err(why) => {
                let dir = save(
                    &o.failures,
                    &format!("s{}-i{i}", o.seed),
                    &case,
                    &settings,
                    &why,
                );
                eprintln!(
                    "fuzz: case {i} FAILS: {why}\n      saved to {}",
                    dir.display()
                );
                failures.push((i, why, dir));
            }
        }
        i += 1;
        if last_report.elapsed() > Duration::from_secs(60) {
            last_report = Instant::now();
            eprintln!(
                "fuzz: {i} cases in {:.0} s ({:.0} s of CPU), {} failing",
                start.elapsed().as_secs_f64(),
                cpu_time().unwrap_or_default().as_secs_f64(),
                failures.len()
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "fuzz: seed {}: {i} cases in {secs:.1} s ({:.1}/s; {:.1} s of CPU), {documents} documents read, {refused} inputs refused as they should be, \
         {:.1} MB in, {statements} statements checked in 6 RDF formats; {twice} cases run twice, \
         {rdflib_runs} read by rdflib, {graphviz_runs} laid out by Graphviz; slowest case {} ({:.2} s); {} failing",
        o.seed,
        i as f64 / secs.max(1e-9),
        cpu_time().unwrap_or_default().as_secs_f64(),
        bytes_in as f64 / 1e6,
        slowest.1,
        slowest.0.as_secs_f64(),
        failures.len()
    );
    for (i, why, dir) in &failures {
        println!("  case {i}: {why}\n    input: {}", dir.display());
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
