//! The `kgx` binary: parses arguments, calls the library, prints.

mod cli;

use anyhow::{bail, Context, Result};
use clap::{CommandFactory, Parser};
use cli::{Args, ClusterArg, Command, ExtractArgs, QueryArgs, RenderArgs, ServeArgs};
use kgx::document::{self, InputFormat};
use kgx::export::rdf::{self, RdfFlavor};
use kgx::export::{self, Cluster, DocumentRdf, DotOptions, Format, Statements};
use kgx::graph::select::{self, Filter};
use kgx::query::{Dataset, Input, Printer, ResultsFormat};
use kgx::render::{self, ImageFormat};
use kgx::{Class, Predicate};
use kgx::{KnowledgeGraph, Parse, Pipeline};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// An ASK query answered false: exit 1 with nothing on stderr.
#[derive(Debug)]
struct AskFalse;

impl std::fmt::Display for AskFalse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("false")
    }
}

impl std::error::Error for AskFalse {}

/// Exit codes, as grep's (and clap's for a bad argument): 1 is an ASK query's false, 2 any
/// error, so that `kgx query 'ASK …' && …` tells a "no" from a failure.
const ASK_FALSE: u8 = 1;
const ERROR: u8 = 2;
/// The exit code of a query stopped by --timeout.
const TIMED_OUT: u8 = ERROR;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is::<AskFalse>() => ExitCode::from(ASK_FALSE),
        // A reader that stopped early (`| head`) is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kgx: {}", one_line(&err));
            ExitCode::from(ERROR)
        }
    }
}

/// The error and its causes on one line, each said once: the library's errors already print
/// their cause (`a.txt: No such file or directory (os error 2)`), which anyhow's `{:#}` would
/// repeat after them.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !line.contains(text.trim()) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(text.trim());
        }
    }
    line.replace('\n', " ")
}

/// Reading articles from a terminal looks like a hang: say what kgx waits for.
fn hint_if_terminal_stdin(paths: &[PathBuf]) {
    let reads_stdin = paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprintln!("kgx: reading an article from the terminal (end it with Ctrl-D; or give files, folders, or --help)");
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `--timeout SECONDS` as a duration: positive and finite.
fn time_limit(seconds: f64) -> Result<std::time::Duration> {
    // NaN fails the range test too.
    if !(0.0..=1e9).contains(&seconds) || seconds == 0.0 {
        bail!("--timeout {seconds}: give a positive number of seconds");
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

/// The query stops itself at its time limit (oxigraph checks it as it reads the data, kgx
/// after each row); should anything keep it busy past that — a write to a reader that does
/// not read, a long step of the engine that does not check — the process ends a little later
/// all the same, with the same message and exit code.
fn stop_at_the_latest(limit: std::time::Duration) {
    std::thread::spawn(move || {
        std::thread::sleep(limit + std::time::Duration::from_secs(2));
        eprintln!(
            "kgx: {}",
            kgx::Error::QueryTimeout {
                seconds: limit.as_secs_f64()
            }
        );
        std::process::exit(TIMED_OUT.into());
    });
}

/// Writes to the output file (atomically where it is a regular file), or to stdout.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(path) => export::write_file(path, bytes)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
        }
    }
    Ok(())
}

/// A document as the writer receives it from a worker.
enum Rendered {
    /// Bytes to append (JSON Lines, N-Quads).
    Bytes(Vec<u8>),
    /// Statements for the one serializer of a streamed RDF format (Turtle, TriG, N-Triples).
    Statements(Statements),
}

/// Where streamed output goes: stdout, or an output file committed at the end.
enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(export::OutputFile),
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink> {
        Ok(match path {
            Some(p) => Sink::File(export::OutputFile::create(p)?),
            None => Sink::Stdout(std::io::BufWriter::new(std::io::stdout().lock())),
        })
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::File(f) => f.write_all(bytes),
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => Ok(w.flush()?),
            Sink::File(f) => Ok(f.commit()?),
        }
    }
}

/// A progress bar on stderr: shown only when stderr is a terminal, the work has taken over a
/// second, and --quiet was not given.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    bytes: u64,
    docs: u64,
    by_bytes: bool,
}

