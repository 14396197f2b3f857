//! The README's commands, run against the built binary (the way trycmd runs a README): blocks
//! after a `<!-- readme-test: run -->` line run each command, which must succeed; blocks after
//! `<!-- readme-test: output -->` hold `$ command` lines, each followed by its exact output.
//! They run with `kgx` on PATH, in a temporary folder holding a copy of `examples/`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A marked block: its kind, the README line it starts on, and its lines.
struct Block {
    kind: &'static str,
    line: usize,
    lines: Vec<String>,
}

fn marked_blocks(readme: &str) -> Vec<Block> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut blocks = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let kind = match l.trim() {
            "<!-- readme-test: run -->" => "run",
            "<!-- readme-test: output -->" => "output",
            _ => continue,
        };
        assert!(
            lines.get(i + 1).is_some_and(|f| f.starts_with("```")),
            "README.md:{}: a readme-test marker must stand right above a code block",
            i + 1
        );
        let body: Vec<String> = lines[i + 2..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .map(|l| l.to_string())
            .collect();
        blocks.push(Block {
            kind,
            line: i + 3,
            lines: body,
        });
    }
    blocks
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Runs a shell command line with `kgx` on PATH, in `dir`.
fn shell(line: &str, dir: &Path) -> std::process::Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_kgx"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .expect("sh runs")
}

/// Whether a command needs Graphviz: a diagram in a format other than DOT.
fn needs_graphviz(line: &str) -> bool {
    line.contains("kgx render") && [".svg", ".png", ".pdf"].iter().any(|e| line.contains(e))
}

#[test]
fn the_readme_commands_run_and_print_what_it_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let blocks = marked_blocks(&readme);
    assert!(
        blocks.len() >= 4,
        "the README's runnable blocks went missing"
    );
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("examples"), &dir.path().join("examples"));
    let graphviz = Command::new("dot").arg("-V").output().is_ok();
    let mut ran = 0;
    for block in &blocks {
        match block.kind {
            "run" => {
                for (k, line) in block.lines.iter().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    if needs_graphviz(line) && !graphviz {
                        eprintln!(
                            "SKIPPED: README.md:{}: needs Graphviz: {line}",
                            block.line + k
                        );
                        continue;
                    }
                    let out = shell(line, dir.path());
                    assert!(
                        out.status.success(),
                        "README.md:{}: `{line}` failed: {}",
                        block.line + k,
                        String::from_utf8_lossy(&out.stderr)
                    );
                    ran += 1;
                }
            }
            _ => {
                // `$ command`, then its output up to the next `$ ` line.
                let mut k = 0;
                while k < block.lines.len() {
                    let command = block.lines[k].strip_prefix("$ ").unwrap_or_else(|| {
                        panic!("README.md:{}: expected `$ command`", block.line + k)
                    });
                    let start = k;
                    k += 1;
                    let mut expected = String::new();
                    while k < block.lines.len() && !block.lines[k].starts_with("$ ") {
                        expected.push_str(&block.lines[k]);
                        expected.push('\n');
                        k += 1;
                    }
                    let out = shell(command, dir.path());
                    assert!(
                        out.status.success(),
                        "README.md:{}: `{command}` failed",
                        block.line + start
                    );
                    assert_eq!(
                        String::from_utf8_lossy(&out.stdout),
                        expected,
                        "README.md:{}: `{command}` prints something else now",
                        block.line + start
                    );
                    ran += 1;
                }
            }
        }
    }
    assert!(ran >= 8, "only {ran} README commands ran");
    // What the commands wrote is there.
    for made in ["seed.ttl", "kg", "seed.svg", "overview.svg"] {
        if made.ends_with(".svg") && !graphviz {
            continue;
        }
        assert!(dir.path().join(made).exists(), "{made}");
    }
}
