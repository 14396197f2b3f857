//! Command-line arguments (clap derive types only).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// kgx: extract a knowledge graph (who works where, who released what, who said what) from news articles.
#[derive(Debug, Parser)]
#[command(name = "kgx", version, about, after_help = EXIT_CODES)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The exit codes, as grep's (also in the README).
const EXIT_CODES: &str =
    "Exit status: 0 on success (and when an ASK query answers true), 1 when an \
ASK query answers false, 2 on any error (a bad argument, an input that could not be read, a \
query past its --timeout).";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract a graph from articles: text files, folders (their .txt and .md files), or - for stdin.
    #[command(after_help = "Examples:
  kgx extract article.txt                      the graph as JSON
  kgx extract --format text article.txt        each fact and its sentence, to read
  kgx extract news/ -o graph.ttl               a folder as Turtle (the format from the name)
  kgx extract --input-format jsonl corpus.jsonl --store kg/
  kgx extract -f nquads -j 4 news/ > graph.nq")]
    Extract(ExtractArgs),
    /// Run a SPARQL 1.1 query over a store, RDF files, or articles (extracted on the fly).
    #[command(after_help = "Examples:
  kgx query 'SELECT ?p ?o WHERE { ?p kgx:affiliatedWith ?o }' article.txt
  kgx query -F examples/queries/releases.rq --store kg/ -r csv
  kgx query 'CONSTRUCT WHERE { ?s kgx:released ?o }' graph.ttl -f ntriples
  kgx query 'ASK { ?s kgx:released ?o }' article.txt && echo yes

