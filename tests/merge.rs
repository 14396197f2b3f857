//! Merging across articles: the same entity in several articles is one node, people who only
//! share a family or given name stay apart, every merge keeps its reason, and repeating a
//! corpus changes the evidence, never the nodes or edges.

use crate::common::pipeline;
use kgx::graph::MergeReason;
use kgx::{Document, KnowledgeGraph};

fn graph(articles: &[(&str, &str)]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    for (id, text) in articles {
        let doc = Document::new(*id, *text);
        g.add(&doc, &pipeline().run(&doc).facts());
    }
    g
}

fn node<'g>(g: &'g KnowledgeGraph, label: &str) -> Option<&'g kgx::graph::Node> {
    g.graph().node_weights().find(|n| n.label == label)
}

const ARTICLES: &[(&str, &str)] = &[
    (
        "a",
        "Professor Tomas Varga of Harlow University said the new model, Brightwing, was trained on public data. Varga said the team would publish the weights next month.",
    ),
    (
        "b",
        "Tomas Varga, a professor at Harlow University, told reporters that open models help small labs.",
    ),
    (
        "c",
        "Ilona Varga, chief executive of Quillfeather Labs, said the company would release its first model in May.",
    ),
    (
        "d",
        "Tomas Brenner, a researcher at Norvale Institute, said the results were promising.",
    ),
    (
        "e",
        "Researchers at Quillfeather Labs said Varga had left the company.",
    ),
];

#[test]
fn one_person_across_articles_and_no_merge_on_a_shared_name_part() {
    let g = graph(ARTICLES);
    let tomas = node(&g, "Tomas Varga").expect("one node for Tomas Varga");
    assert_eq!(
        g.graph()
            .node_weights()
            .filter(|n| n.label.contains("Varga") && n.label != "Varga")
            .count(),
        2,
        "Tomas and Ilona Varga stay apart"
    );
    assert!(node(&g, "Ilona Varga").is_some());
    assert!(node(&g, "Tomas Brenner").is_some());
    // A bare family name in an article without the full name is not merged into anyone.
    assert!(!tomas.aliases.contains("Tomas"));
    let merges: Vec<(&str, MergeReason, u32, &str)> = tomas
        .merge_notes()
        .map(|(name, r, m)| (name, r, m.docs, &*m.first_doc))
        .collect();
    assert!(
        merges.contains(&("Tomas Varga", MergeReason::OtherArticle, 1, "b")),
        "{merges:?}"
    );
    assert!(
        merges.contains(&("Varga", MergeReason::FamilyName, 1, "a")),
        "{merges:?}"
    );
    for n in g.graph().node_weights() {
        for (name, reason, _) in n.merge_notes() {
            assert!(!reason.explain().is_empty() && !name.is_empty());
        }
    }
}

#[test]
fn each_kind_of_merge_inside_an_article_has_its_reason() {
    let cases = [
        (
            "Lena Okafor, a scientist at Brightmoor Robotics, said the arm works. Lena said the team tested it for a year.",
            "Lena Okafor",
            "Lena",
            MergeReason::GivenName,
        ),
        (
            "Zhou Lanfen, a professor at Qingshan University, said the model is small. Zhou added that it runs on phones.",
            "Zhou Lanfen",
            "Zhou",
            MergeReason::FamilyName,
        ),
        (
            "Researchers at Cavendale Institute of Technology released the model. CIT said it is free.",
            "Cavendale Institute of Technology",
            "CIT",
            MergeReason::Acronym,
        ),
        (
            "Orbisoft Robotics released a new model on Monday. Orbisoft said it will be free.",
            "Orbisoft Robotics",
            "Orbisoft",
            MergeReason::ShortForm,
        ),
    ];
    for (text, label, alias, reason) in cases {
        let g = graph(&[("t", text)]);
        let n = node(&g, label).unwrap_or_else(|| panic!("{label} in {text}"));
        assert_eq!(
            n.merge_notes()
                .find(|(a, _, _)| *a == alias)
                .map(|(_, r, _)| r),
            Some(reason),
            "{text}: {:?}",
            n.merges
        );
    }
}

#[test]
fn a_repeated_corpus_has_the_same_graph_with_more_evidence() {
    let once = graph(ARTICLES);
    let copies: Vec<(String, &str)> = (0..50)
        .flat_map(|k| {
            ARTICLES
                .iter()
                .map(move |(id, t)| (format!("{id}-{k}"), *t))
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = copies.iter().map(|(i, t)| (i.as_str(), *t)).collect();
    let many = graph(&borrowed);
    assert_eq!(many.node_count(), once.node_count());
    assert_eq!(many.edge_count(), once.edge_count());
    let evidence =
        |g: &KnowledgeGraph| -> usize { g.graph().edge_weights().map(|f| f.evidence.len()).sum() };
    assert_eq!(evidence(&many), 50 * evidence(&once));
    let tomas = node(&many, "Tomas Varga").unwrap();
    let across = &tomas.merges["Tomas Varga"][&MergeReason::OtherArticle];
    assert_eq!(
        across.docs, 99,
        "every article after the first that names him"
    );
}
