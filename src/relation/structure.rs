//! Structure: units of organisations (partOf), places (locatedIn) and team leaders (leads).

use super::{Doc, Relation, Target};
use crate::mention::MentionKind;
use crate::ontology::{normalize_name, Class, Predicate};
use crate::text::pos::Pos;
use crate::text::token::TokenKind;

/// The entity whose normalised label or alias equals `name`.
fn entity_named(doc: &Doc, name: &str) -> Option<usize> {
    doc.entity_named(&normalize_name(name))
}

/// A place written right before token `i` as a modifier ("U.S. software maker", "Chinese AI
/// startup"), looking left over lowercase descriptors.
fn place_modifier(doc: &Doc, i: usize) -> Option<Target> {
    let mut j = i;
    let mut steps = 0;
    while j > 0 && doc.same_sentence(j - 1, i) && steps < 4 {
        if let Some(m) = doc.mention_before(j) {
            let e = doc.entity(m)?;
            return (doc.class(e) == Class::Place).then_some(Target::Entity(e));
        }
        let t = &doc.tokens[j - 1];
        // "France's unicorn start-up Mistral AI", "the UAE's Technology Innovation Institute".
        if t.lower == "'s" {
            let m = doc.mention_before(j - 1)?;
            let e = doc.entity(m)?;
            return (doc.class(e) == Class::Place).then_some(Target::Entity(e));
        }
        let based = t.lower.strip_suffix("-based").map(|p| {
            let raw = t.span.slice(doc.text);
            raw[..p.len()].to_string()
        });
        if let Some(place) = doc
            .ontology
            .demonyms
            .get(t.lower.as_str())
            .cloned()
            .or(based)
        {
            let place = &place;
            return Some(match entity_named(doc, place) {
                Some(e) => Target::Entity(e),
                None => Target::New {
                    label: place.clone(),
                    class: Class::Place,
                },
            });
        }
        // Descriptors are nouns and adjectives ("software maker"), never a verb.
        let descriptor = t.kind == TokenKind::Word
            && (!t.is_capitalized() || t.lower == "ai")
            && !doc.ontology.is_cue_verb(&t.lower)
            && !matches!(
                t.pos,
                crate::text::pos::Pos::Verb
                    | crate::text::pos::Pos::Aux
                    | crate::text::pos::Pos::Adp
                    | crate::text::pos::Pos::Cconj
            );
        if !descriptor {
            return None;
        }
        j -= 1;
        steps += 1;
    }
    None
}

