//! Turtle → [`Ontology`], through oxigraph's parser. Errors carry the file and the line:column.

use super::vocab::{self, Class, Predicate};
use super::{normalize_name, pattern, ClassInfo, Example, Ontology, Phrase, PropertyInfo};
use crate::error::OntologyError;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use std::collections::BTreeMap;

const VOCAB_FILE: &str = "ontology/kgx.ttl";
const GAZETTEER_FILE: &str = "ontology/gazetteer.ttl";

/// Subject key → (predicate IRI, object) pairs, in file order.
type Statements = BTreeMap<String, Vec<(String, Term)>>;

fn subject_key(s: &NamedOrBlankNode) -> String {
    match s {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

fn parse(text: &str, file: &'static str, into: &mut Statements) -> Result<(), OntologyError> {
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        let quad = quad.map_err(|e| OntologyError::Syntax {
            file,
            message: e.to_string(),
        })?;
        into.entry(subject_key(&quad.subject))
            .or_default()
            .push((quad.predicate.as_str().to_string(), quad.object));
    }
    Ok(())
}

fn literals<'a>(st: &'a [(String, Term)], local: &str) -> impl Iterator<Item = &'a str> + 'a {
    let iri = vocab::kgx_iri(local);
    st.iter().filter_map(move |(p, o)| match o {
        Term::Literal(l) if *p == iri => Some(l.value()),
        _ => None,
    })
}

fn first_literal(st: &[(String, Term)], iri: &str) -> Option<String> {
    st.iter().find_map(|(p, o)| match o {
        Term::Literal(l) if p == iri => Some(l.value().to_string()),
        _ => None,
    })
}

fn has_iri(st: &[(String, Term)], pred: &str, object: &str) -> bool {
    st.iter()
        .any(|(p, o)| p == pred && matches!(o, Term::NamedNode(n) if n.as_str() == object))
}

fn phrase(s: &str) -> Phrase {
    s.split_whitespace().map(str::to_lowercase).collect()
}