impl Progress {
    fn new(files: &[PathBuf], input: InputFormat, quiet: bool) -> Progress {
        let shown = !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
        let bar = shown.then(|| {
            // Text files: articles are counted in advance; JSON Lines: bytes are.
            let total: u64 = match input {
                InputFormat::Text => files.len() as u64,
                InputFormat::Jsonl => files
                    .iter()
                    .filter_map(|f| std::fs::metadata(f).ok())
                    .map(|m| m.len())
                    .sum(),
            };
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total),
                indicatif::ProgressDrawTarget::hidden(),
            );
            let counted = if input == InputFormat::Text {
                "{pos}/{len} articles"
            } else {
                "{bytes}/{total_bytes}"
            };
            let template =
                format!("{{elapsed_precise}} [{{wide_bar}}] {counted} · {{msg}} · eta {{eta}}");
            if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
            bytes: 0,
            docs: 0,
            by_bytes: input == InputFormat::Jsonl,
        }
    }

    /// One more article of `size` bytes is done.
    fn document(&mut self, size: usize) {
        self.docs += 1;
        self.bytes += size as u64;
        let Some(bar) = &self.bar else { return };
        let secs = self.started.elapsed().as_secs_f64();
        if bar.is_hidden() && secs > 1.0 {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        // Counting articles: one step each; counting bytes: the article's text (JSON Lines
        // records are a little longer, so the bar is an estimate there).
        bar.inc(if self.by_bytes { size as u64 } else { 1 });
        if self.docs % 16 == 1 {
            bar.set_message(format!(
                "{:.0} articles/s · {:.1} MB/s",
                self.docs as f64 / secs.max(1e-9),
                self.bytes as f64 / 1e6 / secs.max(1e-9)
            ));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Inputs that could not be read (a binary file, a dangling link, a bad JSON Lines record, a
/// broken store file, an id taken by another input). Without --strict each is a warning
/// naming it and the run goes on, failing at the end; with --strict the first stops the run.
struct Skipped {
    strict: bool,
    count: usize,
}

impl Skipped {
    fn new(strict: bool) -> Skipped {
        Skipped { strict, count: 0 }
    }

    /// Notes an input that could not be read, or stops the run under --strict.
    fn input(&mut self, err: kgx::Error) -> Result<(), kgx::Error> {
        if self.strict {
            return Err(err);
        }
        eprintln!("kgx: warning: skipped {err}");
        self.count += 1;
        Ok(())
    }

    /// Stops a run in which no input could be read, before it writes any output.
    fn ensure_some_read(&self, read: usize) -> Result<()> {
        if read == 0 && self.count > 0 {
            bail!("no input could be read (see the warnings above)");
        }
        Ok(())
    }

    /// Fails the run, after its output is written, when anything was skipped.
    fn finish(&self) -> Result<()> {
        match self.count {
            0 => Ok(()),
            n => bail!("{n} input(s) skipped (named above; --strict stops at the first)"),
        }
    }
}

/// Ontology terms named on the command line (case-insensitive local names).
fn by_local_name<T: Copy>(
    names: &[String],
    all: &[T],
    local_name: impl Fn(T) -> &'static str,
    what: &str,
) -> Result<Vec<T>> {
    names
        .iter()
        .map(|n| {
            all.iter()
                .copied()
                .find(|&t| local_name(t).eq_ignore_ascii_case(n.trim()))
                .with_context(|| {
                    let names: Vec<&str> = all.iter().map(|&t| local_name(t)).collect();
                    format!(
                        "unknown {what} '{n}' (expected one of {})",
                        names.join(", ")
                    )
                })
        })
        .collect()
}

/// Reads every article and merges them into one graph.
fn merged_graph(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    input: InputFormat,
    skipped: &mut Skipped,
) -> Result<KnowledgeGraph> {
    let mut graph = KnowledgeGraph::new();
    let mut ids = document::DocumentIds::default();
    let mut read = 0;
    hint_if_terminal_stdin(paths);
    let files = document::expand_paths_as(paths, input)?;
    for pending in document::articles(files, input) {
        let doc = match pending.and_then(document::Pending::into_document) {
            Ok(doc) => doc,
            Err(e) => {
                skipped.input(e)?;
                continue;
            }
        };
        if let Err(e) = ids.admit(&doc) {
            skipped.input(e)?;
            continue;
        }
        graph.add(&doc, &pipeline.run(&doc).facts());
        read += 1;
    }
    skipped.ensure_some_read(read)?;
    Ok(graph)
}

/// Refuses files named as RDF when articles are expected and no --input-format says to read
/// them as text: `kgx extract s.ttl` would find "entities" in Turtle.
fn refuse_rdf_articles(paths: &[PathBuf]) -> Result<()> {
    for path in paths {
        if let Some(flavor) = kgx::query::rdf_by_name(path) {
            bail!(
                "{}: an RDF file ({}), not articles: query it with `kgx query`, or rename it \
                 (or give `kgx extract` --input-format text) to read it as text",
                path.display(),
                flavor.name()
            );
        }
    }
    Ok(())
}

/// Refuses an output file that is one of the articles read: `kgx extract a.txt -o a.txt` would
/// replace the article with its graph, and `kgx extract news/ -o news/facts.txt`, run again,
/// would read its own last output as an article.
fn refuse_output_over_input(output: &Path, files: &[PathBuf]) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // a new file is no article
    };
    if let Some(file) = files
        .iter()
        .find(|f| f.canonicalize().is_ok_and(|f| f == out))
    {
        bail!(
            "{}: the output is also an article read ({}): write it elsewhere",
            output.display(),
            file.display()
        );
    }
    Ok(())
}

/// A query argument that names a query file (`kgx query q.rq data/`) is a misuse of -F.
fn refuse_query_file_as_query(query: &str) -> Result<()> {
    let path = Path::new(query);
    let named_as_query = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("rq") || e.eq_ignore_ascii_case("sparql"));
    if !query.contains(char::is_whitespace) && (named_as_query || path.is_file()) {
        bail!("'{query}' is a file, not a query: did you mean -F/--query-file {query}?");
    }
    Ok(())
}

/// The RDF format of CONSTRUCT and DESCRIBE answers; `-f q.rq` is the old -f's query file.
fn rdf_answer_format(format: &str) -> Result<RdfFlavor> {
    format.parse().map_err(|e: String| {
        if format.ends_with(".rq") || Path::new(format).is_file() {
            anyhow::anyhow!("-f is --format now: did you mean -F/--query-file {format}?")
        } else {
            anyhow::Error::msg(e)
        }
    })
}

/// What kind of data an article read as text looks like ("RDF", "JSON Lines"), when its input
/// format was not given (`sniffing`).
fn sniff(sniffing: bool, doc: &kgx::Document) -> Option<&'static str> {
    sniffing
        .then(|| document::looks_like_data(&doc.text))
        .flatten()
}

