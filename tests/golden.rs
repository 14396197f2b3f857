//! Golden outputs for the example articles: a changed extraction shows up as a diff.
//! Regenerate with `KGX_BLESS=1 cargo test golden`.

use std::process::Command;

#[test]
fn examples_match_their_expected_outputs() {
    let articles = crate::common::example_articles();
    assert!(articles.len() >= 3);
    let bless = std::env::var_os("KGX_BLESS").is_some();
    let mut stale = Vec::new();
    for article in articles {
        let out = Command::new(env!("CARGO_BIN_EXE_kgx"))
            .args(["extract", article.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let expected_path = article.with_extension("expected.json");
        if bless {
            std::fs::write(&expected_path, &out.stdout).unwrap();
            continue;
        }
        let expected = std::fs::read(&expected_path).unwrap_or_default();
        if expected != out.stdout {
            stale.push(expected_path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "extraction changed for {stale:?}; review the diff and rerun with KGX_BLESS=1"
    );
}
