//! Facts read from the dependency parse: the ontology's patterns (`kgx:pattern`, see
//! [`crate::ontology::pattern`]) run by one matcher over each parsed sentence. One pattern covers
//! the many surface forms of a construction ("X, a professor at Y", "X, who is a Y professor",
//! "X, associate head of research at Y") where a token window covers one.

use super::{Doc, Relation, Target};
use crate::ontology::dep::Dep;
use crate::ontology::pattern::{is_form_of, Direction, Link, Node, NodeKind, Pattern};
use crate::ontology::{Class, Predicate};
use crate::text::token::{Token, NO_HEAD};

const NONE: u32 = u32::MAX;

/// The parse as a tree: each token's dependents, and the mention each token heads.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// `kids[first[i]..first[i + 1]]` are token i's dependents, in order.
    first: Vec<u32>,
    kids: Vec<u32>,
    /// Per token: the mention whose syntactic head it is (`NONE` if none).
    heads: Vec<u32>,
}

impl Tree {
    /// Builds the dependents' index and finds each mention's head (the token whose own head lies
    /// outside the mention). Unparsed sentences have no dependents and no heads.
    pub fn new(
        tokens: &[Token],
        mentions: &[crate::mention::Mention],
        keep: impl Fn(usize) -> bool,
    ) -> Tree {
        let n = tokens.len();
        let mut count = vec![0u32; n + 1];
        for t in tokens {
            if t.head != NO_HEAD {
                count[t.head as usize] += 1;
            }
        }
        let mut first = Vec::with_capacity(n + 1);
        let mut sum = 0;
        for c in &count[..n] {
            first.push(sum);
            sum += c;
        }
        first.push(sum);
        let mut fill = first.clone();
        let mut kids = vec![0u32; sum as usize];
        for (i, t) in tokens.iter().enumerate() {
            if t.head != NO_HEAD {
                let h = t.head as usize;
                kids[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
        let mut heads = vec![NONE; n];
        for (k, m) in mentions.iter().enumerate() {
            if !keep(k) || m.tokens.0 >= m.tokens.1 || m.tokens.1 > n {
                continue;
            }
            if tokens[m.tokens.0].deprel == Dep::Unparsed {
                continue;
            }
            let inside = |h: u32| h != NO_HEAD && (m.tokens.0..m.tokens.1).contains(&(h as usize));
            for h in (m.tokens.0..m.tokens.1).filter(|&i| !inside(tokens[i].head)) {
                // The longest mention wins a shared head.
                let old = heads[h];
                if old == NONE || {
                    let o = &mentions[old as usize].tokens;
                    o.1 - o.0 < m.tokens.1 - m.tokens.0
                } {
                    heads[h] = k as u32;
                }
            }
            // "hired Kestrel co-founder Lena Marsh": the parser may hang the name from its
            // title, which then carries the name's part in the clause; the title's word whose
            // head lies outside title and name stands for the person too.
            if let Some((a, b)) = m.title.filter(|&(_, b)| b == m.tokens.0) {
                let titled = |h: u32| h != NO_HEAD && (a..m.tokens.1).contains(&(h as usize));
                // (Only where the title is a clause's argument: a title coordinated with
                // another role, "DIMA's manager, engineer X", is a description, not X.)
                let argument = |i: usize| {
                    matches!(
                        tokens[i].deprel,
                        Dep::Nsubj
                            | Dep::NsubjPass
                            | Dep::Obj
                            | Dep::Iobj
                            | Dep::Obl
                            | Dep::OblAgent
                    )
                };
                for h in (a..b).filter(|&i| !titled(tokens[i].head) && argument(i)) {
                    if heads[h] == NONE
                        && tokens[m.tokens.0..m.tokens.1]
                            .iter()
                            .any(|t| t.head as usize == h)
                    {
                        heads[h] = k as u32;
                    }
                }
            }
        }
        Tree { first, kids, heads }
    }

    /// Token i's dependents.
    pub fn children(&self, i: usize) -> &[u32] {
        match (self.first.get(i), self.first.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.kids[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The mention token i is the head of.
    pub fn mention_headed_by(&self, i: usize) -> Option<usize> {
        self.heads
            .get(i)
            .copied()
            .filter(|&m| m != NONE)
            .map(|m| m as usize)
    }
}

/// Whether a noun names an occupation (see [`crate::ontology::Ontology::is_occupation`]).
pub fn is_occupation(doc: &Doc, word: &str) -> bool {
    doc.ontology.is_occupation(word)
}

/// Whether tokens `range` hold a word some pattern of `p` needs: a verb or noun it names, or
/// an occupation for a pattern through a role. Patterns that name no word (a bare "of") do
/// not make a sentence worth parsing on their own.
pub(super) fn anchored(doc: &Doc, p: Predicate, range: std::ops::Range<usize>) -> bool {
    // The ontology marked every form of every pattern word on its lexeme.
    let bit = p.bit();
    let occupation = doc.ontology.occupation_patterns & bit != 0;
    range.into_iter().any(|i| {
        let t = &doc.tokens[i];
        let Some(&(word, role)) = doc.pattern_bits.get(i) else {
            return false;
        };
        t.kind == crate::text::token::TokenKind::Word
            && (role & bit != 0
                // Roles may be capitalised ("CEO of Y"); verbs and nouns of a pattern are not.
                || !t.capitalized && word & bit != 0
                || occupation && doc.ontology.is_occupation(&t.lower))
    })
}

/// Whether an entity of class `c` may stand as the subject (`subject`) or object of `p`.
pub(super) fn fits(p: Predicate, c: Class, subject: bool) -> bool {
    let org = c.is_organization() || c == Class::Team;
    match (p, subject) {
        (Predicate::AffiliatedWith | Predicate::Leads | Predicate::SpokeAt, true) => {
            c == Class::Person
        }
        (Predicate::AffiliatedWith | Predicate::Leads, false) => org,
        (Predicate::Released | Predicate::Developed, true) => c.is_agent(),
        (Predicate::Released | Predicate::Developed, false) => c == Class::Model,
        (Predicate::PartOf, _) => org,
        (Predicate::LocatedIn, true) => org || c == Class::Event || c == Class::Place,
        (Predicate::LocatedIn, false) => c == Class::Place,
        (Predicate::SpokeAt, false) => c == Class::Event,
        (Predicate::HoldsView, _) => false,
    }
}

/// The subjects of verb `v` as a reader finds them: its own `nsubj` (a relative pronoun stands
/// for the noun its clause hangs from), else the subject of the verb it complements or is
/// coordinated with, else, for a relative clause or a reduced one, the noun it hangs from.
pub(super) fn subjects(doc: &Doc, v: usize, out: &mut Vec<usize>, depth: u8) {
    let tree = &doc.tree;
    let t = &doc.tokens[v];
    let mut own = false;
    for &k in tree.children(v) {
        let k = k as usize;
        if doc.tokens[k].deprel == Dep::Nsubj {
            own = true;
            if matches!(doc.word(k), "who" | "which" | "that") && t.deprel == Dep::AclRelcl {
                if t.head != NO_HEAD {
                    out.push(t.head as usize);
                }
            } else {
                out.push(k);
            }
        }
    }
    if own || depth == 0 || t.head == NO_HEAD {
        return;
    }
    match t.deprel {
        // "X plans to join Y", "X left A and joined B", "X graduated … before working for Y".
        Dep::Xcomp | Dep::Conj | Dep::Advcl => subjects(doc, t.head as usize, out, depth - 1),
        Dep::AclRelcl => out.push(t.head as usize),
        _ => {}
    }
}

/// The verbs whose subject token `n` is.
fn verbs_of_subject(doc: &Doc, n: usize, out: &mut Vec<usize>) {
    let t = &doc.tokens[n];
    let mut first = Vec::new();
    if t.deprel == Dep::Nsubj && t.head != NO_HEAD {
        first.push(t.head as usize);
    }
    for &k in doc.tree.children(n) {
        if doc.tokens[k as usize].deprel == Dep::AclRelcl {
            first.push(k as usize);
        }
    }
    // Verbs that share the subject: "X left Google and joined Y", "X plans to join Y".
    let mut i = 0;
    while i < first.len() && first.len() < 16 {
        let v = first[i];
        for &k in doc.tree.children(v) {
            let k = k as usize;
            let d = doc.tokens[k].deprel;
            let has_own = doc
                .tree
                .children(k)
                .iter()
                .any(|&c| matches!(doc.tokens[c as usize].deprel, Dep::Nsubj | Dep::NsubjPass));
            if matches!(d, Dep::Xcomp | Dep::Conj | Dep::Advcl) && !has_own && !first.contains(&k) {
                first.push(k);
            }
        }
        i += 1;
    }
    out.extend(first);
}

fn upos_is(t: &Token, names: &[&str]) -> bool {
    let u = crate::model::tagger::UPOS
        .get(usize::from(t.upos))
        .copied()
        .unwrap_or("");
    names.contains(&u)
}

/// Whether token `i` passes a node test (the subject and object tests check their mention
/// elsewhere; here only their words and case).
fn node_ok(doc: &Doc, node: &Node, i: usize) -> bool {
    let t = &doc.tokens[i];
    let w = t.lower.as_str();
    let kind_ok = match node.kind {
        NodeKind::Subject | NodeKind::Object | NodeKind::Any => true,
        NodeKind::Noun => upos_is(t, &["NOUN", "PROPN"]),
        NodeKind::Verb => upos_is(t, &["VERB", "AUX"]),
        NodeKind::Role => {
            upos_is(t, &["NOUN", "PROPN"])
                && doc
                    .tree
                    .mention_headed_by(i)
                    .is_none_or(|m| !doc.is_named(m) || doc.mentions[m].class.is_none())
                && is_occupation(doc, w)
        }
    };
    kind_ok
        && (node.words.is_empty()
            || node
                .words
                .iter()
                .any(|l| is_form_of(w, l, &doc.ontology.irregular_forms)))
        && (node.case.is_empty()
            || doc.tree.children(i).iter().any(|&k| {
                let c = &doc.tokens[k as usize];
                matches!(c.deprel, Dep::Case | Dep::Mark) && node.case.iter().any(|x| *x == c.lower)
            }))
}

/// Where one step leads from token `i`.
fn step_targets(doc: &Doc, i: usize, dir: Direction, links: &[Link], out: &mut Vec<usize>) {
    for &link in links {
        match (dir, link) {
            (Direction::Down, Link::Dep(d)) => out.extend(
                doc.tree
                    .children(i)
                    .iter()
                    .map(|&k| k as usize)
                    .filter(|&k| doc.tokens[k].deprel == d),
            ),
            (Direction::Up, Link::Dep(d)) => {
                let t = &doc.tokens[i];
                if t.deprel == d && t.head != NO_HEAD {
                    out.push(t.head as usize);
                }
            }
            (Direction::Down, Link::Subject) => subjects(doc, i, out, 2),
            (Direction::Up, Link::Subject) => verbs_of_subject(doc, i, out),
        }
    }
}

/// One match: the object token and the path's first role node and first other node.
struct Hit {
    object: usize,
    role: Option<usize>,
    trigger: Option<usize>,
}

fn walk(
    doc: &Doc,
    p: &Pattern,
    k: usize,
    at: usize,
    role: Option<usize>,
    trigger: Option<usize>,
    out: &mut Vec<Hit>,
) {
    if out.len() > 32 {
        return;
    }
    let Some(step) = p.steps.get(k) else {
        out.push(Hit {
            object: at,
            role,
            trigger,
        });
        return;
    };
    if step.optional {
        walk(doc, p, k + 1, at, role, trigger, out);
    }
    let mut next = Vec::new();
    step_targets(doc, at, step.direction, &step.links, &mut next);
    for n in next {
        if n == at || !node_ok(doc, &step.node, n) {
            continue;
        }
        let role = role.or((step.node.kind == NodeKind::Role).then_some(n));
        let trigger = trigger.or((step.node.kind != NodeKind::Object).then_some(n));
        walk(doc, p, k + 1, n, role, trigger, out);
    }
}

/// Mentions of entities of class `class` coordinated with the one headed at token `h` ("A and
/// B, founders of Y"; "graduated from X and Y").
/// Whether a person's mention has an organisation of its own hanging from it by "of", "at"
/// or "from" ("B of NASA").
fn has_own_organization(doc: &Doc, m: usize) -> bool {
    let (a, b) = doc.mentions[m].tokens;
    (a..b)
        .filter(|&k| doc.tree.mention_headed_by(k) == Some(m))
        .flat_map(|k| doc.tree.children(k).iter().map(|&c| c as usize))
        .filter(|&c| doc.tokens[c].deprel == Dep::Nmod)
        .any(|c| {
            doc.tree.mention_headed_by(c).is_some_and(|om| {
                let start = doc.mentions[om].tokens.0;
                let at = doc.skip_back_determiners(start);
                at > 0
                    && matches!(doc.word(at - 1), "of" | "at" | "from")
                    && doc
                        .entity(om)
                        .is_some_and(|e| doc.class(e).is_organization())
            })
        })
}

fn coordinated(doc: &Doc, h: usize, out: &mut Vec<usize>) {
    let t = &doc.tokens[h];
    let mut heads = vec![h];
    if t.deprel == Dep::Conj && t.head != NO_HEAD {
        heads.push(t.head as usize);
    }
    let mut i = 0;
    while i < heads.len() && heads.len() < 8 {
        for &k in doc.tree.children(heads[i]) {
            if doc.tokens[k as usize].deprel == Dep::Conj && !heads.contains(&(k as usize)) {
                heads.push(k as usize);
            }
        }
        i += 1;
    }
    out.extend(
        heads
            .into_iter()
            .filter_map(|k| doc.tree.mention_headed_by(k)),
    );
}

/// The role phrase around occupational noun `r`: its modifiers and coordinated roles, without
/// names, determiners or possessives ("co-founder and chief executive officer").
pub fn role_text(doc: &Doc, r: usize) -> String {
    let mut keep = vec![r];
    let mut i = 0;
    while i < keep.len() && keep.len() < 16 {
        for &k in doc.tree.children(keep[i]) {
            let k = k as usize;
            let t = &doc.tokens[k];
            let named = doc.mention_covering(k).is_some_and(|m| doc.is_named(m));
            let ok = match t.deprel {
                Dep::Amod | Dep::Compound => !named,
                Dep::Advmod => matches!(t.lower.as_str(), "former" | "then" | "formerly"),
                Dep::Conj => !named && upos_is(t, &["NOUN"]) && is_occupation(doc, &t.lower),
                Dep::Cc => true,
                // "head of technology research": a field of lowercase words, with its "of".
                Dep::Nmod => {
                    !named
                        && !t.capitalized
                        && upos_is(t, &["NOUN"])
                        && doc
                            .tree
                            .children(k)
                            .iter()
                            .any(|&c| doc.word(c as usize) == "of")
                }
                Dep::Case => t.lower == "of" && doc.tokens[keep[i]].deprel == Dep::Nmod,
                _ => false,
            };
            if ok {
                keep.push(k);
            }
        }
        i += 1;
    }
    keep.sort_unstable();
    // A conjunction only between two kept roles.
    let text: Vec<&str> = keep
        .iter()
        .enumerate()
        .filter(|&(j, &k)| doc.tokens[k].deprel != Dep::Cc || (j > 0 && j + 1 < keep.len()))
        .map(|(_, &k)| doc.tokens[k].span.slice(doc.text))
        .collect();
    // A plural role shared by coordinated people is each one's role in the singular.
    text.iter()
        .map(|w| {
            let w = w.to_lowercase().replace('\u{2019}', "'");
            match w.strip_suffix('s') {
                Some(one) if is_occupation(doc, one) && !w.ends_with("ss") => one.to_string(),
                _ => w,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs every pattern of every predicate over the parsed sentences.
pub fn extract(doc: &Doc, out: &mut Vec<Relation>) {
    let mut hits = Vec::new();
    let mut subjects = Vec::new();
    let mut objects = Vec::new();
    for (&p, patterns) in &doc.ontology.patterns {
        for pattern in patterns {
            // "X, a computer scientist, who was appointed …": a relative clause on the
            // subject's appositive is about the subject.
            let relative = pattern.steps.first().is_some_and(|s| {
                s.direction == Direction::Down && s.links.contains(&Link::Dep(Dep::AclRelcl))
            });
            for (m, mention) in doc.mentions.iter().enumerate() {
                let Some(e) = doc.entity(m) else { continue };
                if !fits(p, doc.class(e), true) {
                    continue;
                }
                // A long name the parser split ("Mohamed bin Zayed University of …") has more
                // than one word whose head lies outside it; each may carry the fact.
                // (From the title's words: one may stand for the name, see [`Tree::new`].)
                let from = mention.title.map_or(mention.tokens.0, |t| t.0);
                for h in
                    (from..mention.tokens.1).filter(|&i| doc.tree.mention_headed_by(i) == Some(m))
                {
                    if !node_ok(doc, &pattern.subject, h) {
                        continue;
                    }
                    hits.clear();
                    walk(doc, pattern, 0, h, None, None, &mut hits);
                    if relative {
                        for &a in doc.tree.children(h) {
                            if doc.tokens[a as usize].deprel == Dep::Appos {
                                walk(doc, pattern, 0, a as usize, None, None, &mut hits);
                            }
                        }
                    }
                    for hit in &hits {
                        let Some(om) = doc.tree.mention_headed_by(hit.object) else {
                            continue;
                        };
                        // "a robot model called Marten": the name is the object (a pattern with
                        // the naming verb finds it), not the phrase that describes it.
                        if doc.named_after(om).is_some() {
                            continue;
                        }
                        let Some(o) = doc.entity(om) else { continue };
                        if o == e || !fits(p, doc.class(o), false) {
                            continue;
                        }
                        // A post announced is news ("will be CEO of Y"); a release that may come is
                        // not. Negation cancels either.
                        let announced = matches!(p, Predicate::AffiliatedWith | Predicate::Leads);
                        if hit.trigger.is_some_and(|t| {
                            if announced {
                                doc.negated_before(t, 4)
                            } else {
                                doc.hedged_before(t, 4)
                            }
                        }) {
                            continue;
                        }
                        subjects.clear();
                        objects.clear();
                        coordinated(doc, h, &mut subjects);
                        // "A, 47, of the ESA and B of NASA": a conjunct with its own "of"
                        // organisation does not share this one.
                        if p == Predicate::AffiliatedWith {
                            subjects.retain(|&sm| sm == m || !has_own_organization(doc, sm));
                        }
                        coordinated(doc, hit.object, &mut objects);
                        let role = hit
                            .role
                            .map(|r| role_text(doc, r))
                            .or_else(|| pattern.role.clone());
                        // Only a leader's role makes a leader ("head", not "head of research").
                        if p == Predicate::Leads
                            && !role.as_deref().is_none_or(|r| doc.ontology.is_lead_role(r))
                        {
                            continue;
                        }
                        for &sm in &subjects {
                            let Some(se) = doc.entity(sm) else { continue };
                            if !fits(p, doc.class(se), true) {
                                continue;
                            }
                            // "Professor A and B of Y": a title that names an occupation is A's role.
                            let role = role.clone().or_else(|| {
                                let (a, b) = doc.mentions[sm].title?;
                                let t = doc.text_of(a, b).to_lowercase();
                                (p == Predicate::AffiliatedWith
                                    && t.split_whitespace()
                                        .last()
                                        .is_some_and(|w| is_occupation(doc, w)))
                                .then_some(t)
                            });
                            for &obm in &objects {
                                let Some(oe) = doc.entity(obm) else { continue };
                                if oe == se || !fits(p, doc.class(oe), false) {
                                    continue;
                                }
                                // "X, 30, of Boothbay", "an actor from Broadway": where X lives or comes from (the
                                // window rule reads only "of"; a parse reaches "from" too).
                                let from = doc.skip_back_determiners(doc.mentions[obm].tokens.0);
                                if p == Predicate::AffiliatedWith
                                    && from > 0
                                    && matches!(doc.word(from - 1), "of" | "from")
                                    && doc.maybe_town(oe)
                                {
                                    continue;
                                }
                                let at = hit.trigger.unwrap_or(hit.object);
                                let mut r = Relation::at(
                                    doc,
                                    se,
                                    p,
                                    Target::Entity(oe),
                                    at,
                                    pattern.rule,
                                    pattern.confidence,
                                );
                                r.role = role.clone();
                                out.push(r);
                            }
                        }
                    }
                }
            }
        }
    }
}