/// Warns when an article read as text looks like data kgx reads in another way.
fn warn_if_data(doc: &kgx::Document, looks_like: Option<&str>) {
    if let Some(kind) = looks_like {
        let hint = if kind == "RDF" {
            "query RDF with `kgx query`"
        } else {
            "did you mean --input-format jsonl?"
        };
        eprintln!(
            "kgx: warning: {} looks like {kind}, not an article (read as text; {hint})",
            doc.source.as_deref().unwrap_or(&doc.id)
        );
    }
}

fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Extract(args) => extract(args),
        Command::Query(args) => query(args),
        Command::Render(args) => render(args),
        Command::Serve(args) => serve(args),
        Command::Completions(args) => completions(args.shell),
        Command::Man => man(),
        Command::Ontology => ontology(),
        Command::Annotate(args) => {
            annotate(&args.paths, &args.input_format, args.output.as_deref())
        }
        Command::Train(args) => train(&args.data, &args.output),
        Command::Eval(args) => eval(&args.gold_dir, args.json, args.details, &args.parse),
    }
}

/// `kgx extract`: articles to a graph, written as one format or added to a store.
fn extract(args: ExtractArgs) -> Result<()> {
    if args.store.is_some() && (args.format.is_some() || args.output.is_some()) {
        bail!("--store DIR writes N-Quads files into DIR: --format and -o do not apply");
    }
    let format: Format = match (&args.format, &args.output) {
        (Some(f), _) => f.parse().map_err(anyhow::Error::msg)?,
        (None, Some(path)) => match (Format::from_path(path), path.extension()) {
            (Some(format), _) => format,
            (None, None) => Format::Json,
            // Guessing would write one format under another's name ("g.svg" holding JSON).
            (None, Some(ext)) => bail!(
                "{}: kgx does not write .{} files: name it .json, .jsonl, .txt, .dot, .ttl, \
                 .nt, .nq, .trig, .rdf or .jsonld, or give --format",
                path.display(),
                ext.to_string_lossy()
            ),
        },
        (None, None) => Format::Json,
    };
    let input: InputFormat = match &args.input_format {
        Some(f) => f.parse().map_err(anyhow::Error::msg)?,
        None => {
            refuse_rdf_articles(&args.paths)?;
            InputFormat::Text
        }
    };
    let parse: Parse = args.parse.parse().map_err(anyhow::Error::msg)?;
    let base = rdf::check_base(&args.base)?;
    let pipeline = Pipeline::embedded()?.with_parse(parse);
    hint_if_terminal_stdin(&args.paths);
    let files = document::expand_paths_as(&args.paths, input)?;
    if let Some(output) = &args.output {
        refuse_output_over_input(output, &files)?;
    }
    let x = Extraction {
        pipeline,
        base,
        jobs: args.jobs,
        progress: Progress::new(&files, input, args.quiet),
        documents: document::articles(files, input),
        skipped: Skipped::new(args.strict),
        sniffing: args.input_format.is_none(),
    };
    let output = args.output.as_deref();
    match args.store {
        Some(dir) => extract_to_store(x, &dir, args.quiet),
        // JSON Lines, N-Quads, N-Triples, Turtle and TriG stream: each document is written
        // as soon as it is done, in input order; the other formats need the merged graph.
        None if matches!(
            format,
            Format::Jsonl
                | Format::Rdf(
                    RdfFlavor::NQuads | RdfFlavor::Turtle | RdfFlavor::TriG | RdfFlavor::NTriples
                )
        ) =>
        {
            extract_streamed(x, format, output)
        }
        None => extract_merged(x, format, output),
    }
}

