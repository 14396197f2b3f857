//! What the graph takes from one document: entities and the facts between them, each fact with
//! the sentence that states it. Neutral of how they were found: the pipeline fills it in from
//! its `Analysis` (see `Analysis::facts`), and anything else that finds facts can too.

use super::provenance::MergeReason;
use crate::ontology::{Class, Predicate};
use crate::span::Span;
use std::collections::BTreeSet;

/// One document's entities and facts, ready for [`KnowledgeGraph::add`](super::KnowledgeGraph::add).
#[derive(Clone, Debug, Default)]
pub struct DocumentFacts<'a> {
    /// Each sentence's byte span in the document's text; a statement names its sentence by
    /// its index here.
    pub sentences: Vec<Span>,
    /// The document's entities; statements name them by their index here.
    pub entities: Vec<Entity<'a>>,
    /// What the document states, in the order found.
    pub statements: Vec<Statement<'a>>,
}

/// An entity of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity<'a> {
    /// Display label: the fullest name.
    pub label: &'a str,
    /// Class.
    pub class: Class,
    /// Other names it goes by in the document.
    pub aliases: &'a BTreeSet<String>,
    /// Why each other name was taken for this entity (by name, in name order).
    pub merges: Vec<(&'a str, MergeReason)>,
    /// Whether it belongs in the graph even when no fact names it (a name whose class is
    /// sure); an entity some fact names is always added.
    pub standalone: bool,
}

/// The object of a statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Object<'a> {
    /// An entity of the document (an index into [`DocumentFacts::entities`]).
    Entity(usize),
    /// An entity only this statement names (a topic, an organisation named inside another's
    /// name): found or made by class and label.
    Named {
        /// Its label.
        label: &'a str,
        /// Its class.
        class: Class,
    },
}

/// One statement of a fact in the document, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement<'a> {
    /// Subject (an index into [`DocumentFacts::entities`]).
    pub subject: usize,
    /// Predicate.
    pub predicate: Predicate,
    /// Object.
    pub object: Object<'a>,
    /// The role, for affiliations.
    pub role: Option<&'a str>,
    /// The claim, for views.
    pub claim: Option<&'a str>,
    /// How much the rule that found it is trusted.
    pub confidence: f32,
    /// The sentence that states it (an index into [`DocumentFacts::sentences`]).
    pub sentence: usize,
    /// The words that triggered it (byte span in the document's text).
    pub trigger: Span,
    /// The rule that fired, like "affiliation/appositive".
    pub rule: &'static str,
}
