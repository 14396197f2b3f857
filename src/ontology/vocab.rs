//! The only IRI constants in kgx, and the classes and predicates the extractor emits: the
//! terms of output as typed `NamedNodeRef`s ([`kgx`], [`oa`], [`skos`], with oxrdf's [`rdf`],
//! [`rdfs`], [`xsd`]), and as strings the few that the ontology loader and SPARQL prefixes read.

/// kgx's namespace.
pub const KGX: &str = "https://w3id.org/kgx#";
/// rdf:type.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// rdfs:label.
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
/// rdfs:comment.
pub const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
/// rdfs:domain.
pub const RDFS_DOMAIN: &str = "http://www.w3.org/2000/01/rdf-schema#domain";
/// rdfs:range.
pub const RDFS_RANGE: &str = "http://www.w3.org/2000/01/rdf-schema#range";
/// owl:Class.
pub const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
/// owl:ObjectProperty.
pub const OWL_OBJECT_PROPERTY: &str = "http://www.w3.org/2002/07/owl#ObjectProperty";
/// The ontology's own IRI, which carries the modality cues.
pub const ONTOLOGY_IRI: &str = "https://w3id.org/kgx";

/// kgx's own terms as typed IRIs, the way oxrdf's `vocab` gives rdf and rdfs: classes,
/// predicates, and the terms of facts, evidence and merges.
pub mod kgx {
    use oxigraph::model::NamedNodeRef;

    macro_rules! terms {
        ($($(#[$doc:meta])* $name:ident = $local:literal;)*) => {
            $(
                $(#[$doc])*
                pub const $name: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!("https://w3id.org/kgx#", $local));
            )*
        };
    }

    terms! {
        /// kgx:Person, a class.
        PERSON = "Person";
        /// kgx:Organization, a class.
        ORGANIZATION = "Organization";
        /// kgx:University, a class.
        UNIVERSITY = "University";
        /// kgx:Lab, a class.
        LAB = "Lab";
        /// kgx:Company, a class.
        COMPANY = "Company";
        /// kgx:Media, a class.
        MEDIA = "Media";
        /// kgx:Team, a class.
        TEAM = "Team";
        /// kgx:Model, a class.
        MODEL = "Model";
        /// kgx:Place, a class.
        PLACE = "Place";
        /// kgx:Event, a class.
        EVENT = "Event";
        /// kgx:Topic, a class.
        TOPIC = "Topic";
        /// kgx:affiliatedWith: a person works for an organisation.
        AFFILIATED_WITH = "affiliatedWith";
        /// kgx:released: someone made a model public.
        RELEASED = "released";
        /// kgx:developed: someone built a model.
        DEVELOPED = "developed";
        /// kgx:holdsView: someone said or believes a claim.
        HOLDS_VIEW = "holdsView";
        /// kgx:leads: a person leads a team or organisation.
        LEADS = "leads";
        /// kgx:partOf: an organisation is a unit of another.
        PART_OF = "partOf";
        /// kgx:locatedIn: an organisation or event is in a place.
        LOCATED_IN = "locatedIn";
        /// kgx:spokeAt: a person spoke at an event.
        SPOKE_AT = "spokeAt";
        /// kgx:Document, the class of articles.
        DOCUMENT = "Document";
        /// kgx:Sentence, the class of evidence sentences.
        SENTENCE_CLASS = "Sentence";
        /// kgx:Evidence, the class of a fact's statements.
        EVIDENCE_CLASS = "Evidence";
        /// kgx:Merge, the class of merge notes.
        MERGE_CLASS = "Merge";
        /// kgx:confidence of a fact.
        CONFIDENCE = "confidence";
        /// kgx:role of an affiliation.
        ROLE = "role";
        /// kgx:claim of a view.
        CLAIM = "claim";
        /// kgx:evidence: a fact's statement in a document.
        EVIDENCE = "evidence";
        /// kgx:sentence: the sentence of a piece of evidence.
        SENTENCE = "sentence";
        /// kgx:rule: the rule that found a piece of evidence.
        RULE = "rule";
        /// kgx:sentenceText.
        SENTENCE_TEXT = "sentenceText";
        /// kgx:sentenceIndex.
        SENTENCE_INDEX = "sentenceIndex";
        /// kgx:merge: a merge note of an entity.
        MERGE = "merge";
        /// kgx:mergedName: the name a merge took in.
        MERGED_NAME = "mergedName";
        /// kgx:mergeReason: why it was taken in.
        MERGE_REASON = "mergeReason";
    }
}

/// The Web Annotation terms evidence is written in (oa:).
pub mod oa {
    use oxigraph::model::NamedNodeRef;

    /// oa:hasSource.
    pub const HAS_SOURCE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#hasSource");
    /// oa:hasSelector.
    pub const HAS_SELECTOR: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#hasSelector");
    /// oa:TextPositionSelector.
    pub const TEXT_POSITION_SELECTOR: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#TextPositionSelector");
    /// oa:start.
    pub const START: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#start");
    /// oa:end.
    pub const END: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#end");
}

/// The SKOS terms aliases are written in (skos:).
pub mod skos {
    use oxigraph::model::NamedNodeRef;

    /// skos:altLabel.
    pub const ALT_LABEL: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
}

/// rdf:, rdfs: and xsd: as oxrdf gives them.
pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

/// An entity class kgx emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A person.
    Person,
    /// Any organisation.
    Organization,
    /// A university.
    University,
    /// A research lab, institute or centre.
    Lab,
    /// A company.
    Company,
    /// A news organisation.
    Media,
    /// A team inside an organisation.
    Team,
    /// An AI model or product.
    Model,
    /// A place.
    Place,
    /// An event.
    Event,
    /// A topic of a view.
    Topic,
}

impl Class {
    /// Every class, in a fixed order.
    pub const ALL: [Class; 11] = [
        Class::Person,
        Class::Organization,
        Class::University,
        Class::Lab,
        Class::Company,
        Class::Media,
        Class::Team,
        Class::Model,
        Class::Place,
        Class::Event,
        Class::Topic,
    ];