/// What `kgx extract` reads, and how, whichever way it writes.
struct Extraction<D> {
    pipeline: Pipeline,
    documents: D,
    base: String,
    jobs: usize,
    progress: Progress,
    skipped: Skipped,
    /// Without --input-format, a text that looks like JSON Lines or RDF is warned about.
    sniffing: bool,
}

/// The graph of one document.
fn one_graph(doc: &kgx::Document, analysis: &kgx::Analysis) -> KnowledgeGraph {
    let mut one = KnowledgeGraph::new();
    one.add(doc, &analysis.facts());
    one
}

/// `kgx extract --store DIR`: each document's N-Quads file in the store.
fn extract_to_store(
    x: Extraction<impl Iterator<Item = Result<document::Pending, kgx::Error>>>,
    dir: &Path,
    quiet: bool,
) -> Result<()> {
    let Extraction {
        pipeline,
        documents,
        base,
        jobs,
        mut progress,
        mut skipped,
        sniffing,
    } = x;
    // Each document replaces its own file in the store, whole or not at all:
    // workers write and sync it under a temporary name, and it is renamed into
    // place here, in input order, once its id is known to be its own.
    let writer = kgx::store::StoreWriter::open(dir)?;
    let mut ids = document::DocumentIds::default();
    let mut count = 0usize;
    kgx::corpus::process(
        &pipeline,
        documents,
        jobs,
        |doc, analysis| -> Result<(kgx::Document, kgx::store::StagedDocument)> {
            let nquads = export::render(
                &one_graph(&doc, &analysis),
                pipeline.ontology(),
                Format::Rdf(RdfFlavor::NQuads),
                &base,
            );
            let staged = writer.stage(&doc.id, &nquads)?;
            warn_if_data(&doc, sniff(sniffing, &doc));
            Ok((doc, staged))
        },
        |stored| -> Result<()> {
            let (doc, staged) = match stored {
                Ok(staged) => staged?,
                Err(e) => return Ok(skipped.input(e)?),
            };
            // A refused document's temporary file goes with `staged`.
            if let Err(e) = ids.admit(&doc) {
                return Ok(skipped.input(e)?);
            }
            staged.commit()?;
            progress.document(doc.text.len());
            count += 1;
            Ok(())
        },
    )?;
    progress.finish();
    if !quiet {
        eprintln!("kgx: {count} document(s) stored in {}", dir.display());
    }
    skipped.finish()
}

