//! Drawing diagrams: kgx writes DOT itself; SVG, PNG and PDF are laid out by Graphviz, run as
//! a separate program (`dot`, or `sfdp` for large graphs).

use crate::error::Error;
use std::io::Write;
use std::process::{Command, Stdio};
use std::str::FromStr;

/// A diagram format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// Graphviz source, written by kgx (needs nothing installed).
    Dot,
    /// Scalable vector graphics, with tooltips.
    Svg,
    /// A bitmap.
    Png,
    /// A PDF page.
    Pdf,
}

impl FromStr for ImageFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "dot" | "gv" => Ok(ImageFormat::Dot),
            "svg" => Ok(ImageFormat::Svg),
            "png" => Ok(ImageFormat::Png),
            "pdf" => Ok(ImageFormat::Pdf),
            other => Err(format!(
                "unknown diagram format '{other}' (expected dot, svg, png or pdf)"
            )),
        }
    }
}

impl ImageFormat {
    /// The format an output file name implies (`graph.svg` → SVG).
    pub fn from_path(path: &std::path::Path) -> Option<ImageFormat> {
        path.extension()?.to_str()?.parse().ok()
    }

    fn graphviz_flag(self) -> &'static str {
        match self {
            ImageFormat::Dot => "-Tcanon",
            ImageFormat::Svg => "-Tsvg",
            ImageFormat::Png => "-Tpng",
            ImageFormat::Pdf => "-Tpdf",
        }
    }
}

/// Graph layouts Graphviz offers.
pub const LAYOUTS: &[&str] = &["dot", "sfdp", "neato", "fdp", "circo", "twopi"];

/// Above this many entities, a diagram drawn whole is too big to read on a screen: `kgx
/// render` says so, and suggests `--top` or `--focus`.
pub const READABLE_ENTITIES: usize = 80;

/// The layout for a graph of `nodes` entities when none is chosen: `dot` reads best while
/// the graph is small; past that its ranks grow into a strip many screens long, and `sfdp`
/// (with the overlap removal and spacing the DOT asks for) spreads the graph out evenly.
pub fn default_layout(nodes: usize) -> &'static str {
    if nodes > 60 {
        "sfdp"
    } else {
        "dot"
    }
}

/// Lays out DOT text with Graphviz and returns the image bytes. DOT itself is returned as is.
pub fn render(dot: &str, format: ImageFormat, layout: &str) -> Result<Vec<u8>, Error> {
    if format == ImageFormat::Dot {
        return Ok(dot.as_bytes().to_vec());
    }
    if !LAYOUTS.contains(&layout) {
        return Err(Error::Graphviz {
            message: format!(
                "unknown layout '{layout}' (expected one of {})",
                LAYOUTS.join(", ")
            ),
        });
    }
    let mut child = Command::new(layout)
        .arg(format.graphviz_flag())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::GraphvizMissing {
                program: layout.to_string(),
            },
            _ => Error::Graphviz {
                message: format!("running {layout}: {e}"),
            },
        })?;
    // Write on a thread so a large diagram cannot deadlock against Graphviz's output.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| Error::Graphviz {
        message: format!("running {layout}: {e}"),
    })?;
    let written = writer.join().unwrap_or(Ok(()));
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::Graphviz {
            message: format!(
                "{layout} failed: {}",
                stderr.lines().next().unwrap_or("no message")
            ),
        });
    }
    written.map_err(|e| Error::Graphviz {
        message: format!("writing to {layout}: {e}"),
    })?;
    Ok(output.stdout)
}
