//! What the web page shows: entities to search, an entity's facts with their evidence, and a
//! document with its mentions and facts marked. Built once at start-up from the graph (articles
//! extracted on the fly) or from the dataset (a store or RDF files, which keep no article text
//! and no trigger spans); answered as JSON. Every text goes out as data, never as markup: the
//! page puts it into the DOM as text.

use crate::document::Document;
use crate::export::rdf::entity_iri;
use crate::graph::KnowledgeGraph;
use crate::ontology::Predicate;
use crate::ontology::{normalize_name, Ontology};
use crate::pipeline::Analysis;
use crate::query::{Answer, Dataset};
use oxigraph::model::Term;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One entity.
struct Entity {
    /// The IRI's path under the base (`person/qiu-xipeng`): stable, and the page's address.
    id: String,
    iri: String,
    label: String,
    class: String,
    aliases: Vec<String>,
    /// Normalised label and aliases, for search.
    keys: Vec<String>,
}

/// One fact with its evidence.
struct Fact {
    subject: usize,
    object: usize,
    predicate: String,
    predicate_label: String,
    role: Option<String>,
    claim: Option<String>,
    confidence: f32,
    evidence: Vec<Evidence>,
}

/// A sentence that states a fact, cut around its trigger.
struct Evidence {
    doc: String,
    sentence: usize,
    rule: String,
    before: String,
    trigger: String,
    after: String,
    /// The trigger's byte span in the document (articles only).
    trigger_span: Option<(usize, usize)>,
}

/// An article, cut into runs of text for the document view.
struct DocumentView {
    runs: Vec<Run>,
}

/// A run of an article's text: plain, a mention of an entity, or a fact's trigger; inside a
/// sentence that states a fact or not.
struct Run {
    text: String,
    entity: Option<usize>,
    trigger: bool,
    sentence: Option<usize>,
    fact_sentence: bool,
}

/// The index the page reads.
pub struct Explorer {
    entities: Vec<Entity>,
    by_id: BTreeMap<String, usize>,
    facts: Vec<Fact>,
    /// Facts by entity (as subject or object).
    facts_of: Vec<Vec<usize>>,
    documents: BTreeMap<String, DocumentView>,
    /// Kept for neighbourhood diagrams (articles only).
    graph: Option<KnowledgeGraph>,
}

/// Splits a sentence around the trigger (byte spans in the document); a trigger outside the
/// sentence or off a character boundary highlights nothing.
fn cut(sentence: &str, start: usize, trigger: (usize, usize)) -> (String, String, String) {
    let (a, b) = (trigger.0.wrapping_sub(start), trigger.1.wrapping_sub(start));
    match (sentence.get(..a), sentence.get(a..b), sentence.get(b..)) {
        (Some(x), Some(y), Some(z)) if a <= b => (x.into(), y.into(), z.into()),
        _ => (sentence.into(), String::new(), String::new()),
    }
}

/// Splits a sentence around the first occurrence of a word, for evidence read from RDF (which
/// keeps no trigger span): the role ("professor") is usually the trigger's text.
fn cut_at_word(sentence: &str, word: Option<&str>) -> (String, String, String) {
    let found = word
        .filter(|w| !w.is_empty())
        .and_then(|w| sentence.find(w).map(|i| (i, i + w.len())));
    match found {
        Some((a, b)) => cut(sentence, 0, (a, b)),
        None => (sentence.into(), String::new(), String::new()),
    }
}

impl Explorer {
    fn new(entities: Vec<Entity>, facts: Vec<Fact>) -> Explorer {
        let by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let mut facts_of = vec![Vec::new(); entities.len()];
        for (i, f) in facts.iter().enumerate() {
            facts_of[f.subject].push(i);
            if f.object != f.subject {
                facts_of[f.object].push(i);
            }
        }
        Explorer {
            entities,
            by_id,
            facts,
            facts_of,
            documents: BTreeMap::new(),
            graph: None,
        }
    }

