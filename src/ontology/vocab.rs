//! The only IRI constants in kgx, and the classes and predicates the extractor emits.

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
/// rdfs:subClassOf.
pub const RDFS_SUBCLASSOF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
/// owl:Class.
pub const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
/// owl:ObjectProperty.
pub const OWL_OBJECT_PROPERTY: &str = "http://www.w3.org/2002/07/owl#ObjectProperty";
/// The ontology's own IRI, which carries the modality cues.
pub const ONTOLOGY_IRI: &str = "https://w3id.org/kgx";

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

/// The full IRI of a kgx term.
pub fn kgx_iri(local: &str) -> String {
    format!("{KGX}{local}")
}

/// rdf:Statement.
pub const RDF_STATEMENT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";
/// rdf:subject.
pub const RDF_SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
/// rdf:predicate.
pub const RDF_PREDICATE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
/// rdf:object.
pub const RDF_OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
/// skos:altLabel.
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
/// oa:hasSource.
pub const OA_HAS_SOURCE: &str = "http://www.w3.org/ns/oa#hasSource";
/// oa:hasSelector.
pub const OA_HAS_SELECTOR: &str = "http://www.w3.org/ns/oa#hasSelector";
/// oa:TextPositionSelector.
pub const OA_TEXT_POSITION_SELECTOR: &str = "http://www.w3.org/ns/oa#TextPositionSelector";
/// oa:start.
pub const OA_START: &str = "http://www.w3.org/ns/oa#start";
/// oa:end.
pub const OA_END: &str = "http://www.w3.org/ns/oa#end";
/// xsd:decimal.
pub const XSD_DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
/// xsd:integer.
pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
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
