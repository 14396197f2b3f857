//! Affiliations: "X, professor of Y", "Y's chief scientist X", "Y CEO X", "Professor X of Y",
//! "X joined Y as …", each with the role as an attribute; leadership roles also give `leads`.

use super::{Doc, Relation, Target};
use crate::mention::{MentionKind, APPOINTING};
use crate::ontology::{Class, Predicate};
use crate::text::pos::Pos;
use crate::text::token::TokenKind;

#[allow(clippy::too_many_arguments)]
fn push(
    doc: &Doc,
    out: &mut Vec<Relation>,
    person: usize,
    org: usize,
    role: Option<String>,
    at: usize,
    rule: &'static str,
    confidence: f32,
) {
    if person == org {
        return;
    }
    let t = &doc.tokens[at];
    let lead = role
        .as_deref()
        .is_some_and(|r| doc.ontology.is_lead_role(r));
    out.push(Relation {
        subject: person,
        predicate: Predicate::AffiliatedWith,
        object: Target::Entity(org),
        role: role.clone(),
        claim: None,
        sentence: t.sentence,
        trigger: t.span,
        rule,
        confidence,
    });
    if lead && doc.class(org) != Class::Team {
        out.push(Relation {
            subject: person,
            predicate: Predicate::Leads,
            object: Target::Entity(org),
            role,
            claim: None,
            sentence: t.sentence,
            trigger: t.span,
            rule: "leads/role",
            confidence: confidence * 0.9,
        });
    }
}