    /// The index of a graph extracted from `documents` (with their analyses, for mentions).
    pub fn from_graph(
        graph: KnowledgeGraph,
        ontology: &Ontology,
        documents: &[(Document, Analysis)],
        base: &str,
    ) -> Explorer {
        let g = graph.graph();
        let entities: Vec<Entity> = g
            .raw_nodes()
            .iter()
            .map(|n| {
                let node = &n.weight;
                let iri = entity_iri(base, node.class, &node.label);
                let mut keys = vec![normalize_name(&node.label)];
                keys.extend(node.aliases.iter().map(|a| normalize_name(a)));
                Entity {
                    id: iri.strip_prefix(base).unwrap_or(&iri).to_string(),
                    iri,
                    label: node.label.clone(),
                    class: node.class.local_name().to_string(),
                    aliases: node.aliases.iter().cloned().collect(),
                    keys,
                }
            })
            .collect();
        let facts: Vec<Fact> = g
            .raw_edges()
            .iter()
            .map(|e| {
                let f = &e.weight;
                Fact {
                    subject: e.source().index(),
                    object: e.target().index(),
                    predicate: f.predicate.local_name().to_string(),
                    predicate_label: ontology.predicate_label(f.predicate).to_string(),
                    role: f.role.clone(),
                    claim: f.claim.clone(),
                    confidence: f.confidence,
                    evidence: f
                        .evidence
                        .iter()
                        .map(|ev| {
                            let (before, trigger, after) =
                                cut(&ev.text, ev.span.start, (ev.trigger.start, ev.trigger.end));
                            Evidence {
                                doc: ev.doc.to_string(),
                                sentence: ev.sentence,
                                rule: ev.rule.to_string(),
                                before,
                                trigger,
                                after,
                                trigger_span: Some((ev.trigger.start, ev.trigger.end)),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let mut explorer = Explorer::new(entities, facts);
        // Mentions link to the graph's entity with that name and class (an article's entity
        // is merged into the graph's by its normalised label or an alias).
        let mut by_name: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (i, e) in explorer.entities.iter().enumerate() {
            for k in &e.keys {
                by_name.entry((e.class.clone(), k.clone())).or_insert(i);
            }
        }
        for (doc, analysis) in documents {
            let view = explorer.document_view(doc, analysis, &by_name);
            explorer.documents.insert(doc.id.clone(), view);
        }
        explorer.graph = Some(graph);
        explorer
    }

    /// The index of RDF data (a store, RDF files), read back through SPARQL. RDF keeps each
    /// evidence sentence but not its trigger span: the role is highlighted where the sentence
    /// holds it. It keeps no article text, so there is no document view.
    pub fn from_dataset(dataset: &Dataset, ontology: &Ontology) -> Result<Explorer, crate::Error> {
        let (entities, by_iri) = dataset_entities(dataset)?;
        let (mut facts, by_fact) = dataset_facts(dataset, ontology, &by_iri)?;
        dataset_evidence(dataset, &mut facts, &by_fact)?;
        Ok(Explorer::new(entities, facts))
    }

    /// Cuts an article into runs at every mention, trigger and sentence boundary.
    fn document_view(
        &self,
        doc: &Document,
        analysis: &Analysis,
        by_name: &BTreeMap<(String, String), usize>,
    ) -> DocumentView {
        let text = &doc.text;
        let mut cuts = vec![0, text.len()];
        let mut mentions: Vec<(usize, usize, usize)> = Vec::new();
        for (m, mention) in analysis.mentions.iter().enumerate() {
            let entity = analysis
                .resolution
                .of_mention
                .get(m)
                .copied()
                .flatten()
                .and_then(|e| analysis.resolution.entities.get(e))
                .and_then(|e| {
                    let class = e.class.local_name().to_string();
                    std::iter::once(&e.label)
                        .chain(&e.aliases)
                        .find_map(|n| by_name.get(&(class.clone(), normalize_name(n))).copied())
                });
            if let Some(entity) = entity {
                mentions.push((mention.span.start, mention.span.end, entity));
                cuts.extend([mention.span.start, mention.span.end]);
            }
        }
        let mut triggers = Vec::new();
        let mut fact_sentences = std::collections::BTreeSet::new();
        for f in &self.graph_evidence(&doc.id) {
            triggers.push(f.0);
            fact_sentences.insert(f.1);
            cuts.extend([f.0 .0, f.0 .1]);
        }
        for s in &analysis.sentences {
            cuts.extend([s.span.start, s.span.end]);
        }
        cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
        cuts.sort_unstable();
        cuts.dedup();
        let mut runs = Vec::new();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let Some(piece) = text.get(a..b) else {
                continue;
            };
            let sentence = analysis
                .sentences
                .iter()
                .position(|s| s.span.start <= a && b <= s.span.end);
            runs.push(Run {
                text: piece.to_string(),
                entity: mentions.iter().find(|m| m.0 <= a && b <= m.1).map(|m| m.2),
                trigger: triggers.iter().any(|t| t.0 <= a && b <= t.1),
                sentence,
                fact_sentence: sentence.is_some_and(|s| fact_sentences.contains(&s)),
            });
        }
        DocumentView { runs }
    }

    /// The trigger spans (bytes) and sentence indices of the facts a document states.
    fn graph_evidence(&self, doc: &str) -> Vec<((usize, usize), usize)> {
        self.facts
            .iter()
            .flat_map(|f| &f.evidence)
            .filter(|ev| ev.doc == doc)
            .filter_map(|ev| Some((ev.trigger_span?, ev.sentence)))
            .collect()
    }

    /// The neighbourhood graph, when the explorer was built from articles.
    pub fn graph(&self) -> Option<&KnowledgeGraph> {
        self.graph.as_ref()
    }

    /// The label of an entity, by id.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|&i| self.entities[i].label.as_str())
    }

    /// Entities whose label or an alias contains the query (normalised), best first: exact,
    /// then prefix, then elsewhere; more facts first; at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Value {
        let q = normalize_name(query.trim());
        let mut hits: Vec<(u8, usize, &str, usize)> = Vec::new();
        if !q.is_empty() {
            for (i, e) in self.entities.iter().enumerate() {
                let rank = e
                    .keys
                    .iter()
                    .filter_map(|k| {
                        if *k == q {
                            Some(0)
                        } else if k.starts_with(&q) {
                            Some(1)
                        } else if k.contains(&q) {
                            Some(2)
                        } else {
                            None
                        }
                    })
                    .min();
                if let Some(rank) = rank {
                    hits.push((rank, usize::MAX - self.facts_of[i].len(), &e.label, i));
                }
            }
        }
        hits.sort();
        let results: Vec<Value> = hits
            .iter()
            .take(limit)
            .map(|&(_, _, _, i)| {
                let e = &self.entities[i];
                json!({
                    "id": e.id,
                    "label": e.label,
                    "type": e.class,
                    "aliases": e.aliases,
                    "facts": self.facts_of[i].len(),
                })
            })
            .collect();
        json!({ "query": query, "results": results, "total": hits.len() })
    }

    /// An entity and its facts, grouped by relation and direction; None for an unknown id.
    pub fn entity(&self, id: &str) -> Option<Value> {
        let &i = self.by_id.get(id)?;
        let e = &self.entities[i];
        // (predicate, outgoing) → facts, in a fixed order.
        let mut groups: BTreeMap<(String, bool), (String, Vec<Value>)> = BTreeMap::new();
        for &f in &self.facts_of[i] {
            let fact = &self.facts[f];
            let outgoing = fact.subject == i;
            let other = &self.entities[if outgoing { fact.object } else { fact.subject }];
            let evidence: Vec<Value> = fact
                .evidence
                .iter()
                .map(|ev| {
                    json!({
                        "doc": ev.doc,
                        "sentence": ev.sentence,
                        "rule": ev.rule,
                        "before": ev.before,
                        "trigger": ev.trigger,
                        "after": ev.after,
                        "has_text": self.documents.contains_key(&ev.doc),
                    })
                })
                .collect();
            groups
                .entry((fact.predicate.clone(), outgoing))
                .or_insert_with(|| (fact.predicate_label.clone(), Vec::new()))
                .1
                .push(json!({
                    "other": { "id": other.id, "label": other.label, "type": other.class },
                    "role": fact.role,
                    "claim": fact.claim,
                    "confidence": (f64::from(fact.confidence) * 100.0).round() / 100.0,
                    "evidence": evidence,
                }));
        }
        let relations: Vec<Value> = groups
            .into_iter()
            .map(|((predicate, outgoing), (label, facts))| {
                json!({
                    "predicate": predicate,
                    "label": label,
                    "direction": if outgoing { "out" } else { "in" },
                    "facts": facts,
                })
            })
            .collect();
        Some(json!({
            "id": e.id,
            "iri": e.iri,
            "label": e.label,
            "type": e.class,
            "aliases": e.aliases,
            "relations": relations,
            "diagram": self.graph.is_some(),
        }))
    }

    /// A document cut into runs; None for an unknown id or when no article text is held.
    pub fn document(&self, id: &str) -> Option<Value> {
        let view = self.documents.get(id)?;
        let runs: Vec<Value> = view
            .runs
            .iter()
            .map(|r| {
                let entity = r.entity.map(|e| {
                    let e = &self.entities[e];
                    json!({ "id": e.id, "label": e.label, "type": e.class })
                });
                json!({
                    "text": r.text,
                    "entity": entity,
                    "trigger": r.trigger,
                    "sentence": r.sentence,
                    "fact": r.fact_sentence,
                })
            })
            .collect();
        Some(json!({ "id": id, "runs": runs }))
    }

    /// Ids of the documents whose text is held.
    pub fn document_ids(&self) -> Vec<&str> {
        self.documents.keys().map(String::as_str).collect()
    }
}

/// The rows of a SELECT over the dataset.
fn solutions(dataset: &Dataset, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, crate::Error> {
    match dataset.query(sparql)? {
        Answer::Solutions { rows, .. } => Ok(rows),
        _ => Ok(Vec::new()),
    }
}

/// A literal's value or an IRI; empty when unbound.
fn value(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        _ => String::new(),
    }
}

/// The local name of an IRI: after its last `#` or `/`.
fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or("")
}

/// Entities (kgx-typed, labelled IRIs) with their aliases, and their index by IRI.
fn dataset_entities(
    dataset: &Dataset,
) -> Result<(Vec<Entity>, BTreeMap<String, usize>), crate::Error> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_iri: BTreeMap<String, usize> = BTreeMap::new();
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    let rows = solutions(
        dataset,
        "SELECT ?e ?type ?label WHERE { ?e a ?type ; rdfs:label ?label . \
         FILTER(isIRI(?e) && STRSTARTS(STR(?type), STR(kgx:)) && ?type != kgx:Document) } \
         ORDER BY ?e ?type ?label",
    )?;
    for row in rows {
        let iri = value(&row[0]);
        if by_iri.contains_key(&iri) {
            continue;
        }
        // The id is the IRI's last two segments (`person/qiu-xipeng`), as for articles; a
        // second entity with the same ones gets a number.
        let mut segments = iri.rsplit('/');
        let (last, class) = (segments.next().unwrap_or(""), segments.next().unwrap_or(""));
        let mut id = format!("{class}/{last}");
        let n = taken.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            id = format!("{id}~{n}");
        }
        let label = value(&row[2]);
        by_iri.insert(iri.clone(), entities.len());
        entities.push(Entity {
            id,
            keys: vec![normalize_name(&label)],
            iri,
            label,
            class: local_name(&value(&row[1])).to_string(),
            aliases: Vec::new(),
        });
    }
    let rows = solutions(
        dataset,
        "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?e ?alias",
    )?;
    for row in rows {
        if let Some(&i) = by_iri.get(&value(&row[0])) {
            let alias = value(&row[1]);
            entities[i].keys.push(normalize_name(&alias));
            entities[i].aliases.push(alias);
        }
    }
    Ok((entities, by_iri))
}