/// Places written together: "Redmond, Wash.", "Aiken, S.C.", "Tromsø, Norway" (a place, a
/// comma and a known larger place that ends the pair; not a list of places), and an
/// organisation or event with its place: "Harlow University in Oslo", "Tallow Systems of
/// Lisbon", "the Palace of Glass, in Varna".
fn places(doc: &Doc, out: &mut Vec<Relation>) {
    let place = |m: usize| doc.entity(m).filter(|&e| doc.class(e) == Class::Place);
    let known = |m: usize| {
        doc.ontology
            .known_names
            .get(normalize_name(&doc.mentions[m].label).as_str())
            == Some(&Class::Place)
    };
    for (mi, m) in doc.mentions.iter().enumerate() {
        let Some(e) = doc.entity(mi) else { continue };
        let (start, end) = m.tokens;
        let class = doc.class(e);
        // "Kassala in eastern Sudan", "Lowman in central Idaho": a place in a known one.
        if class == Class::Place && doc.word(end) == "in" {
            let k = end + 1 + usize::from(doc.ontology.compass_words.contains(doc.word(end + 1)));
            if let Some(pe) = doc
                .mention_at(k)
                .filter(|&pm| known(pm))
                .and_then(place)
                .filter(|&pe| pe != e)
            {
                out.push(Relation::at(
                    doc,
                    e,
                    Predicate::LocatedIn,
                    Target::Entity(pe),
                    end,
                    "structure/place-in-place",
                    0.7,
                ));
            }
        }
        // "P1, P2" where P2 is known and the pair is not part of a list ("Mohammadia,
        // south-east Algeria").
        if class == Class::Place && doc.word(end) == "," {
            let k = end + 1 + usize::from(doc.ontology.compass_words.contains(doc.word(end + 1)));
            if let Some(pm) = doc.mention_at(k).filter(|&pm| known(pm)) {
                let after = doc.mentions[pm].tokens.1;
                let list_after = doc.word(after) == "," && doc.mention_at(after + 1).is_some()
                    || matches!(doc.word(after), "and" | "or");
                let list_before = start >= 2
                    && (doc.word(start - 1) == "," && doc.mention_before(start - 1).is_some()
                        || matches!(doc.word(start - 1), "and" | "or"));
                // "Jackson, Wyo., and Gunnison, Colo.": an abbreviated state closes its pair
                // even in a list.
                // (A full stop that ends the sentence is no abbreviation: "…, Paris, Oslo.")
                let abbreviated = doc.mentions[pm].label.ends_with('.')
                    || doc.word(after) == "."
                        && doc.word(after - 1).len() <= 5
                        && doc.same_sentence(after, after + 1);
                let list = (list_after || list_before) && !abbreviated;
                if let Some(pe) = place(pm).filter(|&pe| pe != e && !list) {
                    out.push(Relation::at(
                        doc,
                        e,
                        Predicate::LocatedIn,
                        Target::Entity(pe),
                        end,
                        "structure/place-pair",
                        0.8,
                    ));
                }
            }
        }
        // "Yerevan, the capital of Armenia", "Tolna, a town in Hungary".
        if class == Class::Place && doc.word(end) == "," {
            let k = doc.skip_determiners(end + 1);
            let k = if doc
                .tokens
                .get(k)
                .is_some_and(|t| t.pos == Pos::Adj && !t.is_capitalized())
            {
                k + 1
            } else {
                k
            };
            if doc.ontology.settlements.contains(doc.word(k))
                && matches!(doc.word(k + 1), "of" | "in")
            {
                if let Some(pe) = doc.mention_at(k + 2).and_then(place).filter(|&pe| pe != e) {
                    out.push(Relation::at(
                        doc,
                        e,
                        Predicate::LocatedIn,
                        Target::Entity(pe),
                        k,
                        "structure/capital-of",
                        0.8,
                    ));
                }
            }
        }
        // "Bosnia's capital, Sarajevo", "Ohio's largest city, Columbus".
        if class == Class::Place && doc.word(end) == "'s" {
            let mut k = end + 1;
            while doc
                .tokens
                .get(k)
                .is_some_and(|t| matches!(t.pos, Pos::Adj | Pos::Num) && !t.is_capitalized())
                && k < end + 3
            {
                k += 1;
            }
            if doc.ontology.settlements.contains(doc.word(k)) {
                let at = if doc.word(k + 1) == "," { k + 2 } else { k + 1 };
                if let Some(pe) = doc.mention_at(at).and_then(place).filter(|&pe| pe != e) {
                    out.push(Relation::at(
                        doc,
                        pe,
                        Predicate::LocatedIn,
                        Target::Entity(e),
                        k,
                        "structure/capital-of-possessive",
                        0.8,
                    ));
                }
            }
        }
        // "AU0202111694 Paris AFP in English": a monitored report's source line names the
        // place of the outlet that published it (the mentions found the line).
        let in_language = doc.word(end) == "in"
            && doc.same_sentence(start, end + 1)
            && crate::mention::is_language(doc.ontology, doc.word(end + 1));
        // (Or a line of its own: "Moscow INTERFAX", "KX1203045594 Oslo VESTRAND POSTEN".)
        let line_start = |k: usize| {
            k == 0
                || !doc.same_sentence(k - 1, k)
                || crate::mention::is_report_number(doc.text_of(k - 1, k))
        };
        let alone = end >= doc.tokens.len() || !doc.same_sentence(start, end);
        if class == Class::Media && (in_language || alone) {
            if let Some(pe) = doc
                .mention_before(start)
                .filter(|&pm| {
                    doc.mentions[pm].tokens.1 == start
                        && (in_language || line_start(doc.mentions[pm].tokens.0))
                })
                .and_then(place)
            {
                out.push(Relation::at(
                    doc,
                    e,
                    Predicate::LocatedIn,
                    Target::Entity(pe),
                    start,
                    "structure/source-line",
                    0.7,
                ));
            }
        }
        // "ORG in P", "ORG of P", "ORG, in P"; a team in a place ("the research team in Tokyo",
        // not "of": "the team of Tokyo" is no place of it).
        let team_in = class == Class::Team && doc.word(end) == "in";
        if class.is_organization() || class == Class::Event || team_in {
            // "the Google Brain research team in Tokyo": a unit noun after the name.
            let unit_end = (end..(end + 3).min(doc.tokens.len()))
                .take_while(|&j| {
                    doc.tokens[j].kind == TokenKind::Word && !doc.tokens[j].is_capitalized()
                })
                .find(|&j| matches!(doc.word(j), "team" | "unit" | "lab" | "division"))
                .filter(|&j| doc.word(j + 1) == "in")
                .map(|j| j + 1);
            let k = if doc.word(end) == "," {
                end + 1
            } else {
                unit_end.unwrap_or(end)
            };
            // "Halden Robotics, Tromsø, Norway, said": after a comma, a town and the known place
            // it is in place the organisation without a preposition.
            // (Not in a list: "Halden in Oslo, Bergen and Stavanger" names three places.)
            let town_pair = |pm: usize| {
                let after = doc.mentions[pm].tokens.1;
                if doc.word(after) != "," {
                    return None;
                }
                let sm = doc
                    .mention_at(after + 1)
                    .filter(|&sm| known(sm) && doc.same_sentence(after, after + 1))?;
                let next = doc.mentions[sm].tokens.1;
                let list = matches!(doc.word(next), "and" | "or")
                    || doc.word(next) == "," && doc.mention_at(next + 1).is_some();
                if list {
                    return None;
                }
                place(sm)
            };
            let first_pair = doc.mention_at(k).filter(|&pm| place(pm).is_some());
            let pair = first_pair.and_then(town_pair);
            let bare = doc.word(end) == "," && doc.same_sentence(end, k) && pair.is_some();
            let at = if bare { Some(k) } else { None }.or_else(|| {
                (matches!(doc.word(k), "in" | "of") && doc.same_sentence(end, k + 1))
                    .then_some(k + 1)
            });
            if let Some(pm) = at.and_then(|at| doc.mention_at(at)) {
                let after = doc.mentions[pm].tokens.1;
                let continues = doc.tokens.get(after).is_some_and(|t| t.is_capitalized());
                let placeable = doc.could_employ(e);
                if let Some(pe) = place(pm).filter(|&pe| pe != e && !continues && placeable) {
                    // "… Plant, in Aiken, S.C.": what is in a town is in its state too.
                    let pair = if first_pair == Some(pm) {
                        pair
                    } else {
                        town_pair(pm)
                    };
                    let state = pair.filter(|&se| se != e && se != pe);
                    for p in std::iter::once(pe).chain(state) {
                        out.push(Relation::at(
                            doc,
                            e,
                            Predicate::LocatedIn,
                            Target::Entity(p),
                            k,
                            "structure/org-in-place",
                            0.6,
                        ));
                    }
                }
            }
        }
    }
}

