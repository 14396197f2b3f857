//! Resolution inside one article: names grouped into entities (exact names, surnames and given
//! names to full names, short forms and acronyms to organisations), then pronouns and
//! "the company"-style anaphors to the nearest fitting entity before them.

use crate::mention::{Certainty, Mention, MentionKind};
use crate::ontology::FastMap;
use crate::ontology::{normalize_name, Class};
use std::collections::{BTreeMap, BTreeSet};

/// Why the resolver took a name for another name of the same entity (the pipeline hands these
/// to the graph as its `graph::provenance::MergeReason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AliasReason {
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
}

/// An entity of one article.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Display label: the fullest name.
    pub label: String,
    /// Class.
    pub class: Class,
    /// How sure the class is.
    pub certainty: Certainty,
    /// Other names it goes by in the article.
    pub aliases: BTreeSet<String>,
    /// Why each alias was merged into this entity.
    pub merges: BTreeMap<String, AliasReason>,
    /// Indices of its mentions.
    pub mentions: Vec<usize>,
}

/// The entities and, per mention, the entity it refers to.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Per mention: its entity.
    pub of_mention: Vec<Option<usize>>,
}

struct Group {
    words: Vec<String>,
    mentions: Vec<usize>,
    class: Option<Class>,
    certainty: Certainty,
    parent: Option<usize>,
    /// Why it was linked to its parent.
    reason: AliasReason,
}

fn root(groups: &[Group], mut g: usize) -> usize {
    while let Some(p) = groups[g].parent {
        g = p;
    }
    g
}

