//! The `kgx` binary: parses arguments, calls the library, prints.

mod cli;

use anyhow::{bail, Context, Result};
use clap::Parser;
use cli::{Args, ClusterArg, Command};
use kgx::export::{self, Cluster, DotOptions, Format};
use kgx::graph::select::{self, Filter};
use kgx::ontology::{Class, Predicate};
use kgx::render::{self, ImageFormat};
use kgx::{document, KnowledgeGraph, Pipeline};
use std::io::Write;
use std::path::{Path, PathBuf};
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

/// Writes to the output file atomically, or to stdout.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(path) => export::write_atomic(path, bytes)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
        }
    }
    Ok(())
}

/// Reads every article and merges them into one graph.
fn merged_graph(pipeline: &Pipeline, paths: &[PathBuf]) -> Result<KnowledgeGraph> {
    let mut graph = KnowledgeGraph::new();
    for path in document::expand_paths(paths)? {
        let doc = document::read_document(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        graph.add(&doc, &pipeline.run(&doc));
    }
    Ok(graph)
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
            let out = if format == Format::Jsonl {
                let mut out = String::new();
                for path in document::expand_paths(&paths)? {
                    let doc = document::read_document(&path)
                        .with_context(|| format!("reading {}", path.display()))?;
                    let mut one = KnowledgeGraph::new();
                    one.add(&doc, &pipeline.run(&doc));
                    let mut v = export::to_json_value(&one);
                    v["doc"] = serde_json::Value::String(doc.id.clone());
                    out.push_str(&v.to_string());
                    out.push('\n');
                }
                out
            } else {
                export::render(
                    &merged_graph(&pipeline, &paths)?,
                    pipeline.ontology(),
                    format,
                )
            };
            emit(output.as_deref(), out.as_bytes())
        }
        Command::Render {
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
            no_legend,
        } => {
            let format = match (&format, &output) {
                (Some(f), _) => f.parse().map_err(anyhow::Error::msg)?,
                (None, Some(path)) => ImageFormat::from_path(path).unwrap_or(ImageFormat::Dot),
                (None, None) => ImageFormat::Dot,
            };
            if output.is_none()
                && matches!(format, ImageFormat::Png | ImageFormat::Pdf)
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
            {
                bail!("refusing to write a binary image to a terminal: use -o FILE");
            }
            let relations = relations
                .iter()
                .map(|r| {
                    Predicate::ALL
                        .into_iter()
                        .find(|p| p.local_name().eq_ignore_ascii_case(r.trim()))
                        .with_context(|| format!("unknown relation '{r}'"))
                })
                .collect::<Result<Vec<_>>>()?;
            let types = types
                .iter()
                .map(|t| {
                    Class::ALL
                        .into_iter()
                        .find(|c| c.local_name().eq_ignore_ascii_case(t.trim()))
                        .with_context(|| format!("unknown type '{t}'"))
                })
                .collect::<Result<Vec<_>>>()?;
            let pipeline = Pipeline::embedded()?;
            let graph = merged_graph(&pipeline, &paths)?;
            let filter = Filter {
                focus: focus.clone(),
                depth,
                relations,
                types,
                min_confidence,
                views: !no_views,
            };
            let selection = select::select(&graph, &filter);
            if let Some(name) = &focus {
                if selection.nodes.is_empty() {
                    bail!("no entity named '{name}' to focus on");
                }
            }
            let nodes = selection.nodes.len();
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
            emit(output.as_deref(), &bytes)
        }
        Command::Ontology => {
            print!("{}", kgx::ontology::ONTOLOGY_TTL);
            Ok(())
        }
    }
}