/// "American giants such as OpenAI, Google and Meta", "two elite French universities, Ecole
/// Polytechnique and ENS": a nationality before a plural noun places every organisation the list
/// after it names.
fn nationality_lists(doc: &Doc, out: &mut Vec<Relation>) {
    for d in 0..doc.tokens.len() {
        let Some(place) = doc.ontology.demonyms.get(doc.word(d)) else {
            continue;
        };
        // Lower-case descriptors ending in a plural noun: "giants", "investment funds".
        let mut k = d + 1;
        while k < d + 5
            && doc.tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && (!t.is_capitalized() || t.lower == "ai")
                    && matches!(t.pos, Pos::Noun | Pos::Adj)
                    && t.lower != "such"
                    && doc.mention_at(k).is_none()
            })
        {
            k += 1;
        }
        let plural = k > d + 1 && {
            let last = doc.word(k - 1);
            last.ends_with('s') && !last.ends_with("ss") && doc.tokens[k - 1].pos == Pos::Noun
        };
        if !plural {
            continue;
        }
        let mut j = match (doc.word(k), doc.word(k + 1)) {
            ("such", "as") => k + 2,
            ("including" | "like" | ",", _) => k + 1,
            _ => k,
        };
        let target = match entity_named(doc, place) {
            Some(e) => Target::Entity(e),
            None => Target::New {
                label: place.clone(),
                class: Class::Place,
            },
        };
        // The list: names separated by commas and "and", with dashes around an aside.
        for _ in 0..8 {
            let Some(m) = doc.mention_at(j) else { break };
            let Some(e) = doc.entity(m).filter(|&e| doc.class(e).is_organization()) else {
                break;
            };
            if doc.could_employ(e) && target != Target::Entity(e) {
                out.push(Relation::at(
                    doc,
                    e,
                    Predicate::LocatedIn,
                    target.clone(),
                    d,
                    "structure/nationality-list",
                    0.7,
                ));
            }
            j = doc.mentions[m].tokens.1;
            // An aside between dashes stands for the comma after the name.
            if matches!(doc.word(j), "–" | "—") {
                match (j + 1..(j + 8).min(doc.tokens.len()))
                    .find(|&x| matches!(doc.word(x), "–" | "—"))
                {
                    Some(close) => {
                        j = close + 1;
                        if doc.word(j) == "and" {
                            j += 1;
                        }
                        continue;
                    }
                    None => break,
                }
            }
            if matches!(doc.word(j), "," | "and") {
                j += 1;
                if doc.word(j) == "and" {
                    j += 1;
                }
            } else {
                break;
            }
        }
    }
}