/// Reads "ROLE of ORG", "ORG's ROLE", "ORG ROLE" from token `i`, repeated with "and".
fn role_org_list(doc: &Doc, mut i: usize) -> Vec<(Option<String>, usize, usize)> {
    let mut found = Vec::new();
    // The role of "a researcher who …", for the organisation the clause names.
    let mut described_as: Option<String> = None;
    for _ in 0..4 {
        // "who earlier this month resigned from ORG", "who last year left ORG": a time phrase
        // between the relative pronoun and its verb.
        if doc.word(i) == "who" {
            let mut k = i + 1;
            while k < i + 5
                && (matches!(
                    doc.word(k),
                    "earlier"
                        | "later"
                        | "last"
                        | "this"
                        | "that"
                        | "month"
                        | "week"
                        | "year"
                        | "in"
                        | "early"
                        | "late"
                ) || doc
                    .tokens
                    .get(k)
                    .is_some_and(|t| t.kind == TokenKind::Number))
            {
                k += 1;
            }
            if k > i + 1 && doc.cue_at(Predicate::AffiliatedWith, k, false).is_some() {
                i = k;
            }
        }
        while matches!(
            doc.word(i),
            "who"
                | "is"
                | "was"
                | "has"
                | "been"
                | "now"
                | "currently"
                | "also"
                | "then"
                | "previously"
                | "formerly"
                | "had"
        ) {
            i += 1;
        }
        // "who previously worked at ORG"
        if let Some(n) = doc.cue_at(Predicate::AffiliatedWith, i, false) {
            if !matches!(doc.word(i), "is" | "was" | "became" | "becomes" | "remains") {
                if let Some((_, e)) = doc.organization_from(i + n, 4) {
                    found.push((described_as.take(), e, i));
                }
                break;
            }
        }
        let its = matches!(doc.word(i), "its" | "their");
        if doc.mention_at(i).is_none() {
            i = doc.skip_determiners(i);
        }
        if its {
            // "now its chief scientist": the organisation last named.
            if let Some((role, _)) = doc.role_phrase(i) {
                if let Some(e) = doc.organization_before(i) {
                    found.push((Some(role), e, i));
                }
            }
            break;
        }
        // ORG 's ROLE  |  ORG ROLE
        if let Some(m) = doc.mention_at(i) {
            let Some(e) = doc.entity(m) else { break };
            let c = doc.class(e);
            if !(c.is_organization() || c == Class::Team) {
                break;
            }
            let mut j = doc.mentions[m].tokens.1;
            if doc.word(j) == "'s" {
                j += 1;
            }
            let j = doc.skip_determiners(j);
            match doc.role_phrase(j) {
                // "Alicia Abraham, Circuit Judge Michael Getty said": the title is the next
                // person's.
                Some((_, end))
                    if doc
                        .entity_at(end)
                        .is_some_and(|p| doc.class(p) == Class::Person) =>
                {
                    break;
                }
                Some((role, end)) => {
                    found.push((Some(role), e, j));
                    i = end;
                }
                None => {
                    // "X, Department Chair of NLP at MBZUAI": an organisation with no role;
                    // when it names a unit "at" a larger one, the larger one.
                    if found.is_empty() && c != Class::Team {
                        let (start, end) = doc.mentions[m].tokens;
                        let outer = if matches!(doc.word(end), "at" | "of") {
                            doc.organization_from(end + 1, 3).map(|(_, o)| o)
                        } else {
                            None
                        };
                        // A "unit" that names an occupation is the person's role there
                        // ("Department Chair of NLP at Y").
                        let role = outer
                            .filter(|_| {
                                (start..end).any(|k| doc.ontology.role_heads.contains(doc.word(k)))
                            })
                            .map(|_| doc.text_of(start, end).to_lowercase());
                        found.push((role, outer.unwrap_or(e), i));
                    }
                    break;
                }
            }
        } else if let Some((role, end)) = doc.role_phrase(i) {
            // "a researcher who earlier this month resigned from ORG": the clause says where.
            if doc.word(end) == "who" && found.is_empty() {
                described_as = Some(role);
                i = end;
                continue;
            }
            // ROLE (of|at|with|for|on) ORG
            if !matches!(doc.word(end), "of" | "at" | "with" | "for" | "on" | "in") {
                break;
            }
            let Some((m, e)) = doc.organization_from(end + 1, 7) else {
                // "leader of Bosnian Serbs and vice-president of the Union of Serb Writers": a
                // role of no organisation, then one of an organisation.
                let next = (end + 1..(end + 6).min(doc.tokens.len()))
                    .take_while(|&k| doc.same_sentence(end, k) && doc.word(k) != ",")
                    .find(|&k| doc.word(k) == "and")
                    .filter(|&k| doc.role_phrase(doc.skip_determiners(k + 1)).is_some());
                match next {
                    Some(k) => {
                        i = k + 1;
                        continue;
                    }
                    None => break,
                }
            };
            let m_end = (end + 1..doc.tokens.len())
                .find(|&k| doc.entity_before(k) == Some(e))
                .unwrap_or(end + 1);
            // "chief of waste disposal for the NRC": the field is part of the role (a chief of
            // a field does not lead the organisation).
            let mut role = role;
            if doc.word(end) == "of"
                && doc.ontology.is_lead_role(&role)
                && doc.tokens[end + 1].pos != crate::text::pos::Pos::Det
            {
                let start = doc.mentions[m].tokens.0;
                if let Some(k) = (end + 1..start).find(|&k| matches!(doc.word(k), "for" | "at")) {
                    if k > end + 1 && (end + 1..k).all(|x| !doc.tokens[x].is_capitalized()) {
                        role = format!("{role} of {}", doc.text_of(end + 1, k).to_lowercase());
                    }
                }
            }
            found.push((Some(role), e, i));
            i = m_end;
        } else {
            break;
        }
        // "professor at Queens College of the City University of New York and president of
        // Y": past the larger organisation or place the one named is part of or in.
        for _ in 0..2 {
            if !matches!(doc.word(i), "of" | "at" | "in") {
                break;
            }
            let Some(m) = doc.mention_at(doc.skip_determiners(i + 1)) else {
                break;
            };
            if !doc
                .entity(m)
                .is_some_and(|e| doc.class(e).is_organization() || doc.class(e) == Class::Place)
            {
                break;
            }
            i = doc.mentions[m].tokens.1;
        }
        if doc.word(i) == "," && doc.word(i + 1) == "and" {
            i += 1;
        } else if doc.word(i) == "," && doc.role_phrase(doc.skip_determiners(i + 1)).is_some() {
            // "X, a member of A, a chair professor at B, and the president of C": a list.
            i += 1;
            continue;
        }
        if doc.word(i) != "and" {
            break;
        }
        i += 1;
    }
    found
}

