//! The ontology's own examples, and that everything kgx emits is declared in it.

use crate::common::{facts, pipeline};
use kgx::{Class, Predicate};

#[test]
fn every_property_example_gives_its_fact() {
    let o = pipeline().ontology();
    let mut count = 0;
    for (p, info) in &o.properties {
        for ex in &info.examples {
            count += 1;
            let all = facts(&ex.text);
            let want = format!("--{}-->", p.local_name());
            let ok = all.iter().any(|f| {
                f.contains(&want)
                    && f.starts_with(&format!("[{}]", ex.subject))
                    && f.contains(&ex.object)
            });
            assert!(
                ok,
                "example {:?} should give {} {} {}; got {all:#?}",
                ex.text, ex.subject, want, ex.object
            );
        }
    }
    assert!(count >= 10, "only {count} examples");
}

#[test]
fn every_emitted_class_and_predicate_is_declared() {
    let ttl = kgx::vocab::ONTOLOGY_TTL;
    for c in Class::ALL {
        assert!(
            ttl.contains(&format!("kgx:{} a owl:Class", c.local_name())),
            "{c:?}"
        );
    }
    for p in Predicate::ALL {
        assert!(
            ttl.contains(&format!("kgx:{} a owl:ObjectProperty", p.local_name())),
            "{p:?}"
        );
        assert!(pipeline().ontology().properties.contains_key(&p));
    }
    assert_eq!(
        Predicate::Released.iri(),
        kgx::vocab::kgx::RELEASED,
        "the typed constants are the declared terms"
    );
    assert!(kgx::vocab::kgx::RELEASED.as_str().ends_with("#released"));
}

#[test]
fn a_cue_added_to_the_turtle_changes_extraction() {
    let text = "Harlow University yeeted Quillon, a large language model, on Monday.";
    assert!(!facts(text).iter().any(|f| f.contains("--released-->")));
    let ttl = kgx::vocab::ONTOLOGY_TTL.replace(
        "\"released\", \"releases\",",
        "\"released\", \"yeeted\", \"releases\",",
    );
    let o = kgx::Ontology::from_turtle(&ttl, kgx::vocab::GAZETTEER_TTL).unwrap();
    let p = kgx::Pipeline::new(o).unwrap();
    let doc = kgx::Document::new("t", text);
    let mut g = kgx::KnowledgeGraph::new();
    g.add(&doc, &p.run(&doc).facts());
    assert!(crate::common::render(&g)
        .iter()
        .any(|f| f.contains("[Harlow University]University --released--> [Quillon]Model")));
}