pub(super) fn extract(doc: &Doc, out: &mut Vec<Relation>) {
    places(doc, out);
    nationality_lists(doc, out);
    let o = doc.ontology;
    for (mi, m) in doc.mentions.iter().enumerate() {
        let Some(e) = doc.entity(mi) else { continue };
        let class = doc.class(e);
        let (start, end) = m.tokens;
        // Teams: their leader or parent organisation.
        if m.kind == MentionKind::Team {
            // Mentions are sorted by start: a binary search finds the owner's name.
            let owner_mention = m.owner.and_then(|t| {
                let from = doc.mentions.partition_point(|x| x.tokens.0 < t.0);
                (from..doc.mentions.len())
                    .take_while(|&k| doc.mentions[k].tokens.0 == t.0)
                    .find(|&k| {
                        doc.mentions[k].tokens == t && doc.mentions[k].kind == MentionKind::Name
                    })
            });
            if let Some(owner) = owner_mention.and_then(|om| doc.entity(om)) {
                let p = if doc.class(owner) == Class::Person {
                    Predicate::Leads
                } else {
                    Predicate::PartOf
                };
                let (s, ob) = if p == Predicate::Leads {
                    (owner, e)
                } else {
                    (e, owner)
                };
                out.push(Relation::at(
                    doc,
                    s,
                    p,
                    Target::Entity(ob),
                    start,
                    "structure/team-owner",
                    0.85,
                ));
            }
            continue;
        }
        if m.kind == MentionKind::Name && class == Class::Person && !m.quoted {
            spoke_at(doc, out, e, end);
            spoke_at_fronted_event(doc, out, e, m.title.map_or(start, |t| t.0), end);
            heads(doc, out, e, end);
        }
        if m.kind == MentionKind::Anaphor && class.is_organization() {
            led_by(doc, out, e, end);
        }
        if m.kind != MentionKind::Name && m.kind != MentionKind::Phrase {
            continue;
        }
        if class.is_organization() || class == Class::Event {
            // "the search giant's AI unit DeepMind", "Orvane's research arm Orvane Labs": a unit
            // an organisation owns, named after the description.
            if class.is_organization() && m.kind == MentionKind::Name && start > 0 {
                let mut k = start;
                let mut unit = false;
                while k > 0 && start - k < 4 {
                    let t = &doc.tokens[k - 1];
                    if t.kind != TokenKind::Word || t.is_capitalized() && t.lower != "ai" {
                        break;
                    }
                    unit |= matches!(
                        t.lower.as_str(),
                        "unit"
                            | "division"
                            | "arm"
                            | "subsidiary"
                            | "lab"
                            | "laboratory"
                            | "branch"
                    );
                    k -= 1;
                }
                let owner = (unit && k < start && doc.word(k.wrapping_sub(1)) == "'s")
                    .then(|| doc.entity_before(k - 1))
                    .flatten()
                    .filter(|&o| o != e && doc.class(o).is_organization());
                if let Some(o) = owner {
                    out.push(Relation::at(
                        doc,
                        e,
                        Predicate::PartOf,
                        Target::Entity(o),
                        k,
                        "structure/owned-unit",
                        0.7,
                    ));
                }
            }
            // "LG AI Research", "Naver AI Innovation Center", "Aon Hewitt Canada": a unit or an
            // arm named after an organisation the article also names is part of it.
            if class.is_organization() && m.kind == MentionKind::Name {
                let unit = (start + 1..end).any(|k| {
                    doc.ontology.head_class(doc.word(k)).is_some_and(|c| {
                        matches!(c, Class::Lab | Class::Organization | Class::Team)
                    })
                }) || doc.ontology.countries.contains(doc.word(end - 1));
                let parent = (start + 1..end)
                    .rev()
                    .find_map(|k| entity_named(doc, doc.text_of(start, k)))
                    .filter(|&p| p != e && doc.class(p).is_organization());
                if let Some(p) = parent.filter(|_| unit) {
                    out.push(Relation::at(
                        doc,
                        e,
                        Predicate::PartOf,
                        Target::Entity(p),
                        start,
                        "structure/named-after-parent",
                        0.7,
                    ));
                }
            }
            // "Laboratory of Qingyan University" → the unit is part of the university.
            if class.is_organization() {
                if let Some(k) = (start + 1..end).find(|&k| matches!(doc.word(k), "of" | "at")) {
                    let tail = doc.text_of(k + 1, end);
                    // Only a tail that is itself an institution ("… of Qingyan University"),
                    // not a field ("Institute of Advanced Computing").
                    let tail_class = (k + 1..end).rev().find_map(|j| o.head_class(doc.word(j)));
                    let known = entity_named(doc, tail).is_some();
                    if tail_class.is_some_and(|c| matches!(c, Class::University | Class::Lab))
                        || known && tail_class.is_some_and(|c| c.is_organization())
                    {
                        let target = match entity_named(doc, tail) {
                            Some(t) => Target::Entity(t),
                            None => Target::New {
                                label: tail.trim().to_string(),
                                class: tail_class.unwrap_or(Class::Organization),
                            },
                        };
                        out.push(Relation::at(
                            doc,
                            e,
                            Predicate::PartOf,
                            target,
                            k,
                            "structure/of-name",
                            0.8,
                        ));
                    }
                }
                // "ORG at ORG", "ORG of ORG" written as two names.
                if matches!(doc.word(end), "at" | "of") {
                    if let Some(om) = doc.mention_at(doc.skip_determiners(end + 1)) {
                        if let Some(pe) = doc
                            .entity(om)
                            .filter(|&pe| doc.class(pe).is_organization() && pe != e)
                        {
                            if doc.mentions[om].kind == MentionKind::Name {
                                out.push(Relation::at(
                                    doc,
                                    e,
                                    Predicate::PartOf,
                                    Target::Entity(pe),
                                    end,
                                    "structure/at",
                                    0.7,
                                ));
                            }
                        }
                    }
                }
                // "ORG's Lab": a possessive organisation owns a unit.
                if doc.word(end) == "'s" {
                    if let Some(um) = doc.mention_at(end + 1) {
                        // Only a unit whose class is sure ("Qingyan University's Laboratory").
                        let sure = |u: usize| {
                            doc.resolution.entities[u].certainty
                                >= crate::mention::Certainty::Context
                        };
                        if let Some(ue) = doc
                            .entity(um)
                            .filter(|&u| doc.class(u).is_organization() && u != e && sure(u))
                        {
                            out.push(Relation::at(
                                doc,
                                ue,
                                Predicate::PartOf,
                                Target::Entity(e),
                                end,
                                "structure/possessive",
                                0.7,
                            ));
                        }
                    }
                }
            }
            // Places: "U.S. software maker Cobalt Lane", "Cobalt Lane, a Beijing start-up",
            // "based in Lisbon", "held in Guangzhou".
            let first = m.title.map_or(start, |t| t.0);
            let mut place = if class.is_organization() {
                place_modifier(doc, first)
            } else {
                None
            };
            if place.is_none() && doc.word(end) == "," {
                let k = doc.skip_determiners(end + 1);
                let mut j = k;
                while j < k + 4
                    && doc.tokens.get(j).is_some_and(|t| {
                        t.kind == TokenKind::Word
                            && (!t.is_capitalized() || o.demonyms.contains_key(t.lower.as_str()))
                            && doc.mention_at(j).is_none()
                    })
                {
                    j += 1;
                }
                // The place must modify a descriptor ("a Beijing start-up"), not be the end.
                if let Some(pm) = doc.mention_at(j) {
                    let pe = doc.entity(pm);
                    let after = doc.mentions[pm].tokens.1;
                    let described = doc
                        .tokens
                        .get(after)
                        .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized());
                    if let Some(pe) = pe.filter(|&pe| {
                        doc.class(pe) == Class::Place && described && class.is_organization()
                    }) {
                        place = Some(Target::Entity(pe));
                    }
                } else if j > k {
                    place = place_modifier(doc, j).filter(|_| class.is_organization());
                }
            }
            if place.is_none() {
                for k in end..(end + 6).min(doc.tokens.len()) {
                    // "based in" belongs to the nearest name before it.
                    if !doc.same_sentence(end, k) || (k > end && doc.mention_at(k).is_some()) {
                        break;
                    }
                    if matches!(
                        doc.word(k),
                        "based" | "headquartered" | "headquarters" | "held" | "located" | "hosted"
                    ) && doc.word(k + 1) == "in"
                    {
                        // "in nearby Rockville": a lower-case word may stand before the place.
                        let at = if doc.mention_at(k + 2).is_none()
                            && doc
                                .tokens
                                .get(k + 2)
                                .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
                        {
                            k + 3
                        } else {
                            k + 2
                        };
                        if let Some(pm) = doc.mention_at(at) {
                            if let Some(pe) =
                                doc.entity(pm).filter(|&pe| doc.class(pe) == Class::Place)
                            {
                                place = Some(Target::Entity(pe));
                            }
                        }
                        break;
                    }
                }
            }
            // A lone common word taken for a name ("Republic", "Embassy") is no organisation to
            // place.
            if let Some(p) = place.filter(|_| doc.could_employ(e)) {
                if p != Target::Entity(e) {
                    out.push(Relation::at(
                        doc,
                        e,
                        Predicate::LocatedIn,
                        p,
                        start,
                        "structure/place",
                        0.7,
                    ));
                }
            }
            led_by(doc, out, e, end);
        }
    }
}