/// `kgx extract` in a format written per document (JSON Lines, N-Quads, N-Triples, Turtle, TriG).
fn extract_streamed(
    x: Extraction<impl Iterator<Item = Result<document::Pending, kgx::Error>>>,
    format: Format,
    output: Option<&Path>,
) -> Result<()> {
    let Extraction {
        pipeline,
        documents,
        base,
        jobs,
        mut progress,
        mut skipped,
        sniffing,
    } = x;
    // N-Quads and JSON Lines are rendered by the workers; the others' statements are
    // written by one serializer here, so that the prefixes come once, at the top.
    let streamed_rdf = match format {
        Format::Rdf(flavor @ (RdfFlavor::Turtle | RdfFlavor::TriG | RdfFlavor::NTriples)) => {
            Some(flavor)
        }
        _ => None,
    };
    let mut sink = Sink::open(output)?;
    // Used only by Turtle, TriG and N-Triples (it writes nothing it is not given).
    let mut rdf_out = DocumentRdf::new(streamed_rdf.unwrap_or(RdfFlavor::NQuads))?;
    let mut ids = document::DocumentIds::default();
    let mut written = 0usize;
    kgx::corpus::process(
        &pipeline,
        documents,
        jobs,
        |doc, analysis| {
            let one = one_graph(&doc, &analysis);
            let rendered = if format == Format::Jsonl {
                let mut line = export::to_json_document(&one, Some(&doc.id), false);
                line.push('\n');
                Rendered::Bytes(line.into_bytes())
            } else if streamed_rdf.is_some() {
                Rendered::Statements(Statements::of(&one, &base))
            } else {
                Rendered::Bytes(export::render(&one, pipeline.ontology(), format, &base))
            };
            let size = doc.text.len();
            let looks_like = sniff(sniffing, &doc);
            // Only the id and source are needed from here on, not the text.
            let mut doc = doc;
            doc.text = String::new();
            (doc, looks_like, size, rendered)
        },
        |done| -> Result<()> {
            let (doc, looks_like, size, rendered) = match done {
                Ok(done) => done,
                Err(e) => return Ok(skipped.input(e)?),
            };
            if let Err(e) = ids.admit(&doc) {
                return Ok(skipped.input(e)?);
            }
            warn_if_data(&doc, looks_like);
            match rendered {
                Rendered::Bytes(bytes) => sink.write_all(&bytes)?,
                Rendered::Statements(statements) => {
                    sink.write_all(&rdf_out.document(&statements)?)?
                }
            }
            progress.document(size);
            written += 1;
            Ok(())
        },
    )?;
    progress.finish();
    // Nothing read: the output file is left as it was.
    skipped.ensure_some_read(written)?;
    sink.write_all(&rdf_out.finish()?)?;
    sink.finish()?;
    skipped.finish()
}

/// `kgx extract` in a format written from the merged graph (JSON, DOT, RDF/XML, JSON-LD).
fn extract_merged(
    x: Extraction<impl Iterator<Item = Result<document::Pending, kgx::Error>>>,
    format: Format,
    output: Option<&Path>,
) -> Result<()> {
    let Extraction {
        pipeline,
        documents,
        base,
        jobs,
        mut progress,
        mut skipped,
        sniffing,
    } = x;
    let mut graph = KnowledgeGraph::new();
    let mut ids = document::DocumentIds::default();
    let mut read = 0usize;
    kgx::corpus::process(
        &pipeline,
        documents,
        jobs,
        |doc, analysis| (doc, analysis),
        |done| -> Result<()> {
            let (doc, analysis) = match done {
                Ok(done) => done,
                Err(e) => return Ok(skipped.input(e)?),
            };
            if let Err(e) = ids.admit(&doc) {
                return Ok(skipped.input(e)?);
            }
            warn_if_data(&doc, sniff(sniffing, &doc));
            graph.add(&doc, &analysis.facts());
            progress.document(doc.text.len());
            read += 1;
            Ok(())
        },
    )?;
    progress.finish();
    skipped.ensure_some_read(read)?;
    emit(
        output,
        &export::render(&graph, pipeline.ontology(), format, &base),
    )?;
    skipped.finish()
}