    /// The local name under the kgx namespace.
    pub fn local_name(self) -> &'static str {
        match self {
            Class::Person => "Person",
            Class::Organization => "Organization",
            Class::University => "University",
            Class::Lab => "Lab",
            Class::Company => "Company",
            Class::Media => "Media",
            Class::Team => "Team",
            Class::Model => "Model",
            Class::Place => "Place",
            Class::Event => "Event",
            Class::Topic => "Topic",
        }
    }

    /// The class's IRI (see [`kgx`]).
    pub fn iri(self) -> oxigraph::model::NamedNodeRef<'static> {
        match self {
            Class::Person => kgx::PERSON,
            Class::Organization => kgx::ORGANIZATION,
            Class::University => kgx::UNIVERSITY,
            Class::Lab => kgx::LAB,
            Class::Company => kgx::COMPANY,
            Class::Media => kgx::MEDIA,
            Class::Team => kgx::TEAM,
            Class::Model => kgx::MODEL,
            Class::Place => kgx::PLACE,
            Class::Event => kgx::EVENT,
            Class::Topic => kgx::TOPIC,
        }
    }

    /// Whether this is Organization or one of its subclasses.
    pub fn is_organization(self) -> bool {
        matches!(
            self,
            Class::Organization | Class::University | Class::Lab | Class::Company | Class::Media
        )
    }

    /// Whether an entity of this class can release or develop a model.
    pub fn is_agent(self) -> bool {
        self.is_organization() || matches!(self, Class::Team | Class::Person)
    }
}