/// "ORG, a startup founded and led by X" / "the startup is led by X": X leads ORG and is
/// affiliated with it.
fn led_by(doc: &Doc, out: &mut Vec<Relation>, org: usize, end: usize) {
    for k in end..(end + 10).min(doc.tokens.len()) {
        if !doc.same_sentence(end, k)
            || matches!(doc.word(k), "." | ";")
            || (k > end && doc.mention_at(k).is_some())
        {
            break;
        }
        let Some(n) = doc.cue_at(Predicate::Leads, k, false) else {
            continue;
        };
        let mut by = k + n - 1;
        if doc.word(by) != "by" && doc.word(by + 1) == "and" && doc.word(by + 3) == "by" {
            by += 3; // "founded and led by"
        }
        if doc.word(by) != "by" {
            continue;
        }
        let j = doc.skip_determiners(by + 1);
        if let Some(pe) = doc
            .entity_at(j)
            .filter(|&pe| doc.class(pe) == Class::Person)
        {
            out.push(Relation::at(
                doc,
                pe,
                Predicate::Leads,
                Target::Entity(org),
                k,
                "leads/by",
                0.8,
            ));
            if doc.class(org) != Class::Team {
                out.push(Relation::at(
                    doc,
                    pe,
                    Predicate::AffiliatedWith,
                    Target::Entity(org),
                    k,
                    "affiliation/led-by",
                    0.7,
                ));
            }
        }
        break;
    }
}

