//! Command-line arguments (clap derive types only).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// kgx: extract a knowledge graph (who works where, who released what, who said what) from news articles.
#[derive(Debug, Parser)]
#[command(name = "kgx", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract a graph from articles: text files, folders (their .txt and .md files), or - for stdin.
    Extract {
        /// Articles; none reads stdin.
        paths: Vec<PathBuf>,
        /// Output format: json, jsonl (one object per article) or dot.
        #[arg(short, long, default_value = "json")]
        format: String,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the ontology (Turtle).
    Ontology,
}