/// Facts (the `rdf:Statement`s between known entities), and their index by IRI.
fn dataset_facts(
    dataset: &Dataset,
    ontology: &Ontology,
    by_iri: &BTreeMap<String, usize>,
) -> Result<(Vec<Fact>, BTreeMap<String, usize>), crate::Error> {
    let mut facts: Vec<Fact> = Vec::new();
    let mut by_fact: BTreeMap<String, usize> = BTreeMap::new();
    let rows = solutions(
        dataset,
        "SELECT ?f ?s ?p ?o ?role ?claim ?confidence WHERE { ?f a rdf:Statement ; \
         rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . \
         OPTIONAL { ?f kgx:role ?role } OPTIONAL { ?f kgx:claim ?claim } \
         OPTIONAL { ?f kgx:confidence ?confidence } } ORDER BY ?f",
    )?;
    for row in rows {
        let (Some(&subject), Some(&object)) =
            (by_iri.get(&value(&row[1])), by_iri.get(&value(&row[3])))
        else {
            continue;
        };
        let f = value(&row[0]);
        if by_fact.contains_key(&f) {
            continue;
        }
        let predicate = local_name(&value(&row[2])).to_string();
        let predicate_label = Predicate::ALL
            .iter()
            .find(|q| q.local_name() == predicate)
            .map_or(predicate.clone(), |q| {
                ontology.predicate_label(*q).to_string()
            });
        let some = |t: &Option<Term>| t.as_ref().map(|_| value(t));
        by_fact.insert(f, facts.len());
        facts.push(Fact {
            subject,
            object,
            predicate,
            predicate_label,
            role: some(&row[4]),
            claim: some(&row[5]),
            confidence: value(&row[6]).parse().unwrap_or(0.0),
            evidence: Vec::new(),
        });
    }
    Ok((facts, by_fact))
}

