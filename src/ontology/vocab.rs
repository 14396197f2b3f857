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
