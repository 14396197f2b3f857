//! What a data path holds: RDF to load, or articles to extract first. `kgx query` and `kgx
//! serve` read their paths through [`Input::sort`]; `kgx extract` and `kgx render` ask
//! [`rdf_by_name`] to refuse RDF given as articles.

use crate::document::InputFormat;
use crate::export::rdf::RdfFlavor;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How to read data paths (`--input-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Files named as RDF (by extension) as RDF, the others as text articles.
    ByName,
    /// Every path as articles in this format.
    Articles(InputFormat),
    /// Every path as RDF in this format.
    Rdf(RdfFlavor),
}

impl FromStr for Input {
    type Err = String;

    /// An article format (text, jsonl) or an RDF one (turtle, ntriples, …).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse()
            .map(Input::Articles)
            .or_else(|_| s.parse().map(Input::Rdf))
            .map_err(|_| {
                format!(
                    "unknown input format '{s}' (expected text, jsonl, turtle, ntriples, \
                     nquads, trig, rdfxml or jsonld)"
                )
            })
    }
}

impl Input {
    /// `--input-format`, or by name when it is not given.
    pub fn from_option(format: Option<&str>) -> Result<Input, String> {
        format.map_or(Ok(Input::ByName), str::parse)
    }

    /// Sorts data paths into RDF files and articles. RDF in a named format with no path comes
    /// from standard input (`-`); without one, no path means articles on standard input.
    pub fn sort(self, paths: &[PathBuf]) -> DataPaths {
        let mut sorted = DataPaths {
            rdf: Vec::new(),
            articles: Vec::new(),
            articles_as: match self {
                Input::Articles(format) => format,
                _ => InputFormat::Text,
            },
        };
        if paths.is_empty() {
            match self {
                Input::Rdf(flavor) => sorted.rdf.push((PathBuf::from("-"), flavor)),
                _ => sorted.articles.push(PathBuf::from("-")),
            }
        }
        for path in paths {
            match self {
                Input::Rdf(flavor) => sorted.rdf.push((path.clone(), flavor)),
                Input::ByName => match rdf_by_name(path) {
                    Some(flavor) => sorted.rdf.push((path.clone(), flavor)),
                    None => sorted.articles.push(path.clone()),
                },
                Input::Articles(_) => sorted.articles.push(path.clone()),
            }
        }
        sorted
    }
}

/// Data paths sorted by what they hold, each list in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataPaths {
    /// RDF files and their formats (`-`: standard input).
    pub rdf: Vec<(PathBuf, RdfFlavor)>,
    /// Article files and folders (`-`: standard input).
    pub articles: Vec<PathBuf>,
    /// How the articles are held.
    pub articles_as: InputFormat,
}

/// The RDF format a path's name gives (`.ttl`, `.nt`, `.nq`, `.trig`, `.rdf`, `.owl`,
/// `.jsonld`, …), for a regular file: a folder named `x.ttl` holds articles.
pub fn rdf_by_name(path: &Path) -> Option<RdfFlavor> {
    RdfFlavor::from_path(path).filter(|_| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_by_name_or_by_the_named_format() {
        let dir = std::env::temp_dir().join(format!("kgx-input-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("folder.ttl")).unwrap();
        let ttl = dir.join("g.ttl");
        std::fs::write(&ttl, "").unwrap();
        let txt = dir.join("a.txt");
        let folder = dir.join("folder.ttl");
        let paths = [ttl.clone(), txt.clone(), folder.clone()];
        let by_name = Input::ByName.sort(&paths);
        assert_eq!(by_name.rdf, [(ttl.clone(), RdfFlavor::Turtle)]);
        assert_eq!(by_name.articles, [txt.clone(), folder.clone()]);
        let jsonl: Input = "jsonl".parse().unwrap();
        let as_jsonl = jsonl.sort(&paths);
        assert!(as_jsonl.rdf.is_empty() && as_jsonl.articles_as == InputFormat::Jsonl);
        let nt: Input = "ntriples".parse().unwrap();
        assert_eq!(
            nt.sort(&[]).rdf,
            [(PathBuf::from("-"), RdfFlavor::NTriples)]
        );
        assert_eq!(Input::ByName.sort(&[]).articles, [PathBuf::from("-")]);
        assert!("csv"
            .parse::<Input>()
            .unwrap_err()
            .contains("expected text, jsonl, turtle"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