/// A description written before a person's name that holds an organisation and a role: "Sakana's
/// co-founder and chief executive officer David Ha", "former Google engineers A and B",
/// "Character.AI co-founders A and B". People coordinated after the name share it when the role
/// is plural.
fn described(doc: &Doc, out: &mut Vec<Relation>) {
    for (mi, m) in doc.mentions.iter().enumerate() {
        if m.kind != MentionKind::Name || m.quoted {
            continue;
        }
        let Some(person) = doc.entity(mi).filter(|&e| doc.class(e) == Class::Person) else {
            continue;
        };
        let s = m.title.map_or(m.tokens.0, |t| t.0.min(m.tokens.0));
        let d = doc.description_start(s);
        if d >= s {
            continue;
        }
        // The description, cut into parts at an "and" that opens another organisation's role:
        // "Character.AI co-founders | and former Google engineers".
        let mut parts: Vec<(Option<usize>, Vec<usize>, Option<usize>)> = vec![(None, vec![], None)];
        let mut k = d;
        while k < s {
            if let Some(om) = doc
                .mention_at(k)
                .filter(|&om| doc.mentions[om].tokens.1 <= s)
            {
                if let Some(e) = doc.entity(om).filter(|&e| doc.class(e).is_organization()) {
                    let part = parts.last_mut().expect("one part");
                    if part.0.is_some() && part.2.is_some() {
                        parts.push((Some(e), vec![], None));
                    } else {
                        part.0 = Some(e);
                    }
                }
                k = doc.mentions[om].tokens.1;
                continue;
            }
            let w = doc.word(k);
            if w == "and" {
                let next_org = (k + 1..s)
                    .take_while(|&j| !doc.ontology.is_occupation(doc.word(j)))
                    .any(|j| doc.mention_at(j).is_some());
                if next_org {
                    parts.push((None, vec![], None));
                    k += 1;
                    continue;
                }
            }
            if !matches!(w, "the" | "a" | "an" | "'s" | "its" | "their")
                && !w.ends_with("-year-old")
            {
                let part = parts.last_mut().expect("one part");
                if super::syntax::is_occupation(doc, w) {
                    part.2 = Some(k);
                }
                part.1.push(k);
            }
            k += 1;
        }
        for (org, mut role, occupation) in parts {
            let (Some(org), Some(at)) = (org, occupation) else {
                continue;
            };
            while role.first().is_some_and(|&k| doc.word(k) == "and") {
                role.remove(0);
            }
            while role.last().is_some_and(|&k| doc.word(k) == "and") {
                role.pop();
            }
            let plural = doc.word(at).ends_with('s');
            let text = role
                .iter()
                .map(|&k| {
                    let w = doc.tokens[k].span.slice(doc.text).to_lowercase();
                    match w.strip_suffix('s') {
                        Some(one)
                            if k == at && plural && super::syntax::is_occupation(doc, one) =>
                        {
                            one.to_string()
                        }
                        _ => w,
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            push(
                doc,
                out,
                person,
                org,
                Some(text.clone()),
                at,
                "affiliation/description",
                0.8,
            );
            // "co-founders A and B": the second person shares the role.
            if plural && doc.word(m.tokens.1) == "and" {
                if let Some(p2) = doc
                    .entity_at(m.tokens.1 + 1)
                    .filter(|&e| doc.class(e) == Class::Person)
                {
                    push(
                        doc,
                        out,
                        p2,
                        org,
                        Some(text),
                        at,
                        "affiliation/description",
                        0.8,
                    );
                }
            }
        }
    }
}

/// Where "of", "at" or "from" follows a name, directly ("X of ORG") or after an age or a
/// comma ("X, 47, of ORG", "X, of ORG,"; a comma allows "of" only).
fn of_after(doc: &Doc, end: usize) -> Option<usize> {
    if matches!(doc.word(end), "of" | "at" | "from") {
        return Some(end);
    }
    if doc.word(end) != "," {
        return None;
    }
    let age = doc.word(end + 1).len() <= 3
        && doc.word(end + 1).bytes().all(|b| b.is_ascii_digit())
        && doc.word(end + 2) == ",";
    let k = if age { end + 3 } else { end + 1 };
    (doc.word(k) == "of").then_some(k)
}

/// `ORG will close two plants, said X, a company spokeswoman` / `…, said station chief X`: a
/// speaker whose role names no organisation speaks for the one organisation the sentence
/// names before the speech verb.
fn speaker_of_the_sentence(doc: &Doc, out: &mut Vec<Relation>, person: usize, m: usize) {
    let mention = &doc.mentions[m];
    let (start, end) = mention.tokens;
    let mut first = mention.title.map_or(start, |t| t.0);
    // "said station chief X": lower-case words qualifying the title belong to the role.
    if mention.title.is_some() {
        while first > 0
            && mention.title.is_some_and(|(a, _)| a - first < 2)
            && doc.tokens[first - 1].kind == TokenKind::Word
            && !doc.tokens[first - 1].is_capitalized()
            && matches!(doc.tokens[first - 1].pos, Pos::Noun | Pos::Adj)
        {
            first -= 1;
        }
    }
    if first == 0 || !matches!(doc.word(first - 1), "said" | "says" | "added" | "explained") {
        return;
    }
    let verb = first - 1;
    // The role: the title before the name, or an appositive after it that ends the clause.
    let role = match mention.title {
        Some((a, b)) if !doc.tokens[a].is_capitalized() => {
            Some((doc.text_of(first, b).to_lowercase(), first))
        }
        _ if doc.word(end) == "," => {
            let k = doc.skip_determiners(end + 1);
            doc.role_phrase(k)
                .filter(|&(_, e)| {
                    matches!(doc.word(e), "." | "," | ";" | "") || !doc.same_sentence(k, e)
                })
                .map(|(r, _)| (r, k))
        }
        _ => None,
    };
    // The words before the role's head are rank ("senior", "chief"), the organisation's kind
    // ("a company spokeswoman") or a unit or line of work ("station chief", "product
    // manager"), not another body ("a union official", "a city official").
    let o = doc.ontology;
    let own = |r: &str| {
        let words: Vec<&str> = r.split(' ').collect();
        words[..words.len() - 1].iter().all(|w| {
            o.role_words.contains(w)
                || o.anaphors.get(w).is_some_and(|c| c.is_organization())
                || o.head_class(w).is_none()
                    && !o.settlements.contains(w)
                    && !o.anaphors.contains_key(w)
                    && !o.demonyms.contains_key(w)
        })
    };
    // A role that speaks for an organisation or runs it: a spokesperson, an official, an
    // executive; not an analyst or an expert, who comment on organisations from outside.
    let speaks_for = |r: &str| {
        let head = r.rsplit(' ').next().unwrap_or(r);
        doc.ontology.spokesperson_roles.contains(head)
    };
    let Some((role, at)) = role.filter(|(r, _)| speaks_for(r) && own(r)) else {
        return;
    };
    let mut orgs = Vec::new();
    for (k, other) in doc.mentions.iter().enumerate() {
        if other.sentence != mention.sentence || other.tokens.1 > verb {
            continue;
        }
        if let Some(e) = doc.entity(k) {
            if doc.class(e).is_organization() && doc.could_employ(e) && !orgs.contains(&e) {
                orgs.push(e);
            }
        }
    }
    if let [org] = orgs[..] {
        push(
            doc,
            out,
            person,
            org,
            Some(role),
            at,
            "affiliation/speaker",
            0.6,
        );
    }
}

/// "A Harlow University law professor, Tom Wright, …": the organisation named in a fronted
/// description (an article, the name, up to two words qualifying the role), for the role
/// starting at `r`.
fn fronted_org(doc: &Doc, r: usize) -> Option<usize> {
    let mut k = r;
    while k > 0
        && r - k < 2
        && doc.tokens[k - 1].kind == TokenKind::Word
        && !doc.tokens[k - 1].is_capitalized()
        && matches!(doc.tokens[k - 1].pos, Pos::Noun | Pos::Adj)
    {
        k -= 1;
    }
    let om = doc.mention_before(k)?;
    let first = doc.mentions[om].tokens.0;
    let opens = first == 0
        || !doc.same_sentence(first - 1, first)
        || matches!(doc.word(first - 1), "a" | "an" | "the" | "former");
    doc.entity(om)
        .filter(|&e| opens && doc.class(e).is_organization())
}

/// "Corvane (has) named Lena Marsh (as) its chief executive": the organisation that puts the
/// person in a post, when the post is not another's ("named X publisher of the Y": Y's, which
/// the role's own rules read).
fn appointed(doc: &Doc, out: &mut Vec<Relation>, person: usize, start: usize, end: usize) {
    if start == 0 || !APPOINTING.contains(&doc.word(start - 1)) {
        return;
    }
    let mut s = start - 1;
    while s > 0
        && matches!(
            doc.word(s - 1),
            "has" | "have" | "had" | "also" | "recently"
        )
    {
        s -= 1;
    }
    if doc.negated_before(start - 1, 4) {
        return;
    }
    let Some(org) = doc
        .entity_before(s)
        .filter(|&e| doc.class(e).is_organization())
    else {
        return;
    };
    let mut j = end;
    let as_role = doc.word(j) == "as";
    if as_role {
        j += 1;
    }
    let own = matches!(doc.word(j), "its" | "their");
    // ("Glassdoor named X the top-rated chief executive": a ranking, not a post.)
    if !own && !as_role && matches!(doc.word(j), "the" | "a" | "an") {
        return;
    }
    let j = if own { j + 1 } else { doc.skip_determiners(j) };
    let Some((mut role, e)) = doc.role_phrase(j) else {
        return;
    };
    if matches!(doc.word(e), "of" | "at" | "for") && doc.organization_from(e + 1, 4).is_some() {
        if !own {
            return;
        }
    } else if doc.word(e) == "of" {
        // "head of sales": the field is the role's.
        let field = (e + 1..(e + 4).min(doc.tokens.len()))
            .take_while(|&k| {
                doc.same_sentence(e, k)
                    && doc.tokens[k].kind == TokenKind::Word
                    && !doc.tokens[k].is_capitalized()
                    && matches!(doc.tokens[k].pos, Pos::Noun | Pos::Adj)
            })
            .last();
        if let Some(f) = field {
            role = format!("{role} {}", doc.text_of(e, f + 1).to_lowercase());
        }
    }
    push(
        doc,
        out,
        person,
        org,
        Some(role),
        start - 1,
        "affiliation/appointed",
        0.8,
    );
}

pub(super) fn extract(doc: &Doc, out: &mut Vec<Relation>) {
    described(doc, out);
    let o = doc.ontology;
    // The organisation of the last "ORG TITLE X" in a sentence, for lists of titled names.
    let mut listed: Option<(usize, usize)> = None;
    for (mi, m) in doc.mentions.iter().enumerate() {
        if m.kind != MentionKind::Name || m.quoted {
            continue;
        }
        let Some(person) = doc.entity(mi) else {
            continue;
        };
        if doc.class(person) != Class::Person {
            continue;
        }
        speaker_of_the_sentence(doc, out, person, mi);
        let (start, end) = m.tokens;
        // "The startup's president, Julian Okoye, said": ORG's ROLE, X
        if start > 1 && doc.word(start - 1) == "," {
            let mut r = start - 1;
            while r > 0 && doc.ontology.role_words.contains(doc.word(r - 1)) && start - r < 6 {
                r -= 1;
            }
            if r < start - 1 {
                if let Some((role, role_end)) = doc.role_phrase(r) {
                    if role_end == start - 1 && r > 0 {
                        // "Its 31-year-old CEO, X": an age before the role.
                        let q = if r > 1 && doc.word(r - 1).ends_with("-year-old") {
                            r - 1
                        } else {
                            r
                        };
                        let org = match doc.word(q - 1) {
                            "'s" => doc.entity_before(q - 1),
                            "its" | "their" => doc.organization_before(q - 1),
                            _ => fronted_org(doc, r),
                        };
                        if let Some(org) = org.filter(|&o| doc.class(o).is_organization()) {
                            push(
                                doc,
                                out,
                                person,
                                org,
                                Some(role),
                                r,
                                "affiliation/role-before",
                                0.8,
                            );
                        }
                    }
                }
            }
        }
        // "the commander of the Soviet Navy Nikolai Kuznetsov", "The head of Harlow Transplant
        // Service, Dr. Lena Marsh, said": a role of an organisation, then the person holding it.
        // After a comma the name must close an appositive of its own: in "He was named
        // chairman of Acme, Smith said" the name starts a new clause.
        {
            let first = m.title.map_or(start, |t| t.0);
            let comma = first > 0 && doc.word(first - 1) == ",";
            let k = if comma { first - 1 } else { first };
            let closed = !comma || matches!(doc.word(end), "," | ")");
            let org = doc
                .mention_before(k)
                .filter(|&om| doc.mentions[om].kind == MentionKind::Name)
                .and_then(|om| doc.entity(om).map(|e| (om, e)))
                .filter(|&(_, e)| closed && doc.class(e).is_organization());
            if let Some((om, org)) = org {
                let mut j = doc.mentions[om].tokens.0;
                if j > 0 && doc.word(j - 1) == "the" {
                    j -= 1;
                }
                if j > 1 && matches!(doc.word(j - 1), "of" | "at" | "for") {
                    let of = j - 1;
                    let role = (of.saturating_sub(4)..of)
                        .filter(|&r| doc.same_sentence(r, of))
                        .find_map(|r| doc.role_phrase(r).filter(|&(_, e)| e == of).map(|p| (p, r)));
                    // ("X, the commander of the Y Police (YP), Khon Kaen, …": a role in
                    // apposition to the name before it is that name's.)
                    let appositive = role.as_ref().is_some_and(|&(_, r)| {
                        let r = doc.skip_back_determiners(r);
                        r > 0 && doc.word(r - 1) == "," && doc.mention_before(r - 1).is_some()
                    });
                    if let Some(((role, _), _)) = role.filter(|_| !appositive) {
                        push(
                            doc,
                            out,
                            person,
                            org,
                            Some(role),
                            of,
                            "affiliation/role-of-before",
                            0.8,
                        );
                    }
                }
            }
        }
        // "X left Stanford in 2023 to co-found Orbital": X founded, leads and belongs to it.
        let founding = |k: usize| {
            matches!(
                doc.word(k),
                "co-found" | "co-founded" | "found" | "founded" | "cofounded"
            ) && doc.word(k + 1) != "by"
        };
        if let Some(k) = doc.verb_of_person(end, 15, &["said", "says"], founding) {
            if let Some((_, org)) = doc.organization_from(k + 1, 3) {
                let role = if doc.word(k).starts_with("co") {
                    "co-founder"
                } else {
                    "founder"
                };
                push(
                    doc,
                    out,
                    person,
                    org,
                    Some(role.to_string()),
                    k,
                    "affiliation/founded",
                    0.8,
                );
            }
        }
        // X, ROLE of ORG ...  |  X (ORG's ROLE)
        // ("Sen. Lena Marsh, D-Ohio, chairman of …", "Tomas Rell, 54, president of …": an
        // American legislator's party and state, or an age, come first.)
        let mut end = end;
        while doc.word(end) == "," && doc.same_sentence(end, end + 3) {
            let raw = doc.text_of(end + 1, end + 2);
            let age = doc
                .tokens
                .get(end + 1)
                .is_some_and(|t| t.kind == TokenKind::Number && raw.len() <= 3);
            let party = ["D-", "R-", "I-"].iter().any(|p| raw.starts_with(p)) && raw.len() <= 10;
            // (The state's full stop may stand apart: "D-Calif" ".".)
            let close = if party && doc.word(end + 2) == "." {
                end + 3
            } else {
                end + 2
            };
            if !(age || party) || doc.word(close) != "," {
                break;
            }
            end = close;
        }
        if matches!(doc.word(end), "," | "(") {
            // "airlines are Aloha, America West, Piedmont, Southwest and United": in a list of
            // names the next one is no appositive of this one.
            let listed =
                start > 1 && doc.word(start - 1) == "," && doc.mention_before(start - 1).is_some();
            for (role, org, at) in role_org_list(doc, end + 1) {
                if role.is_none() && listed {
                    continue;
                }
                push(
                    doc,
                    out,
                    person,
                    org,
                    role,
                    at,
                    "affiliation/appositive",
                    0.9,
                );
            }
        }
        // [ORG ('s)] TITLE X  (of ORG)
        if let Some((ts, te)) = m.title {
            // "Mistral AI CEO X": a title that starts inside the organisation's name ("AI") starts
            // after it.
            let inside = doc
                .mention_covering(ts)
                .filter(|&cm| {
                    let (a, b) = doc.mentions[cm].tokens;
                    a < ts && b > ts && b < te
                })
                .filter(|&cm| {
                    doc.entity(cm)
                        .is_some_and(|e| doc.class(e).is_organization())
                });
            let ts = inside.map_or(ts, |cm| doc.mentions[cm].tokens.1);
            let role = doc.text_of(ts, te).to_lowercase();
            let role = role.trim_end_matches('.').to_string();
            let mut before = ts;
            if before > 0 && doc.word(before - 1) == "'s" {
                before -= 1;
            }
            if before > 0 && doc.word(before - 1) == ")" {
                // "Baidu ( BIDU ) CEO Robin Li", "CHP (Republican People's Party) leader X": skip
                // a ticker or another name of the organisation in brackets.
                if let Some(open) = (before.saturating_sub(7)..before - 1)
                    .rev()
                    .find(|&k| doc.word(k) == "(")
                {
                    let org_before = || {
                        doc.entity_before(open)
                            .is_some_and(|e| doc.class(e).is_organization())
                    };
                    if doc.mention_before(before).is_none() || org_before() {
                        before = open;
                    }
                }
            }
            let mut org_before = doc
                .entity_before(before)
                .filter(|&e| doc.class(e).is_organization());
            if org_before.is_none() && before > 0 && matches!(doc.word(before - 1), "its" | "their")
            {
                // "its chief operating officer X": the organisation last named.
                org_before = doc.organization_before(before - 1);
            }
            // "its COO Shan Wong, and CTO Christian Laforte": the list shares the organisation.
            if org_before.is_none() && before > 0 && matches!(doc.word(before - 1), "and" | ",") {
                org_before = listed
                    .filter(|&(sentence, _)| sentence == m.sentence)
                    .map(|(_, org)| org);
            }
            if let Some(org) = org_before {
                listed = Some((m.sentence, org));
                push(
                    doc,
                    out,
                    person,
                    org,
                    Some(role.clone()),
                    ts,
                    "affiliation/title",
                    0.85,
                );
            } else if matches!(doc.word(end), "of" | "at" | "from") {
                // ("President Lincoln at Ford's Theater": a name owning what follows is not
                // where the title is held.)
                let owner = |m: usize| doc.word(doc.mentions[m].tokens.1) == "'s";
                if let Some((_, org)) = doc
                    .organization_from(end + 1, 4)
                    .filter(|&(m, _)| !owner(m))
                {
                    let r = o
                        .role_at(&role.split(' ').collect::<Vec<_>>())
                        .map(|_| role.clone())
                        .or(Some(role.clone()));
                    push(doc, out, person, org, r, ts, "affiliation/title-of", 0.85);
                }
            }
        } else if let Some(of) = of_after(doc, end).filter(|&of| start > 0 || of > end) {
            // "researchers like X of ORG", "X, 47, of ORG" without a title: weaker.
            // "X, 8, of Aumsville" is where X lives: a lone unfamiliar word whose class is only
            // guessed is more often a town than an employer.
            if let Some((_, org)) = doc
                .organization_from(of + 1, 3)
                .filter(|&(_, o)| !doc.maybe_town(o))
            {
                if doc.class(org) != Class::Team {
                    push(doc, out, person, org, None, end, "affiliation/of", 0.6);
                }
            }
        }
        appointed(doc, out, person, m.title.map_or(start, |t| t.0), end);
        // X joined ORG as ROLE | X became ROLE at ORG | X has resigned from ORG
        let mut k = end;
        while matches!(
            doc.word(k),
            "has"
                | "had"
                | "have"
                | "also"
                | "then"
                | "later"
                | "recently"
                | "previously"
                | "once"
                | "is"
                | "was"
        ) && k < end + 3
        {
            if matches!(doc.word(k), "is" | "was")
                && doc.role_phrase(doc.skip_determiners(k + 1)).is_some()
            {
                break;
            }
            k += 1;
        }
        let Some(n) = doc.cue_at(Predicate::AffiliatedWith, k, false) else {
            continue;
        };
        let verb = doc.word(k).to_string();
        let after = k + n;
        let joins = !matches!(
            verb.as_str(),
            "is" | "was" | "became" | "becomes" | "remains" | "serves" | "served"
        );
        if joins {
            if let Some((_, org)) = doc.organization_from(after, 3) {
                push(doc, out, person, org, None, k, "affiliation/verb", 0.75);
            }
        }
        // "... as (a) ROLE (on|at|of) ORG"
        let mut j = after;
        // "X was associate head of research at ORG": after a copula the role comes at once.
        let copula_role = !joins && doc.role_phrase(doc.skip_determiners(after)).is_some();
        while !copula_role
            && j < after + 8
            && doc.same_sentence(k, j)
            && !matches!(doc.word(j), "." | ";" | "as" | "a" | "an" | "the")
        {
            j += 1;
        }
        if doc.word(j) == "as" {
            j += 1;
        }
        let j = doc.skip_determiners(j);
        if let Some((role, e)) = doc.role_phrase(j) {
            if matches!(doc.word(e), "of" | "at" | "on" | "with" | "for" | "in") {
                if let Some((_, org)) = doc.organization_from(e + 1, 6) {
                    push(
                        doc,
                        out,
                        person,
                        org,
                        Some(role),
                        j,
                        "affiliation/verb-role",
                        0.8,
                    );
                }
            }
        }
    }
}
