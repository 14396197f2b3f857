//! Dependency patterns: a fact's path through the parse, written as data in the ontology
//! (`kgx:pattern`) and run by one matcher (`relation::syntax`), the way Odin or spaCy's
//! DependencyMatcher state rules.
//!
//! A pattern is `NAME CONFIDENCE: SUBJ edge node edge … OBJ`, for example
//! `appositive-role 0.85: SUBJ >appos ROLE >nmod|compound OBJ[of,at]`:
//! - an edge `>rel|rel` goes down to a dependent with one of the relations, `<rel|rel` up to the
//!   head when the token has one of them; `subj` is the subject of a verb as a reader finds it
//!   (its `nsubj`, the noun a relative clause hangs from, the subject of the verb it complements
//!   or is coordinated with); a trailing `?` makes the step optional (the next test then applies
//!   to the same token);
//! - a node is a test: `SUBJ`, `OBJ` (the heads of the fact's two mentions), `ROLE` (an
//!   occupational noun), `NOUN`, `VERB`, `ANY`; `(w,w)` after it lists the words it must be
//!   (verbs by lemma: "join" matches "joined", "joins", "joining"); `[w,w]` lists the case or
//!   marker words one of its dependents must be ("at", "as").

use super::dep::Dep;

/// Whether `word` is a form of `lemma` ("joined", "joins", "joining", "tapped", "named" …).
/// `irregular` lists (form, lemma) pairs that the rules of English spelling do not make
/// (`kgx:irregularForm` in the ontology).
pub fn is_form_of(word: &str, lemma: &str, irregular: &[(String, String)]) -> bool {
    if word == lemma {
        return true;
    }
    if irregular.iter().any(|(w, l)| w == word && l == lemma) {
        return true;
    }
    let Some(rest) = word.strip_prefix(lemma) else {
        // "named" → "name", "hired" → "hire", "tries" → "try".
        if let Some(stem) = lemma.strip_suffix('e') {
            if let Some(end) = word.strip_prefix(stem) {
                return matches!(end, "ed" | "ing" | "es");
            }
        }
        if let Some(stem) = lemma.strip_suffix('y') {
            if let Some(end) = word.strip_prefix(stem) {
                return matches!(end, "ied" | "ies");
            }
        }
        return false;
    };
    match rest {
        "s" | "es" | "ed" | "d" | "ing" => true,
        // "tapped", "tapping": a doubled final consonant.
        _ => {
            let last = lemma.as_bytes().last().copied();
            rest.len() > 1
                && rest.as_bytes()[0] == last.unwrap_or(0)
                && matches!(&rest[1..], "ed" | "ing")
        }
    }
}

/// Every word [`is_form_of`] accepts for `lemma`, so that a table of them can stand in for
/// asking each pattern word of each token.
pub fn forms(lemma: &str, irregular: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = ["", "s", "es", "ed", "d", "ing"]
        .iter()
        .map(|end| format!("{lemma}{end}"))
        .collect();
    if let Some(&last) = lemma.as_bytes().last() {
        let last = char::from(last);
        out.push(format!("{lemma}{last}ed"));
        out.push(format!("{lemma}{last}ing"));
    }
    if let Some(stem) = lemma.strip_suffix('e') {
        out.push(format!("{stem}ing"));
    }
    if let Some(stem) = lemma.strip_suffix('y') {
        out.extend([format!("{stem}ied"), format!("{stem}ies")]);
    }
    out.extend(
        irregular
            .iter()
            .filter(|(_, l)| l == lemma)
            .map(|(w, _)| w.clone()),
    );
    out
}

/// What a node of a pattern must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// The head of the subject's mention.
    Subject,
    /// The head of the object's mention.
    Object,
    /// An occupational noun ("professor", "astronomer", "co-founder").
    Role,
    /// A common noun.
    Noun,
    /// A verb.
    Verb,
    /// Any token.
    Any,
}

/// One node test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// What it must be.
    pub kind: NodeKind,
    /// The words (lemmas for verbs) it must be, if any.
    pub words: Vec<String>,
    /// The case or marker words one of its dependents must be, if any.
    pub case: Vec<String>,
}

