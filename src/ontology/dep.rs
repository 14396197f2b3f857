//! Universal Dependencies relations: the grammatical vocabulary the ontology's dependency
//! patterns are written in, and each token's relation to its head once parsed (see
//! `model::parser`).

/// A token's dependency relation to its head (UD v2; subtypes kept where extractors tell them
/// apart, the rest folded into their universal relation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Dep {
    /// Not parsed.
    #[default]
    Unparsed,
    /// The sentence's root.
    Root,
    /// Nominal subject.
    Nsubj,
    /// Passive nominal subject.
    NsubjPass,
    /// Clausal subject.
    Csubj,
    /// Direct object.
    Obj,
    /// Indirect object.
    Iobj,
    /// Oblique nominal ("at Y", "in April").
    Obl,
    /// The agent of a passive ("by Y").
    OblAgent,
    /// Nominal modifier ("professor of Y").
    Nmod,
    /// Possessive nominal modifier ("Y's").
    NmodPoss,
    /// Appositive ("X, a professor").
    Appos,
    /// Compound ("Y professor").
    Compound,
    /// Flat multiword name.
    Flat,
    /// Adjectival modifier.
    Amod,
    /// Numeric modifier.
    Nummod,
    /// Determiner.
    Det,
    /// Case marker (preposition, possessive 's).
    Case,
    /// Conjunct.
    Conj,
    /// Coordinating conjunction.
    Cc,
    /// Clausal complement ("said that …").
    Ccomp,
    /// Open clausal complement ("plans to release").
    Xcomp,
    /// Clausal modifier of a noun ("M, launched in April").
    Acl,
    /// Relative clause ("X, who joined Y").
    AclRelcl,
    /// Adverbial clause.
    Advcl,
    /// Adverbial modifier.
    Advmod,
    /// Auxiliary.
    Aux,
    /// Copula.
    Cop,
    /// Subordinating marker.
    Mark,
    /// Parataxis (a quotation's "he said").
    Parataxis,
    /// Punctuation.
    Punct,
    /// Anything else.
    Other,
}

impl Dep {
    /// The relation a UD label ("nsubj:pass", "obl") names.
    pub fn from_label(label: &str) -> Dep {
        match label {
            "root" => Dep::Root,
            "nsubj:pass" => Dep::NsubjPass,
            "obl:agent" => Dep::OblAgent,
            "nmod:poss" => Dep::NmodPoss,
            "acl:relcl" => Dep::AclRelcl,
            _ => match label.split(':').next().unwrap_or("") {
                "nsubj" => Dep::Nsubj,
                "csubj" => Dep::Csubj,
                "obj" => Dep::Obj,
                "iobj" => Dep::Iobj,
                "obl" => Dep::Obl,
                "nmod" => Dep::Nmod,
                "appos" => Dep::Appos,
                "compound" => Dep::Compound,
                "flat" => Dep::Flat,
                "amod" => Dep::Amod,
                "nummod" => Dep::Nummod,
                "det" => Dep::Det,
                "case" => Dep::Case,
                "conj" => Dep::Conj,
                "cc" => Dep::Cc,
                "ccomp" => Dep::Ccomp,
                "xcomp" => Dep::Xcomp,
                "acl" => Dep::Acl,
                "advcl" => Dep::Advcl,
                "advmod" => Dep::Advmod,
                "aux" => Dep::Aux,
                "cop" => Dep::Cop,
                "mark" => Dep::Mark,
                "parataxis" => Dep::Parataxis,
                "punct" => Dep::Punct,
                _ => Dep::Other,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtypes_fold_unless_told_apart() {
        assert_eq!(Dep::from_label("nsubj:pass"), Dep::NsubjPass);
        assert_eq!(Dep::from_label("nsubj:outer"), Dep::Nsubj);
        assert_eq!(Dep::from_label("compound:prt"), Dep::Compound);
        assert_eq!(Dep::from_label("nmod:poss"), Dep::NmodPoss);
        assert_eq!(Dep::from_label("nmod:unmarked"), Dep::Nmod);
        assert_eq!(Dep::from_label("dislocated"), Dep::Other);
    }
}