/// "X spoke at the summit", "X gave a keynote at the Harlow AI Forum": X spoke at the event.
/// "At the 27th anniversary celebration of iFlytek, Chairman X laid out …", "During the AI
/// Summit, X delivered a talk": an event set before the clause is where its subject spoke.
fn spoke_at_fronted_event(
    doc: &Doc,
    out: &mut Vec<Relation>,
    person: usize,
    start: usize,
    end: usize,
) {
    // The clause's subject comes right after the comma that closes the fronted phrase.
    if start == 0 || doc.word(start - 1) != "," {
        return;
    }
    let comma = start - 1;
    let Some(first) = (comma.saturating_sub(15)..comma)
        .rev()
        .take_while(|&k| doc.same_sentence(k, comma))
        .last()
    else {
        return;
    };
    if !matches!(doc.word(first), "at" | "during") {
        return;
    }
    let Some(ev) = (first + 1..comma)
        .find_map(|j| doc.entity_at(j).filter(|&ev| doc.class(ev) == Class::Event))
    else {
        return;
    };
    // A verb of speaking or presenting in the person's clause.
    let spoke = doc.verb_of_person(end, 12, &[], |k| {
        doc.cue_at(Predicate::SpokeAt, k, false).is_some()
            || doc.cue_at(Predicate::HoldsView, k, false).is_some()
            || matches!(
                doc.word(k),
                "delivered"
                    | "presented"
                    | "outlined"
                    | "laid"
                    | "unveiled"
                    | "introduced"
                    | "gave"
            )
    });
    if let Some(k) = spoke {
        out.push(Relation::at(
            doc,
            person,
            Predicate::SpokeAt,
            Target::Entity(ev),
            k,
            "spokeAt/fronted-event",
            0.75,
        ));
    }
}

