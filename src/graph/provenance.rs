//! Why names were merged into one node, and where: the provenance the graph keeps beside each
//! entity so that an export can explain "Varga" or "TII" (see [`crate::graph::Node::merges`]).
//!
//! The graph's own vocabulary: extraction stages state their reasons in their own terms and
//! the pipeline translates them (see `Analysis::facts`), so the graph and the exporters never
//! learn how a name was found.

use std::sync::Arc;

/// Why a name was taken for another name of the same entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MergeReason {
    /// The same name, written with other capitals, punctuation or a title.
    SameName,
    /// A person's family name ("Qiu" → "Qiu Xipeng").
    FamilyName,
    /// A person's given name ("Ana" → "Ana Prieto").
    GivenName,
    /// The leading words of a longer name ("Fudan" → "Fudan University", "GPT" → "GPT-4o").
    ShortForm,
    /// The initials of a longer name ("TII" → "Technology Innovation Institute").
    Acronym,
    /// The last word of a longer organisation name.
    LastWord,
    /// The same name and kind of entity in another article (cross-article merges).
    OtherArticle,
}

impl MergeReason {
    /// A short explanation, as output shows it.
    pub fn explain(self) -> &'static str {
        match self {
            MergeReason::SameName => "same name, written differently in the article",
            MergeReason::FamilyName => "family name of the full name in the same article",
            MergeReason::GivenName => "given name of the full name in the same article",
            MergeReason::ShortForm => "leading words of the full name in the same article",
            MergeReason::Acronym => "initials of the full name in the same article",
            MergeReason::LastWord => "last word of the full name in the same article",
            MergeReason::OtherArticle => {
                "same normalised name and kind of entity in another article"
            }
        }
    }

    /// A stable identifier ("family-name").
    pub fn code(self) -> &'static str {
        match self {
            MergeReason::SameName => "same-name",
            MergeReason::FamilyName => "family-name",
            MergeReason::GivenName => "given-name",
            MergeReason::ShortForm => "short-form",
            MergeReason::Acronym => "acronym",
            MergeReason::LastWord => "last-word",
            MergeReason::OtherArticle => "other-article",
        }
    }
}

/// One kind of merge into a node: a name and the reason, where it was first seen and in how
/// many documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// The first document that gave this merge.
    pub first_doc: Arc<str>,
    /// How many documents gave it.
    pub docs: u32,
    /// The number (in the graph) of the last document that gave it, so that one document
    /// counts once.
    pub(super) last_doc: u32,
}