/// `kgx query`: a SPARQL query over a store, RDF files or articles.
fn query(args: QueryArgs) -> Result<()> {
    let QueryArgs {
        args,
        query_file,
        file,
        store,
        results,
        format,
        base,
        strict,
        input_format,
        timeout,
    } = args;
    let results_given = results.is_some();
    let format_given = format.is_some();
    let results: ResultsFormat = results
        .as_deref()
        .unwrap_or("table")
        .parse()
        .map_err(anyhow::Error::msg)?;
    let flavor = rdf_answer_format(format.as_deref().unwrap_or("turtle"))?;
    let (sparql, paths) = query_and_data(
        args,
        query_file.or(file.inspect(|_| eprintln!("kgx: warning: --file is now --query-file (-F)"))),
    )?;
    if store.is_some() && !paths.is_empty() {
        bail!("query either a --store or data paths, not both");
    }
    let base = rdf::check_base(&base)?;
    let mut skipped = Skipped::new(strict);
    // How each data path is read: as RDF, or as articles to extract (the query module decides).
    let input = Input::from_option(input_format.as_deref()).map_err(anyhow::Error::msg)?;
    let dataset = match store {
        Some(dir) => Dataset::load_store(&dir, |broken| skipped.input(broken))?,
        None => dataset_of(&input.sort(&paths), &base, &mut skipped)?,
    };
    let mut printer = Printer::new(results, flavor);
    if let Some(seconds) = timeout {
        let limit = time_limit(seconds)?;
        printer = printer.with_timeout(limit);
        stop_at_the_latest(limit);
    }
    // Rows go out as they are found: stdout is buffered, and flushed as rows wait.
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let printed = dataset.print(&sparql, &printer, out, &mut |note| {
        eprintln!("kgx: note: {note}")
    })?;
    // Each answer has one format; one given for the other kind of answer is a
    // mistake worth a word (the answer is out by now, so a warning, not an error).
    if printed.graph && results_given {
        eprintln!("kgx: warning: --results applies to SELECT and ASK answers; this graph went out as --format {}", flavor.name());
    } else if !printed.graph && format_given {
        eprintln!("kgx: warning: --format applies to CONSTRUCT and DESCRIBE answers; this one went out as --results (table by default)");
    }
    skipped.finish()?;
    if printed.boolean == Some(false) {
        return Err(anyhow::Error::new(AskFalse));
    }
    Ok(())
}

/// The query (an argument, or the file of -F) and the data paths (the other arguments).
fn query_and_data(
    args: Vec<String>,
    query_file: Option<PathBuf>,
) -> Result<(String, Vec<PathBuf>)> {
    Ok(match query_file {
        Some(f) => (
            std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?,
            args.iter().map(PathBuf::from).collect(),
        ),
        None => match args.split_first() {
            Some((q, rest)) => {
                refuse_query_file_as_query(q)?;
                (q.clone(), rest.iter().map(PathBuf::from).collect())
            }
            None => bail!("no query: give one as an argument or with -F FILE"),
        },
    })
}

/// An in-memory dataset of RDF files and the graph of articles, extracted here.
fn dataset_of(data: &kgx::query::DataPaths, base: &str, skipped: &mut Skipped) -> Result<Dataset> {
    let dataset = Dataset::new()?;
    for (path, flavor) in &data.rdf {
        dataset.load_file_as(path, *flavor)?;
    }
    if !data.articles.is_empty() {
        let pipeline = Pipeline::embedded()?;
        let graph = merged_graph(&pipeline, &data.articles, data.articles_as, skipped)?;
        dataset.insert(&rdf::quads(&graph, base))?;
    }
    Ok(dataset)
}