/// Builds the ontology from the vocabulary and gazetteer texts.
pub(super) fn load(vocabulary: &str, gazetteer: &str) -> Result<Ontology, OntologyError> {
    let mut st = Statements::new();
    parse(vocabulary, VOCAB_FILE, &mut st)?;
    let mut gz = Statements::new();
    parse(gazetteer, GAZETTEER_FILE, &mut gz)?;
    let empty = Vec::new();
    let mut o = Ontology::default();

    // Classes, most general first so that subclasses override shared head words.
    for class in Class::ALL {
        let iri = vocab::kgx_iri(class.local_name());
        let s = st.get(&iri).ok_or_else(|| OntologyError::Undeclared {
            file: VOCAB_FILE,
            what: "class",
            iri: iri.clone(),
        })?;
        if !has_iri(s, vocab::RDF_TYPE, vocab::OWL_CLASS) {
            return Err(OntologyError::Incomplete {
                file: VOCAB_FILE,
                iri,
                missing: "rdf:type owl:Class",
            });
        }
        let label = first_literal(s, vocab::RDFS_LABEL).ok_or(OntologyError::Incomplete {
            file: VOCAB_FILE,
            iri: iri.clone(),
            missing: "rdfs:label",
        })?;
        let comment = first_literal(s, vocab::RDFS_COMMENT).unwrap_or_default();
        o.classes.insert(class, ClassInfo { label, comment });
        for w in literals(s, "headWord") {
            // A word claimed by two classes keeps the first (Company's "labs" vs Lab's "labs").
            o.head_words.get_or_insert_with(w.to_lowercase(), || class);
        }
        // Words added after the backbone was trained: the rules' like any other, hidden from
        // the models' features (`Ontology::untrained`).
        for w in literals(s, "laterHeadWord") {
            o.head_words.get_or_insert_with(w.to_lowercase(), || class);
            o.untrained.insert(w.to_lowercase(), ());
        }
        for w in literals(s, "laterTitleWord") {
            o.titles.insert(w.to_lowercase(), ());
            o.untrained.insert(w.to_lowercase(), ());
        }
        for w in literals(s, "anaphor") {
            o.anaphors.insert(w.to_lowercase(), class);
        }
        for w in literals(s, "titleWord") {
            o.titles.insert(w.to_lowercase(), ());
        }
        let g = gz.get(&iri).unwrap_or(&empty);
        for name in literals(g, "knownName") {
            o.known_names
                .get_or_insert_with(normalize_name(name), || class);
        }
        for pair in literals(g, "demonym") {
            if let Some((adj, place)) = pair.split_once('=') {
                o.demonyms.insert(adj.to_lowercase(), place.to_string());
            }
        }
        o.given_names
            .extend(literals(g, "givenName").map(String::from));
        for w in literals(g, "laterGivenName") {
            o.given_names.insert(w.to_string(), ());
            o.untrained.insert(w.to_lowercase(), ());
        }
        o.family_names
            .extend(literals(g, "familyName").map(String::from));
    }

    for p in Predicate::ALL {
        let iri = vocab::kgx_iri(p.local_name());
        let s = st.get(&iri).ok_or_else(|| OntologyError::Undeclared {
            file: VOCAB_FILE,
            what: "property",
            iri: iri.clone(),
        })?;
        let missing = |what| OntologyError::Incomplete {
            file: VOCAB_FILE,
            iri: iri.clone(),
            missing: what,
        };
        if !has_iri(s, vocab::RDF_TYPE, vocab::OWL_OBJECT_PROPERTY) {
            return Err(missing("rdf:type owl:ObjectProperty"));
        }
        let label = first_literal(s, vocab::RDFS_LABEL).ok_or_else(|| missing("rdfs:label"))?;
        let comment =
            first_literal(s, vocab::RDFS_COMMENT).ok_or_else(|| missing("rdfs:comment"))?;
        if !s.iter().any(|(pr, _)| pr == vocab::RDFS_DOMAIN) {
            return Err(missing("rdfs:domain"));
        }
        if !s.iter().any(|(pr, _)| pr == vocab::RDFS_RANGE) {
            return Err(missing("rdfs:range"));
        }
        let mut examples = Vec::new();
        let example_iri = vocab::kgx_iri("example");
        for (pr, obj) in s {
            if *pr != example_iri {
                continue;
            }
            let key = match obj {
                Term::BlankNode(b) => format!("_:{}", b.as_str()),
                Term::NamedNode(n) => n.as_str().to_string(),
                _ => continue,
            };
            let ex = st.get(&key).unwrap_or(&empty);
            let text = literals(ex, "exampleText").next().unwrap_or_default();
            let fact = literals(ex, "exampleFact").next().unwrap_or_default();
            let parts: Vec<&str> = fact.split('|').map(str::trim).collect();
            if parts.len() != 3 || parts[1] != p.local_name() {
                return Err(missing(
                    "well-formed kgx:exampleFact (subject | predicate | object)",
                ));
            }
            examples.push(Example {
                text: text.to_string(),
                subject: parts[0].to_string(),
                predicate: p,
                object: parts[2].to_string(),
            });
        }
        let cues: Vec<Phrase> = literals(s, "cue").map(phrase).collect();
        let weak: Vec<Phrase> = literals(s, "weakCue").map(phrase).collect();
        match p {
            Predicate::AffiliatedWith => {
                for r in literals(s, "roleCue") {
                    o.role_words.extend(phrase(r));
                    let cue = phrase(r);
                    o.role_heads.extend(cue.last().cloned());
                    o.role_cues.push(cue);
                }
                o.role_words
                    .extend(literals(s, "roleModifier").map(str::to_lowercase));
            }
            Predicate::Leads => o.lead_roles = literals(s, "roleCue").map(phrase).collect(),
            _ => {}
        }
        let patterns = literals(s, "pattern")
            .map(|t| {
                let mut pattern =
                    pattern::Pattern::parse(t).map_err(|e| OntologyError::Syntax {
                        file: VOCAB_FILE,
                        message: e.to_string(),
                    })?;
                pattern.rule = pattern::intern(format!("{}/{}", p.local_name(), pattern.name));
                Ok(pattern)
            })
            .collect::<Result<Vec<_>, _>>()?;
        o.patterns.insert(p, patterns);
        o.cues.insert(p, cues);
        o.weak_cues.insert(p, weak);
        o.properties.insert(
            p,
            PropertyInfo {
                label,
                comment,
                examples,
            },
        );
    }

    let onto = st.get(vocab::ONTOLOGY_IRI).unwrap_or(&empty);
    o.negations = literals(onto, "negationCue")
        .map(str::to_lowercase)
        .collect();
    o.modals = literals(onto, "modalCue").map(str::to_lowercase).collect();
    for pair in literals(onto, "irregularForm") {
        let Some((form, lemma)) = pair.split_once('=') else {
            return Err(OntologyError::Syntax {
                file: VOCAB_FILE,
                message: format!("kgx:irregularForm {pair:?} is not 'FORM=LEMMA'"),
            });
        };
        o.irregular_forms
            .push((form.to_lowercase(), lemma.to_lowercase()));
    }
    let words = |property| literals(onto, property).map(str::to_lowercase).collect();
    o.spokesperson_roles = words("spokespersonRole");
    o.adherents = words("adherentNoun");
    o.settlements = words("settlementNoun");
    o.compass_words = words("compassWord");
    o.place_leaders = words("placeLeaderRole");
    o.naming_verbs = words("namingVerb");
    o.collectives = words("collectiveNoun");
    o.makers = words("makerNoun");
    o.light_topics = words("lightTopicNoun");
    for line in literals(onto, "ruleConfidence") {
        let parsed = line
            .rsplit_once(' ')
            .and_then(|(rule, c)| Some((rule.trim(), c.parse::<f32>().ok()?)))
            .filter(|(rule, c)| !rule.is_empty() && (0.0..=1.0).contains(c));
        let Some((rule, c)) = parsed else {
            return Err(OntologyError::Syntax {
                file: VOCAB_FILE,
                message: format!("kgx:ruleConfidence {line:?} is not 'RULE CONFIDENCE'"),
            });
        };
        o.rule_confidence.insert(rule.to_string(), c);
    }
    o.index();
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_file_and_position() {
        let err = load("@prefix kgx: <https://w3id.org/kgx#> .\nkgx:a kgx:b", "").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("ontology/kgx.ttl:"), "{msg}");
        assert!(msg.contains('2'), "{msg}");
    }

    #[test]
    fn a_missing_class_is_reported() {
        let err = load("@prefix kgx: <https://w3id.org/kgx#> .\n", "").unwrap_err();
        assert!(err.to_string().contains("kgx#Person"), "{err}");
    }
}
