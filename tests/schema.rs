//! The output contract: every golden output, and the JSON Lines and metadata-bearing shapes,
//! validate against docs/kgx-output.schema.json; outputs that break the contract do not.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("docs/kgx-output.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    // Checks the schema against its meta-schema too.
    jsonschema::validator_for(&schema).expect("the schema is a valid draft 2020-12 schema")
}

fn problems(validator: &jsonschema::Validator, output: &Value) -> Vec<String> {
    validator
        .iter_errors(output)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn every_golden_output_follows_the_schema() {
    let validator = validator();
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".expected.json") {
            continue;
        }
        let output: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let found = problems(&validator, &output);
        assert!(found.is_empty(), "{}: {found:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} golden outputs");
}

#[test]
fn json_lines_and_metadata_follow_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"Ana Prieto, a professor at Harlow University, said the model works.\", \"title\": \"T\"}\n\
         {\"id\": \"b\", \"text\": \"Nothing here.\"}\n",
    )
    .unwrap();
    let validator = validator();
    for format in ["json", "jsonl"] {
        let out = Command::new(env!("CARGO_BIN_EXE_kgx"))
            .args(["extract", "--input-format", "jsonl", "--format", format])
            .arg(&input)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let outputs: Vec<Value> = match format {
            "json" => vec![serde_json::from_str(&text).unwrap()],
            _ => text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        };
        for output in outputs {
            let found = problems(&validator, &output);
            assert!(found.is_empty(), "{format}: {found:#?}");
        }
    }
}

#[test]
fn outputs_that_break_the_contract_are_rejected() {
    let validator = validator();
    let good: Value = serde_json::from_slice(
        &std::fs::read(root().join("examples/seed-moss.expected.json")).unwrap(),
    )
    .unwrap();
    let broken: [fn(&mut Value); 4] = [
        |v| v["relations"][0]["predicate"] = "worksFor".into(),
        |v| v["entities"][0]["type"] = "Robot".into(),
        |v| {
            v.as_object_mut().unwrap().remove("sentences");
        },
        |v| v["relations"][0]["evidence"][0]["trigger"] = serde_json::json!([1, 2, 3]),
    ];
    for (i, breaks) in broken.iter().enumerate() {
        let mut output = good.clone();
        breaks(&mut output);
        assert!(!problems(&validator, &output).is_empty(), "case {i} passed");
    }
}