/// `kgx render`: a diagram of the articles' graph.
fn render(args: RenderArgs) -> Result<()> {
    let RenderArgs {
        paths,
        output,
        format,
        layout,
        no_views,
        focus,
        depth,
        relations,
        types,
        min_confidence,
        cluster,
        top,
        no_legend,
        strict,
    } = args;
    // An entity is drawn with another it shares a fact with: fewer than two draw nothing, and
    // the empty diagram's warning would blame the articles.
    if let Some(n @ (0 | 1)) = top {
        bail!("--top {n}: give 2 or more (an entity is drawn beside one it shares a fact with)");
    }
    let format = image_format(format.as_deref(), output.as_deref())?;
    if output.is_none()
        && matches!(format, ImageFormat::Png | ImageFormat::Pdf)
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        bail!("refusing to write a binary image to a terminal: use -o FILE");
    }
    let relations = by_local_name(&relations, &Predicate::ALL, |p| p.local_name(), "relation")?;
    let types = by_local_name(&types, &Class::ALL, |c| c.local_name(), "type")?;
    let pipeline = Pipeline::embedded()?;
    let mut skipped = Skipped::new(strict);
    refuse_rdf_articles(&paths)?;
    let graph = merged_graph(&pipeline, &paths, InputFormat::Text, &mut skipped)?;
    let filter = Filter {
        focus: focus.clone(),
        depth,
        relations,
        types,
        min_confidence,
        views: !no_views,
    };
    let mut selection = select::select(&graph, &filter);
    if let Some(name) = &focus {
        if selection.nodes.is_empty() {
            bail!("no entity named '{name}' to focus on");
        }
    }
    if let Some(n) = top {
        selection = select::top(&graph, &selection, n, filter.focus.as_deref());
    }
    let nodes = selection.nodes.len();
    // Who chose --top N chose the size: no hint to choose one.
    say_if_unreadable(nodes, &filter, top.is_none());
    let options = DotOptions {
        selection: Some(selection),
        cluster: match cluster {
            None => Cluster::None,
            Some(ClusterArg::Doc) => Cluster::Doc,
            Some(ClusterArg::Org) => Cluster::Org,
        },
        no_legend,
    };
    let dot = export::to_dot_with(&graph, pipeline.ontology(), &options);
    let layout = layout.unwrap_or_else(|| render::default_layout(nodes).to_string());
    let bytes = render::render(&dot, format, &layout)?;
    emit(output.as_deref(), &bytes)?;
    skipped.finish()
}

/// The diagram format: --format, else the output name's extension, else DOT.
fn image_format(format: Option<&str>, output: Option<&Path>) -> Result<ImageFormat> {
    Ok(match (format, output) {
        (Some(f), _) => f.parse().map_err(anyhow::Error::msg)?,
        (None, Some(path)) => match (ImageFormat::from_path(path), path.extension()) {
            (Some(format), _) => format,
            (None, None) => ImageFormat::Dot,
            (None, Some(ext)) => bail!(
                "{}: kgx does not draw .{} files: name it .dot, .svg, .png or .pdf, \
             or give --format",
                path.display(),
                ext.to_string_lossy()
            ),
        },
        (None, None) => ImageFormat::Dot,
    })
}

/// A diagram too big to read, or empty, is worth a word on stderr.
fn say_if_unreadable(nodes: usize, filter: &Filter, hint_top: bool) {
    if hint_top && nodes > render::READABLE_ENTITIES {
        eprintln!(
            "kgx: hint: {nodes} entities are too many to read in one diagram: \
         --top 40 draws the 40 most connected, --focus NAME one entity's \
         neighbourhood, --no-views leaves out the opinions"
        );
    }
    if nodes == 0 {
        let filtered =
            !filter.relations.is_empty() || !filter.types.is_empty() || filter.min_confidence > 0.0;
        eprintln!(
            "kgx: warning: {}: the diagram is empty",
            if filtered {
                "no entity is left after --types, --relations and --min-confidence"
            } else {
                "the articles gave no entities"
            }
        );
    }
}

/// `kgx completions SHELL`: a completion script, from the clap definitions.
fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Args::command(), "kgx", &mut stdout);
    Ok(stdout.flush()?)
}

/// `kgx man`: the man page, from the clap definitions.
fn man() -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    clap_mangen::Man::new(Args::command()).render(&mut stdout)?;
    Ok(stdout.flush()?)
}

/// `kgx ontology`: the embedded ontology.
fn ontology() -> Result<()> {
    emit(None, kgx::vocab::ONTOLOGY_TTL.as_bytes())
}

/// `kgx eval`: scores the pipeline on a gold folder.
fn eval(gold_dir: &Path, json: bool, details: bool, parse: &str) -> Result<()> {
    let parse: Parse = parse.parse().map_err(anyhow::Error::msg)?;
    let pipeline = Pipeline::embedded()?.with_parse(parse);
    let report = kgx::eval::evaluate(&pipeline, gold_dir)?;
    for warning in &report.warnings {
        eprintln!("kgx: warning: {warning}");
    }
    let text = if json {
        report.to_json()
    } else {
        report.to_table(details)
    };
    emit(None, text.as_bytes())?;
    // Unreadable articles were scored as all misses; the figures stand, the run fails.
    for error in &report.errors {
        eprintln!("kgx: {error}");
    }
    if !report.errors.is_empty() {
        bail!("{} article(s) could not be read", report.errors.len());
    }
    Ok(())
}