/// Resolves mentions to entities.
pub fn resolve(mentions: &[Mention]) -> Resolution {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: FastMap<String, usize> = FastMap::default();
    for (mi, m) in mentions.iter().enumerate() {
        if matches!(m.kind, MentionKind::Pronoun | MentionKind::Anaphor) {
            continue;
        }
        let key = normalize_name(&m.label);
        let g = match by_key.get(&key) {
            Some(&g) => g,
            None => {
                groups.push(Group {
                    words: key.split(' ').map(String::from).collect(),
                    mentions: Vec::new(),
                    class: None,
                    certainty: Certainty::Weak,
                    parent: None,
                    reason: AliasReason::SameName,
                });
                by_key.insert(key, groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[g].mentions.push(mi);
        if m.class.is_some() && (groups[g].class.is_none() || m.certainty > groups[g].certainty) {
            groups[g].class = m.class;
            groups[g].certainty = m.certainty;
        }
    }
    link_aliases(&mut groups, mentions);
    // "PAN (National Action Party)": the bracketed name and the one before it are one.
    if mentions.iter().any(|m| m.renames) {
        link_bracketed(&mut groups, mentions);
    }

    // Entities from root groups, with classes voted over their members.
    let mut entity_of_group = vec![usize::MAX; groups.len()];
    let mut entities: Vec<Entity> = Vec::new();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| groups[g].mentions[0]);
    for &g in &order {
        let r = root(&groups, g);
        if entity_of_group[r] == usize::MAX {
            entity_of_group[r] = entities.len();
            entities.push(Entity {
                label: String::new(),
                class: Class::Organization,
                certainty: Certainty::Weak,
                aliases: BTreeSet::new(),
                merges: BTreeMap::new(),
                mentions: Vec::new(),
            });
        }
        entity_of_group[g] = entity_of_group[r];
    }
    let mut class_votes: Vec<Option<(Certainty, Class)>> = vec![None; entities.len()];
    for (g, group) in groups.iter().enumerate() {
        let e = entity_of_group[g];
        entities[e].mentions.extend(&group.mentions);
        if let Some(c) = group.class {
            if class_votes[e].is_none_or(|(cert, _)| group.certainty > cert) {
                class_votes[e] = Some((group.certainty, c));
            }
        }
    }
    let mut group_of = vec![None; mentions.len()];
    for (g, group) in groups.iter().enumerate() {
        for &mi in &group.mentions {
            group_of[mi] = Some(g);
        }
    }
    let mut of_mention = vec![None; mentions.len()];
    for (ei, e) in entities.iter_mut().enumerate() {
        e.mentions.sort_unstable();
        if let Some((cert, c)) = class_votes[ei] {
            e.class = c;
            e.certainty = cert;
        }
        // The label: the longest name (in words), first written.
        let best = e
            .mentions
            .iter()
            .max_by_key(|&&mi| {
                let m = &mentions[mi];
                (m.tokens.1 - m.tokens.0, std::cmp::Reverse(mi))
            })
            .copied()
            .unwrap_or(0);
        e.label = straight_apostrophes(&mentions[best].label).into_owned();
        for &mi in &e.mentions {
            of_mention[mi] = Some(ei);
            let l = straight_apostrophes(&mentions[mi].label);
            if l != e.label {
                let l = l.into_owned();
                let reason = group_of[mi].map_or(AliasReason::SameName, |g| {
                    if groups[g].parent.is_some() {
                        groups[g].reason
                    } else {
                        AliasReason::SameName
                    }
                });
                e.merges.entry(l.clone()).or_insert(reason);
                e.aliases.insert(l);
            }
        }
    }
    resolve_references(mentions, &entities, &mut of_mention);
    Resolution {
        entities,
        of_mention,
    }
}

/// Makes a bracketed other name of an organisation ("PAN (National Action Party)") one entity
/// with the name before it; the longer name stands for the pair.
fn link_bracketed(groups: &mut [Group], mentions: &[Mention]) {
    let mut group_of = vec![None; mentions.len()];
    for (g, group) in groups.iter().enumerate() {
        for &mi in &group.mentions {
            group_of[mi] = Some(g);
        }
    }
    for (mi, m) in mentions.iter().enumerate() {
        if !m.renames || mi == 0 {
            continue;
        }
        if let (Some(a), Some(b)) = (group_of[mi - 1], group_of[mi]) {
            let (ra, rb) = (root(groups, a), root(groups, b));
            if ra != rb {
                let (child, parent) = if groups[ra].words.len() >= groups[rb].words.len() {
                    (rb, ra)
                } else {
                    (ra, rb)
                };
                groups[child].parent = Some(parent);
                groups[child].reason = AliasReason::Acronym;
            }
        }
    }
}

/// A label with curly apostrophes straightened, copied only when it has one.
fn straight_apostrophes(label: &str) -> std::borrow::Cow<'_, str> {
    if label.contains('\u{2019}') {
        std::borrow::Cow::Owned(label.replace('\u{2019}', "'"))
    } else {
        std::borrow::Cow::Borrowed(label)
    }
}

/// Links short forms to full names: "Qiu" → "Qiu Xipeng", "Fudan" → "Fudan University",
/// "TII" → "Technology Innovation Institute".
fn link_aliases(groups: &mut [Group], mentions: &[Mention]) {
    let n = groups.len();
    // Longer names indexed by their first and last words, so that each short form looks only at
    // the names it could abbreviate (linear in the article, not quadratic).
    let mut by_word: FastMap<String, Vec<usize>> = FastMap::default();
    for (h, group) in groups.iter().enumerate() {
        if group.words.len() > 1 {
            by_word.entry(group.words[0].clone()).or_default().push(h);
            let last = &group.words[group.words.len() - 1];
            if *last != group.words[0] {
                by_word.entry(last.clone()).or_default().push(h);
            }
        }
    }
    let mut initials: FastMap<String, Vec<usize>> = FastMap::default();
    for (h, group) in groups.iter().enumerate() {
        if group.words.len() > 2 {
            let acronym: String = group
                .words
                .iter()
                .filter(|w| !matches!(w.as_str(), "of" | "for" | "and" | "the" | "&"))
                .filter_map(|w| w.chars().next())
                .collect();
            initials.entry(acronym).or_default().push(h);
        }
    }
    let empty = Vec::new();
    for g in 0..n {
        if groups[g].certainty == Certainty::Strong && groups[g].words.len() > 1 {
            continue;
        }
        let first_mention = groups[g].mentions[0];
        let mut best: Option<(usize, usize, AliasReason)> = None; // (distance rank, group, why)
        let first_word = &groups[g].words[0];
        let last_word = &groups[g].words[groups[g].words.len() - 1];
        let mut candidates: Vec<usize> = by_word.get(first_word).unwrap_or(&empty).clone();
        candidates.extend(by_word.get(last_word).unwrap_or(&empty));
        candidates.extend(initials.get(first_word).unwrap_or(&empty));
        candidates.sort_unstable();
        candidates.dedup();
        for h in candidates {
            if h == g || groups[h].words.len() <= groups[g].words.len() {
                continue;
            }
            let (gw, hw) = (&groups[g].words, &groups[h].words);
            let fits = match groups[h].class {
                Some(Class::Person) => {
                    let fits = gw.len() == 1
                        && (hw.first() == gw.first() || hw.last() == gw.last())
                        && groups[g].class.is_none_or(|c| c == Class::Person);
                    // Which of the two the short name is depends on the name order: a family
                    // name written first ("Qiu Xipeng") is the first word.
                    let family_first = mentions[groups[h].mentions[0]].family_first;
                    let family = if family_first { hw.first() } else { hw.last() };
                    fits.then(|| {
                        if family == gw.first() {
                            AliasReason::FamilyName
                        } else {
                            AliasReason::GivenName
                        }
                    })
                }
                Some(c) if c.is_organization() => {
                    let prefix = hw.starts_with(gw);
                    let acronym = gw.len() == 1
                        && gw[0].len() >= 2
                        && mentions[first_mention]
                            .label
                            .chars()
                            .all(|c| c.is_uppercase() || c.is_ascii_digit())
                        && hw
                            .iter()
                            .filter(|w| !matches!(w.as_str(), "of" | "for" | "and" | "the" | "&"))
                            .map(|w| w.chars().next().unwrap_or(' '))
                            .collect::<String>()
                            == gw[0];
                    let bracketed = gw.len() == 1 && hw.last() == gw.last() && hw.len() >= 3;
                    // A name known in its own right ("LG") is not a short form of a longer
                    // one of another kind ("LG AI Research").
                    let kind_fits = groups[g].class.is_none_or(|c| {
                        groups[g].certainty < Certainty::Strong || Some(c) == groups[h].class
                    });
                    if !kind_fits {
                        None
                    } else if prefix {
                        Some(AliasReason::ShortForm)
                    } else if acronym {
                        Some(AliasReason::Acronym)
                    } else if bracketed {
                        Some(AliasReason::LastWord)
                    } else {
                        None
                    }
                }
                Some(Class::Model) => (hw.starts_with(gw)
                    && groups[g].class.is_none_or(|c| c == Class::Model))
                .then_some(AliasReason::ShortForm),
                _ => None,
            };
            let Some(reason) = fits else {
                continue;
            };
            // Prefer the full name mentioned last before the short form, else the first after.
            let before = groups[h]
                .mentions
                .iter()
                .filter(|&&m| m < first_mention)
                .max();
            let rank = match before {
                Some(&m) => first_mention - m,
                None => usize::MAX / 2 + groups[h].mentions[0],
            };
            if best.is_none_or(|(r, _, _)| rank < r) {
                best = Some((rank, h, reason));
            }
        }
        if let Some((_, h, reason)) = best {
            let r = root(groups, h);
            if r != g {
                groups[g].parent = Some(r);
                groups[g].reason = reason;
            }
        }
    }
}

/// Pronouns take the nearest person before them (outside quotations unless the pronoun is
/// quoted too); "the company" takes the nearest entity of its class.
fn resolve_references(mentions: &[Mention], entities: &[Entity], of_mention: &mut [Option<usize>]) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !matches!(m.kind, MentionKind::Pronoun | MentionKind::Anaphor) {
            continue;
        }
        let want = m.class.unwrap_or(Class::Organization);
        let fits = |c: Class| match want {
            Class::Organization => c.is_organization(),
            Class::Company => c == Class::Company || c == Class::Organization,
            Class::Lab => c == Class::Lab,
            w => c == w,
        };
        let candidate = |j: usize| -> Option<usize> {
            let e = of_mention[j]?;
            let prev = &mentions[j];
            if prev.tokens.1 > m.tokens.0 || m.sentence.saturating_sub(prev.sentence) > 6 {
                return None;
            }
            if prev.quoted && !m.quoted {
                return None;
            }
            fits(entities[e].class).then_some(e)
        };
        // The nearest sentence with a fitting entity; in it, the first one (the subject, most
        // often): "Hanul Silicon, founded by a Samsung engineer, … The company said".
        let direct = |j: usize| candidate(j).filter(|_| !mentions[j].oblique);
        let pick = |accept: &dyn Fn(usize) -> Option<usize>| {
            let nearest = (0..i)
                .rev()
                .take_while(|&j| m.sentence.saturating_sub(mentions[j].sentence) <= 6)
                .find(|&j| accept(j).is_some());
            nearest.and_then(|n| {
                let sentence = mentions[n].sentence;
                let mut first = n;
                while first > 0 && mentions[first - 1].sentence == sentence {
                    first -= 1;
                }
                (first..=n).find_map(accept)
            })
        };
        // "the agency" takes an agency first ("the Federal Water Agency"), whatever is nearer.
        let noun = m.label.rsplit(' ').next().unwrap_or("").to_lowercase();
        let same_head = |j: usize| {
            candidate(j).filter(|&e| {
                m.kind == MentionKind::Anaphor
                    && entities[e]
                        .label
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.to_lowercase() == noun)
            })
        };
        // Names after a preposition ("at Sony", "(Reuters)") only when nothing else fits.
        of_mention[i] = pick(&same_head)
            .or_else(|| pick(&direct))
            .or_else(|| pick(&candidate));
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Pipeline};

    fn entity_of(text: &str, name: &str) -> (String, Vec<String>) {
        let p = Pipeline::embedded().unwrap();
        let a = p.run(&Document::new("t", text));
        let e = a
            .resolution
            .entities
            .iter()
            .find(|e| e.label == name || e.aliases.contains(name))
            .unwrap_or_else(|| panic!("{name} in {text}"));
        (e.label.clone(), e.aliases.iter().cloned().collect())
    }

    #[test]
    fn short_forms_join_their_full_names() {
        assert_eq!(
            entity_of("Qiao Wenli spoke. Qiao left.", "Qiao").0,
            "Qiao Wenli"
        );
        assert_eq!(
            entity_of("Sam Porter spoke. Porter left.", "Porter").0,
            "Sam Porter"
        );
        assert_eq!(
            entity_of("Halden University grew. Halden hired.", "Halden").0,
            "Halden University"
        );
        assert_eq!(
            entity_of(
                "The Technology Innovation Institute grew. TII hired.",
                "TII"
            )
            .0,
            "Technology Innovation Institute"
        );
    }

    #[test]
    fn pronouns_take_the_nearest_person_outside_quotations() {
        let p = Pipeline::embedded().unwrap();
        let text = "Ana Prieto spoke. \"Tomas Brandt is wrong,\" she said.";
        let a = p.run(&Document::new("t", text));
        let she = a.mentions.iter().position(|m| m.label == "she").unwrap();
        let e = a.resolution.of_mention[she].unwrap();
        assert_eq!(a.resolution.entities[e].label, "Ana Prieto");
    }
}
