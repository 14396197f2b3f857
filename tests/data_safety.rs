//! kgx never damages or silently loses a user's data (issue 12): output over special files and
//! links, document ids, the store's lock, bad inputs among good ones, and identifiers that
//! stay the same across versions.
//!
//! `KGX_TEST_BIN=path` runs the command-line tests against another build of kgx (to show a
//! test fails on an older one).

use std::path::Path;
use std::process::{Command, Output, Stdio};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed-moss.txt");

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