/// `kgx serve`: loads the data, serves until SIGINT or SIGTERM.
fn serve(args: ServeArgs) -> Result<()> {
    use kgx::serve;
    if args.store.is_some() && !args.paths.is_empty() {
        bail!("serve either a --store or data paths, not both");
    }
    let bind: std::net::SocketAddr = args
        .bind
        .parse()
        .with_context(|| format!("--bind '{}': expected ADDRESS:PORT", args.bind))?;
    if !(args.timeout > 0.0 && args.timeout <= 86_400.0) {
        bail!("--timeout must be between 0 and 86400 seconds");
    }
    let base = rdf::check_base(&args.base)?;
    let input = Input::from_option(args.input_format.as_deref()).map_err(anyhow::Error::msg)?;
    if args.store.is_none() && args.paths.is_empty() {
        bail!("nothing to serve: give articles, RDF files or --store DIR");
    }
    let pipeline = Pipeline::embedded()?;
    let mut skipped = Skipped::new(args.strict);
    let (dataset, explorer) = serve::load(
        args.store.as_deref(),
        &args.paths,
        input,
        &pipeline,
        &base,
        |broken| skipped.input(broken),
    )?;
    let quads = dataset.len()?;
    let options = serve::Options {
        bind,
        limits: serve::Limits {
            timeout: std::time::Duration::from_secs_f64(args.timeout),
            max_rows: args.max_rows,
            max_running: 16,
        },
        max_body: 1 << 20,
        max_connections: 256,
    };
    let site = serve::Site::new(dataset, explorer, pipeline.ontology().clone(), options);
    let (stop, stopped) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .context("installing the Ctrl-C handler")?;
    serve::serve(site, stopped, |addr| {
        eprintln!(
            "kgx: serving {quads} statements at http://{addr}/ (SPARQL at /sparql); Ctrl-C stops"
        );
        if !addr.ip().is_loopback() {
            eprintln!(
                "kgx: warning: {addr} is not loopback: anyone who reaches it can read the data"
            );
        }
    })?;
    eprintln!("kgx: stopped");
    skipped.finish()
}

/// `kgx annotate`: the backbone's reading as CoNLL-U.
fn annotate(paths: &[PathBuf], input_format: &str, output: Option<&Path>) -> Result<()> {
    hint_if_terminal_stdin(paths);
    let pipeline = Pipeline::embedded()?;
    let conllu = match input_format {
        "conllu" => true,
        "text" => false,
        other => bail!("unknown input format {other:?}: use text or conllu"),
    };
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    let mut out = String::new();
    if conllu {
        for path in paths {
            let text = document::read_document(path)?.text;
            let sentences = kgx::model::conllu::parse(&text)
                .with_context(|| format!("reading {} as CoNLL-U", path.display()))?;
            for mut s in sentences {
                pipeline.backbone().annotate(&mut s, pipeline.ontology());
                kgx::model::conllu::write(&mut out, &s);
            }
        }
    } else {
        for doc in document::read_documents(paths)? {
            out.push_str(&pipeline.annotate_document(&doc));
        }
    }
    emit(output, out.as_bytes())
}

/// `kgx train`: rebuilds the models from the treebanks.
fn train(data: &Path, output: &Path) -> Result<()> {
    let ontology = kgx::Ontology::embedded()?;
    let trained = kgx::model::train::train(data, &ontology, &mut |line| eprintln!("{line}"))?;
    std::fs::create_dir_all(output).with_context(|| format!("creating {}", output.display()))?;
    for (name, bytes) in [
        ("tagger.kgxw", trained.tagger.to_bytes()),
        ("recogniser.kgxw", trained.recogniser.to_bytes()),
        ("parser.kgxp", trained.parser.parser().to_bytes()),
    ] {
        let path = output.join(name);
        export::write_file(&path, &bytes)?;
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}

/// mimalloc: the pipeline makes many small, short-lived allocations per article (labels,
/// mentions, facts), which it serves faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