fn spoke_at(doc: &Doc, out: &mut Vec<Relation>, person: usize, end: usize) {
    let Some(k) = doc.verb_of_person(end, 12, &[], |k| {
        doc.cue_at(Predicate::SpokeAt, k, false).is_some()
    }) else {
        return;
    };
    let n = doc.cue_at(Predicate::SpokeAt, k, false).unwrap_or(1);
    let Some(at) = (k + n..(k + n + 3).min(doc.tokens.len()))
        .find(|&j| matches!(doc.word(j), "at" | "during"))
    else {
        return;
    };
    // The first event in the phrase: "at the X Summit", "during a press conference held on
    // the sidelines of X".
    let event = (at + 1..(at + 10).min(doc.tokens.len()))
        .take_while(|&j| doc.same_sentence(at, j) && !matches!(doc.word(j), ";" | "." | ","))
        .find_map(|j| doc.entity_at(j).filter(|&ev| doc.class(ev) == Class::Event));
    if let Some(ev) = event {
        out.push(Relation::at(
            doc,
            person,
            Predicate::SpokeAt,
            Target::Entity(ev),
            k,
            "spokeAt/verb",
            0.8,
        ));
    }
}

/// "X heads the university's Machine Reasoning Group", "X, who runs Tallis": X leads it (and,
/// for an organisation, belongs to it).
fn heads(doc: &Doc, out: &mut Vec<Relation>, person: usize, end: usize) {
    let verb = |k: usize| {
        matches!(
            doc.word(k),
            "heads"
                | "leads"
                | "runs"
                | "chairs"
                | "oversees"
                | "directs"
                | "headed"
                | "ran"
                | "chaired"
        ) && doc.word(k + 1) != "by"
    };
    let Some(k) = doc.verb_of_person(end, 30, &["said", "says"], verb) else {
        return;
    };
    let Some((m, mut org)) = doc.organization_from(k + 1, 6) else {
        return;
    };
    // "heads the university's Machine Reasoning Group": the unit, not its owner.
    let after = doc.mentions[m].tokens.1;
    if doc.word(after) == "'s" {
        if let Some(unit) = doc.organization_from(after + 1, 4) {
            org = unit.1;
        }
    }
    if org == person {
        return;
    }
    out.push(Relation::at(
        doc,
        person,
        Predicate::Leads,
        Target::Entity(org),
        k,
        "leads/verb",
        0.75,
    ));
    if doc.class(org).is_organization() {
        out.push(Relation::at(
            doc,
            person,
            Predicate::AffiliatedWith,
            Target::Entity(org),
            k,
            "affiliation/leads",
            0.7,
        ));
    }
}