/// Which way an edge goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// To a dependent.
    Down,
    /// To the head.
    Up,
}

/// A relation an edge may follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// A dependency relation.
    Dep(Dep),
    /// The subject of a verb, as a reader finds it.
    Subject,
}

/// One step: an edge, then the node it reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Which way.
    pub direction: Direction,
    /// Along which relations.
    pub links: Vec<Link>,
    /// Whether the step may be skipped.
    pub optional: bool,
    /// The node reached.
    pub node: Node,
}

/// A named path from a fact's subject to its object.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// Its name ("appositive-role").
    pub name: String,
    /// The rule name facts carry: predicate and name ("affiliatedWith/appositive-role"), set
    /// when the ontology is loaded.
    pub rule: &'static str,
    /// How often its facts are right (calibrated on annotated news).
    pub confidence: f32,
    /// The role its facts carry when the path has no role noun (`role=founder`).
    pub role: Option<String>,
    /// The subject's own test (its words and case, if any).
    pub subject: Node,
    /// The steps to the object.
    pub steps: Vec<Step>,
}

/// Why a pattern could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("pattern {pattern:?}: {reason}")]
pub struct PatternError {
    /// The pattern as written.
    pub pattern: String,
    /// What is wrong.
    pub reason: String,
}

impl Pattern {
    /// Reads one pattern.
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let fail = |reason: String| PatternError {
            pattern: text.to_string(),
            reason,
        };
        let (head, body) = text
            .split_once(':')
            .ok_or_else(|| fail("no ':' after the name".into()))?;
        let mut head = head.split_whitespace();
        let name = head
            .next()
            .ok_or_else(|| fail("no name".into()))?
            .to_string();
        let mut role = None;
        let mut confidence = None;
        for word in head {
            if let Some(r) = word.strip_prefix("role=") {
                role = Some(r.replace('_', " "));
                continue;
            }
            let c = word
                .parse::<f32>()
                .ok()
                .filter(|c| (0.0..=1.0).contains(c))
                .ok_or_else(|| fail(format!("confidence {word:?} is not a number in 0..1")))?;
            confidence = Some(c);
        }
        let confidence = confidence.unwrap_or(0.5);
        let mut parts = body.split_whitespace();
        let subject =
            node(parts.next().ok_or_else(|| fail("empty path".into()))?).map_err(&fail)?;
        if subject.kind != NodeKind::Subject {
            return Err(fail("the path must start at SUBJ".into()));
        }
        let mut steps = Vec::new();
        while let Some(edge) = parts.next() {
            let (direction, rest) = match edge.as_bytes().first() {
                Some(b'>') => (Direction::Down, &edge[1..]),
                Some(b'<') => (Direction::Up, &edge[1..]),
                _ => return Err(fail(format!("{edge:?} is not an edge (>rel or <rel)"))),
            };
            let (rest, optional) = match rest.strip_suffix('?') {
                Some(r) => (r, true),
                None => (rest, false),
            };
            let links = rest
                .split('|')
                .map(|r| match r {
                    "subj" => Ok(Link::Subject),
                    r => match Dep::from_label(r) {
                        Dep::Other | Dep::Unparsed => Err(fail(format!("unknown relation {r:?}"))),
                        d => Ok(Link::Dep(d)),
                    },
                })
                .collect::<Result<Vec<_>, _>>()?;
            let target = parts
                .next()
                .ok_or_else(|| fail(format!("edge {edge:?} leads nowhere")))?;
            steps.push(Step {
                direction,
                links,
                optional,
                node: node(target).map_err(&fail)?,
            });
        }
        if steps.last().is_none_or(|s| s.node.kind != NodeKind::Object) {
            return Err(fail("the path must end at OBJ".into()));
        }
        Ok(Pattern {
            rule: "",
            role,
            name,
            confidence,
            subject,
            steps,
        })
    }
}

/// A rule name that lives as long as the process: each distinct name is stored once, however
/// often an ontology is loaded.
pub fn intern(name: String) -> &'static str {
    static NAMES: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&n) = names.get(name.as_str()) {
        return n;
    }
    let n: &'static str = Box::leak(name.into_boxed_str());
    names.insert(n);
    n
}

