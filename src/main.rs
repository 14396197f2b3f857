//! The `kgx` binary: parses arguments, calls the library, prints.

mod cli;

use anyhow::{Context, Result};
use clap::Parser;
use cli::{Args, Command};
use kgx::export::{self, Format};
use kgx::{document, KnowledgeGraph, Pipeline};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(e) = err.downcast_ref::<std::io::Error>() {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            eprintln!("kgx: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Extract {
            paths,
            format,
            output,
        } => {
            let format: Format = format.parse().map_err(anyhow::Error::msg)?;
            let pipeline = Pipeline::embedded()?;
            let files = document::expand_paths(&paths)?;
            let mut out = String::new();
            let mut merged = KnowledgeGraph::new();
            for path in &files {
                let doc = document::read_document(path)
                    .with_context(|| format!("reading {}", path.display()))?;
                let analysis = pipeline.run(&doc);
                if format == Format::Jsonl {
                    let mut one = KnowledgeGraph::new();
                    one.add(&doc, &analysis);
                    let mut v = export::to_json_value(&one);
                    v["doc"] = serde_json::Value::String(doc.id.clone());
                    out.push_str(&v.to_string());
                    out.push('\n');
                } else {
                    merged.add(&doc, &analysis);
                }
            }
            if format != Format::Jsonl {
                out = export::render(&merged, pipeline.ontology(), format);
            }
            match output {
                Some(path) => export::write_atomic(&path, out.as_bytes())?,
                None => {
                    let mut stdout = std::io::stdout().lock();
                    stdout.write_all(out.as_bytes())?;
                    stdout.flush()?;
                }
            }
            Ok(())
        }
        Command::Ontology => {
            print!("{}", kgx::ontology::ONTOLOGY_TTL);
            Ok(())
        }
    }
}