/// A predicate kgx emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Predicate {
    /// Person works for an organisation.
    AffiliatedWith,
    /// Someone made a model public.
    Released,
    /// Someone built a model.
    Developed,
    /// Someone said or believes a claim.
    HoldsView,
    /// Person leads a team or organisation.
    Leads,
    /// Organisation is a unit of another.
    PartOf,
    /// Organisation or event is in a place.
    LocatedIn,
    /// Person spoke at an event.
    SpokeAt,
}

impl Predicate {
    /// Every predicate, in a fixed order.
    pub const ALL: [Predicate; 8] = [
        Predicate::AffiliatedWith,
        Predicate::Released,
        Predicate::Developed,
        Predicate::HoldsView,
        Predicate::Leads,
        Predicate::PartOf,
        Predicate::LocatedIn,
        Predicate::SpokeAt,
    ];

    /// The predicate's bit in a set of predicates held as a `u8`.
    pub fn bit(self) -> u8 {
        const _: () = assert!(Predicate::ALL.len() <= 8, "predicate sets are u8 bit sets");
        1 << (self as u8)
    }

    /// The local name under the kgx namespace.
    pub fn local_name(self) -> &'static str {
        match self {
            Predicate::AffiliatedWith => "affiliatedWith",
            Predicate::Released => "released",
            Predicate::Developed => "developed",
            Predicate::HoldsView => "holdsView",
            Predicate::Leads => "leads",
            Predicate::PartOf => "partOf",
            Predicate::LocatedIn => "locatedIn",
            Predicate::SpokeAt => "spokeAt",
        }
    }
}

impl Predicate {
    /// The predicate's IRI (see [`kgx`]).
    pub fn iri(self) -> oxigraph::model::NamedNodeRef<'static> {
        match self {
            Predicate::AffiliatedWith => kgx::AFFILIATED_WITH,
            Predicate::Released => kgx::RELEASED,
            Predicate::Developed => kgx::DEVELOPED,
            Predicate::HoldsView => kgx::HOLDS_VIEW,
            Predicate::Leads => kgx::LEADS,
            Predicate::PartOf => kgx::PART_OF,
            Predicate::LocatedIn => kgx::LOCATED_IN,
            Predicate::SpokeAt => kgx::SPOKE_AT,
        }
    }
}

/// The full IRI of a kgx term.
pub fn kgx_iri(local: &str) -> String {
    format!("{KGX}{local}")
}

/// The default base of entity, document and fact IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/kgx/id/";

/// Prefixes declared in RDF output and predeclared in SPARQL queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("kgx", KGX),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("schema", "https://schema.org/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("dcterms", DCTERMS),
];

/// Dublin Core terms (document metadata).
pub const DCTERMS: &str = "http://purl.org/dc/terms/";

/// Where document metadata fields go in RDF: field names (lowercase) and their property.
pub const METADATA_PROPERTIES: &[(&[&str], &str)] = &[
    (&["title", "headline"], "http://purl.org/dc/terms/title"),
    (
        &["date", "published", "published_at", "pubdate", "datetime"],
        "http://purl.org/dc/terms/date",
    ),
    (
        &["author", "authors", "byline", "creator"],
        "http://purl.org/dc/terms/creator",
    ),
    (
        &["source", "publisher", "outlet", "site"],
        "http://purl.org/dc/terms/publisher",
    ),
    (&["language", "lang"], "http://purl.org/dc/terms/language"),
    (&["url", "link", "uri"], "https://schema.org/url"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_iris_are_the_namespace_and_the_local_names() {
        for c in Class::ALL {
            assert_eq!(c.iri().as_str(), kgx_iri(c.local_name()));
        }
        for p in Predicate::ALL {
            assert_eq!(p.iri().as_str(), kgx_iri(p.local_name()));
        }
        assert!(kgx::MERGE_REASON.as_str().starts_with(KGX));
        let oa = PREFIXES.iter().find(|(p, _)| *p == "oa").unwrap().1;
        assert!(oa::TEXT_POSITION_SELECTOR.as_str().starts_with(oa));
    }
}