fn node(text: &str) -> Result<Node, String> {
    let end = text.find(['(', '[']).unwrap_or(text.len());
    let kind = match &text[..end] {
        "SUBJ" => NodeKind::Subject,
        "OBJ" => NodeKind::Object,
        "ROLE" => NodeKind::Role,
        "NOUN" => NodeKind::Noun,
        "VERB" => NodeKind::Verb,
        "ANY" => NodeKind::Any,
        other => return Err(format!("unknown node {other:?}")),
    };
    let list = |open: char, close: char| -> Result<Vec<String>, String> {
        match text.find(open) {
            None => Ok(Vec::new()),
            Some(a) => {
                let b = text[a..]
                    .find(close)
                    .ok_or_else(|| format!("{text:?}: unclosed {open}"))?;
                Ok(text[a + 1..a + b]
                    .split(',')
                    .map(|w| w.trim().to_lowercase())
                    .filter(|w| !w.is_empty())
                    .collect())
            }
        }
    };
    Ok(Node {
        kind,
        words: list('(', ')')?,
        case: list('[', ']')?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn irregular() -> Vec<(String, String)> {
        crate::ontology::Ontology::embedded()
            .expect("the embedded ontology loads")
            .irregular_forms
    }

    #[test]
    fn verb_forms_match_their_lemma() {
        for (w, l) in [
            ("joined", "join"),
            ("joins", "join"),
            ("joining", "join"),
            ("named", "name"),
            ("hired", "hire"),
            ("tapped", "tap"),
            ("launches", "launch"),
            ("open-sourced", "open-source"),
            ("unveiled", "unveil"),
            ("applies", "apply"),
        ] {
            assert!(is_form_of(w, l, &irregular()), "{w} {l}");
        }
        for (w, l) in [
            ("joint", "join"),
            ("manager", "manage"),
            ("ship", "shipped"),
            ("launcher", "launch"),
        ] {
            assert!(!is_form_of(w, l, &irregular()), "{w} {l}");
        }
    }

    #[test]
    fn the_forms_of_a_lemma_are_what_is_form_of_accepts() {
        let words = [
            "join", "joined", "joins", "joining", "joint", "name", "named", "naming", "names",
            "tap", "tapped", "tapping", "apply", "applied", "applies", "lead", "led", "leader",
            "make", "made", "making", "hire", "hired", "hiring", "hirer",
        ];
        for lemma in ["join", "name", "tap", "apply", "lead", "make", "hire"] {
            let forms = forms(lemma, &irregular());
            for w in words {
                assert_eq!(
                    forms.iter().any(|f| f == w),
                    is_form_of(w, lemma, &irregular()),
                    "{w} {lemma}"
                );
            }
        }
    }

    #[test]
    fn reads_a_path_with_words_cases_and_optional_steps() {
        let p =
            Pattern::parse("joined 0.8: SUBJ <subj VERB(join,rejoin) >obj|obl OBJ[at] >conj? OBJ")
                .unwrap();
        assert_eq!(p.name, "joined");
        assert!((p.confidence - 0.8).abs() < 1e-6);
        assert_eq!(p.steps.len(), 3);
        assert_eq!(p.steps[0].links, vec![Link::Subject]);
        assert_eq!(p.steps[0].node.words, vec!["join", "rejoin"]);
        assert_eq!(p.steps[1].direction, Direction::Down);
        assert_eq!(p.steps[1].node.case, vec!["at"]);
        assert!(p.steps[2].optional);
    }

    #[test]
    fn says_what_is_wrong() {
        for (text, why) in [
            ("x: SUBJ >nope OBJ", "unknown relation"),
            ("x: OBJ >appos SUBJ", "start at SUBJ"),
            ("x: SUBJ >appos ROLE", "end at OBJ"),
            ("x 2: SUBJ >appos OBJ", "confidence"),
            ("SUBJ >appos OBJ", "no ':'"),
            ("x: SUBJ appos OBJ", "not an edge"),
            ("x: SUBJ >appos THING", "unknown node"),
        ] {
            let e = Pattern::parse(text).unwrap_err();
            assert!(e.to_string().contains(why), "{text}: {e}");
        }
    }
}