Exit status: 0 (ASK: true), 1 (ASK: false), 2 on an error.")]
    Query(QueryArgs),
    /// Serve the graph read-only: a SPARQL 1.1 Protocol endpoint at /sparql and a web page to
    /// explore entities, facts and their evidence at /.
    #[command(after_help = "Examples:
  kgx serve news/                              extract, then serve at http://127.0.0.1:7878/
  kgx serve --store kg/ --bind 127.0.0.1:8080
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
       http://127.0.0.1:7878/sparql")]
    Serve(ServeArgs),
    /// Draw the graph of articles as a diagram (DOT by kgx; SVG, PNG, PDF through Graphviz).
    #[command(after_help = "Examples:
  kgx render article.txt -o graph.svg          SVG (the format from the name)
  kgx render news/ --focus 'Qiu Xipeng' --depth 2 -o qiu.png
  kgx render news/ --top 40 --no-views -o overview.svg
  kgx render news/ --types Person,Lab --relations affiliatedWith -o people.pdf")]
    Render(RenderArgs),
    /// Show what the learned backbone reads: CoNLL-U with UPOS, HEAD, DEPREL and names in MISC
    /// (NER=B-PER, I-ORG, O, …).
    #[command(after_help = "Examples:
  kgx annotate article.txt
  kgx annotate --input-format conllu en_ewt-ud-dev.conllu -o predicted.conllu")]
    Annotate(AnnotateArgs),
    /// Retrain the tagger, recogniser and parser from the treebanks and write their weights.
    #[command(after_help = "Examples:
  kgx train data/                              writes src/data/model/*
  kgx train data/ -o /tmp/model")]
    Train(TrainArgs),
    /// Score kgx against articles you annotated: each NAME.txt in GOLD_DIR is extracted and
    /// compared with NAME.gold.json (format: docs/gold-format.md). Prints precision, recall and
    /// F1 per relation (the figures of the project's score.py).
    #[command(
        after_help = "Examples:\n  kgx eval tests/data/gold\n  kgx eval tests/data/gold --details\n  kgx eval my-gold/ --json > scores.json"
    )]
    Eval(EvalArgs),
    /// Print the ontology (Turtle).
    #[command(after_help = "Examples:
  kgx ontology > kgx.ttl
  kgx ontology | grep -A3 'kgx:affiliatedWith'")]
    Ontology,
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  kgx completions bash > ~/.local/share/bash-completion/completions/kgx
  kgx completions zsh > ~/.zfunc/_kgx
  kgx completions fish > ~/.config/fish/completions/kgx.fish")]
    Completions(CompletionsArgs),
    /// Print kgx's man page (roff).
    #[command(after_help = "Examples:
  kgx man > kgx.1 && man ./kgx.1
  kgx man | gzip > /usr/local/share/man/man1/kgx.1.gz")]
    Man,
}

/// Grouping for `render --cluster`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClusterArg {
    /// One box per source document.
    Doc,
    /// One box per organisation.
    Org,
}

/// The arguments of `kgx extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Articles; none reads stdin.
    pub paths: Vec<PathBuf>,
    /// Output format: json, jsonl (one object per article), dot, text (each fact with its
    /// role or claim and sentence, for reading), or RDF: turtle, ntriples,
    /// nquads, trig, rdfxml, jsonld. jsonl, nquads, ntriples, turtle and trig are written
    /// per article as it is done, in flat memory; json, dot, rdfxml and jsonld are written
    /// from the merged graph, held whole in memory (RDF/XML and JSON-LD: over 100 times the
    /// input). Default: from the output file's extension (g.ttl: Turtle), else json.
    #[arg(short, long)]
    pub format: Option<String>,
    /// Write to this file instead of stdout (a regular file is replaced atomically; a device,
    /// FIFO or /dev/stdout is written through); its extension sets the format.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Base of entity, document and fact IRIs in RDF output: an absolute IRI (one ending in
    /// neither / nor # gets a /).
    #[arg(long, default_value = kgx::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Add the articles to the on-disk store DIR instead of printing (re-adding a document
    /// replaces its facts).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Worker threads (0: all cores). Output is the same for any number.
    #[arg(short, long, default_value_t = 0)]
    pub jobs: usize,
    /// How the input holds articles: text (one per file) or jsonl (one {"id", "text", …}
    /// record per line, read as a stream; other fields are kept as document metadata).
    /// Without it, text, but a file named as RDF (.ttl, .nq, .turtle, …) is refused and a
    /// text that looks like JSON Lines or RDF is warned about.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// No progress bar, no summary of what was stored.
    #[arg(short, long)]
    pub quiet: bool,
    /// Stop at the first article that cannot be read (by default it is skipped with a
    /// warning naming it, and the run exits non-zero at the end).
    #[arg(long)]
    pub strict: bool,
    /// Which sentences the dependency parser reads: candidates (a second look at sentences
    /// where a dependency pattern could add a fact the token windows missed), none (token
    /// windows only: twice as fast, fewer facts) or all.
    #[arg(long, default_value = "candidates", value_name = "WHICH")]
    pub parse: String,
}

/// The arguments of `kgx query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The query, then the data: RDF files (.ttl, .nt, .nq, .trig, .rdf, .owl, .jsonld, …) or articles
    /// (files, folders; extracted on the fly). With -F, every argument is data.
    #[arg(value_name = "QUERY | PATH")]
    pub args: Vec<String>,
    /// How to read the data paths: text or jsonl (articles, extracted on the fly), or an
    /// RDF format (turtle, ntriples, nquads, trig, rdfxml, jsonld). Without it, files named
    /// as RDF (.ttl, .nt, .nq, .trig, .rdf, .owl, .jsonld, .turtle, .ntriples, .nquads,
    /// .rdfxml) are read as RDF and the others as articles.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// Read the query from this file (every argument is then data).
    #[arg(short = 'F', long = "query-file", value_name = "FILE")]
    pub query_file: Option<PathBuf>,
    /// The old spelling of --query-file: still read, with a warning.
    #[arg(
        long = "file",
        value_name = "FILE",
        hide = true,
        conflicts_with = "query_file"
    )]
    pub file: Option<PathBuf>,
    /// Query the store DIR (made by `kgx extract --store DIR`).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// SELECT/ASK output: table, csv, tsv, json or xml. All print rows as they are found;
    /// the table measures its columns on the first 10,000 rows, then prints as rows come.
    /// [default: table]
    #[arg(short, long)]
    pub results: Option<String>,
    /// CONSTRUCT/DESCRIBE output: turtle, ntriples, nquads, trig, rdfxml or jsonld.
    /// [default: turtle]
    #[arg(short, long)]
    pub format: Option<String>,
    /// Base of entity IRIs for articles extracted on the fly (as for extract).
    #[arg(long, default_value = kgx::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Stop at the first article or store file that cannot be read (by default it is
    /// skipped with a warning naming it, the query answers from the rest, and kgx exits
    /// non-zero at the end).
    #[arg(long)]
    pub strict: bool,
    /// Stop the query after this many seconds of running and printing (loading the data
    /// is not counted), with a message and exit code 2. Answers print as they are found,
    /// so what came before the limit is out.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

/// The arguments of `kgx serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Data: RDF files (.ttl, .nt, .nq, …) or articles (files, folders; extracted on the fly).
    pub paths: Vec<PathBuf>,
    /// Serve the store DIR (made by `kgx extract --store DIR`).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// The address to listen on (loopback by default; another address exposes the data
    /// to the network).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub bind: String,
    /// Longest a query may run, in seconds (past it: 503).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Most rows (or triples) an answer may have (past it: 503).
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_rows: usize,
    /// How to read the data paths (as for query).
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// Base of entity IRIs for articles extracted on the fly (as for extract).
    #[arg(long, default_value = kgx::vocab::DEFAULT_BASE)]
    pub base: String,
    /// Stop at the first article or store file that cannot be read.
    #[arg(long)]
    pub strict: bool,
}

/// The arguments of `kgx render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Articles; none reads stdin.
    pub paths: Vec<PathBuf>,
    /// Write to this file instead of stdout (a regular file is replaced atomically; a device,
    /// FIFO or /dev/stdout is written through); its extension sets the format.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// dot, svg, png or pdf (default: from the output name, else dot).
    #[arg(short, long)]
    pub format: Option<String>,
    /// Graphviz layout: dot, sfdp, neato, fdp, circo or twopi (default: dot, sfdp above 60
    /// entities).
    #[arg(long)]
    pub layout: Option<String>,
    /// Leave out views (holdsView facts and their topics).
    #[arg(long)]
    pub no_views: bool,
    /// Draw only this entity (label or alias) and its neighbourhood.
    #[arg(long)]
    pub focus: Option<String>,
    /// Steps from the focus entity.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Only these relations, comma-separated (e.g. affiliatedWith,released).
    #[arg(long, value_delimiter = ',')]
    pub relations: Vec<String>,
    /// Only entities of these classes, comma-separated (e.g. Person,Lab; Organization includes its kinds).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// Leave out facts below this confidence.
    #[arg(long, default_value_t = 0.0)]
    pub min_confidence: f32,
    /// Group entities into boxes per source document or per organisation.
    #[arg(long, value_enum)]
    pub cluster: Option<ClusterArg>,
    /// Draw only the N most connected entities (by how many others they share facts
    /// with) and the facts between them; one that shares no fact with the others drawn is
    /// passed over for the next.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Stop at the first article that cannot be read (by default it is skipped with a
    /// warning naming it, and the run exits non-zero at the end).
    #[arg(long)]
    pub strict: bool,
}

/// The arguments of `kgx annotate`.
#[derive(Debug, clap::Args)]
pub struct AnnotateArgs {
    /// Articles or CoNLL-U files; none reads stdin.
    pub paths: Vec<PathBuf>,
    /// text (split into sentences and tokens by kgx) or conllu (keep the given sentences and
    /// words, fill the columns from kgx's predictions).
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub input_format: String,
    /// Write to this file instead of stdout (a regular file is replaced atomically; a device,
    /// FIFO or /dev/stdout is written through).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// The arguments of `kgx train`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// The folder holding ud-ewt/, gum/ and uner-ewt/.
    pub data: PathBuf,
    /// Where to write tagger.kgxw, recogniser.kgxw and parser.kgxp (the parser's run-time tables)
    /// (src/data/model to embed them).
    #[arg(short, long, default_value = "src/data/model")]
    pub output: PathBuf,
}

/// The arguments of `kgx eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The folder of NAME.txt and NAME.gold.json pairs.
    pub gold_dir: PathBuf,
    /// Print JSON (the keys of score.py --json, plus each article's misses and spurious facts).
    #[arg(long)]
    pub json: bool,
    /// After the table, list each article's missed and spurious facts.
    #[arg(short, long)]
    pub details: bool,
    /// Which sentences the dependency parser reads (as for extract).
    #[arg(long, default_value = "candidates", value_name = "WHICH")]
    pub parse: String,
}

/// The arguments of `kgx completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
}