/// Each fact's evidence sentences, cut around the role where the sentence holds it.
fn dataset_evidence(
    dataset: &Dataset,
    facts: &mut [Fact],
    by_fact: &BTreeMap<String, usize>,
) -> Result<(), crate::Error> {
    let rows = solutions(
        dataset,
        "SELECT ?f ?doc ?index ?rule ?sentence WHERE { ?f kgx:evidence ?ev . \
         ?ev kgx:rule ?rule ; kgx:sentence ?s . \
         ?s oa:hasSource ?d ; kgx:sentenceIndex ?index ; \
         kgx:sentenceText ?sentence . OPTIONAL { ?d rdfs:label ?label } \
         BIND(COALESCE(?label, REPLACE(STR(?d), \"^.*/\", \"\")) AS ?doc) } \
         ORDER BY ?f ?doc ?index ?rule",
    )?;
    for row in rows {
        if let Some(&f) = by_fact.get(&value(&row[0])) {
            let fact = &mut facts[f];
            let (before, trigger, after) = cut_at_word(&value(&row[4]), fact.role.as_deref());
            fact.evidence.push(Evidence {
                doc: value(&row[1]),
                sentence: value(&row[2]).parse().unwrap_or(0),
                rule: value(&row[3]),
                before,
                trigger,
                after,
                trigger_span: None,
            });
        }
    }
    Ok(())
}
