//! The pipeline: Document → sentences → tokens → mentions → entities → relations.

use crate::document::Document;
use crate::error::Error;
use crate::graph::{self, DocumentFacts, MergeReason, Object, Statement};
use crate::mention::{self, Certainty, Mention, MentionKind};
use crate::model::{conllu, Backbone};
use crate::ontology::{FastSet, Ontology, Predicate};
use crate::relation::{self, Doc, Relation, Target};
use crate::resolve::{self, AliasReason, Resolution};
use crate::text::pos::Tagger;
use crate::text::quote::{self, Quote};
use crate::text::sentence::{self, Sentence};
use crate::text::token::{self, Token};

/// Quotations shorter than this many words are terms ("hallucination"), not speech.
const MIN_SPEECH_WORDS: usize = 3;

/// What makes a fact distinct: subject, predicate, object and claim.
type FactKey<'a> = (usize, Predicate, &'a Target, Option<&'a str>);

/// At most this many distinct facts per participant of a sentence (see [`bound_facts`]).
const FACTS_PER_PARTICIPANT: usize = 3;

/// The distinct claims of a document together hold at most this many bytes per byte of its
/// text (see [`bound_facts`]).
const CLAIM_BYTES_PER_TEXT_BYTE: usize = 4;

/// Keeps at most `FACTS_PER_PARTICIPANT × (m + 1)` distinct facts from each sentence, where m is
/// the number of distinct entities the sentence mentions; the "+ 1" is a speaker named in a
/// neighbouring sentence, to whom a quotation's other sentences are attributed. The first facts
/// found are kept.
///
/// Why this bound: a fact joins participants of its sentence, so what a sentence can state
/// grows with whom it names, not with how often it repeats them. Without it, "Qiu said Qiu
/// said …" gives one claim per "said", each a suffix of the sentence — quadratic in the
/// sentence's length (20 KB of it gave 15.6 MB of N-Quads). Across dev, dev-real, CoNLL04
/// and the examples no sentence yields more than twice as many facts as this counts
/// participants, so the bound (three times) removes nothing from news and keeps any input
/// linear. Facts are distinct by subject, predicate, object and claim, as in the graph.
///
/// Distinct names can still make every participant a speaker ("Ada Lind said Bo Berg said
/// …", each claim a suffix of the sentence), so the claims also share a budget: their
/// distinct texts together at most `CLAIM_BYTES_PER_TEXT_BYTE` times the document's length. A
/// claim quotes the document, and on the same corpora all claims together are at most 0.74
/// times it; a claim already kept costs nothing more (it is written once per fact).
fn bound_facts(
    relations: &mut Vec<Relation>,
    text_len: usize,
    sentences: usize,
    mentions: &[Mention],
    resolution: &Resolution,
) {
    let mut entities: Vec<Vec<usize>> = vec![Vec::new(); sentences];
    for (m, mention) in mentions.iter().enumerate() {
        if let (Some(e), Some(list)) = (
            resolution.of_mention.get(m).copied().flatten(),
            entities.get_mut(mention.sentence),
        ) {
            if !list.contains(&e) {
                list.push(e);
            }
        }
    }
    let mut kept: Vec<Vec<FactKey>> = vec![Vec::new(); sentences];
    let mut claims: FastSet<&str> = FastSet::default();
    let mut claim_budget = CLAIM_BYTES_PER_TEXT_BYTE.saturating_mul(text_len);
    let mut keep = Vec::with_capacity(relations.len());
    for r in relations.iter() {
        let Some(facts) = kept.get_mut(r.sentence) else {
            keep.push(true);
            continue;
        };
        let key = (r.subject, r.predicate, &r.object, r.claim.as_deref());
        let limit = FACTS_PER_PARTICIPANT * (entities[r.sentence].len() + 1);
        let fits = match r.claim.as_deref() {
            Some(c) if !claims.contains(c) => c.len() <= claim_budget,
            _ => true,
        };
        keep.push(if facts.contains(&key) {
            true
        } else if facts.len() < limit && fits {
            if let Some(c) = r.claim.as_deref() {
                if claims.insert(c) {
                    claim_budget -= c.len();
                }
            }
            facts.push(key);
            true
        } else {
            false
        });
    }
    drop((kept, claims));
    let mut k = keep.into_iter();
    relations.retain(|_| k.next().unwrap_or(true));
}

/// The configured extractor: the vocabulary, the word lexicon and the learned backbone.
#[derive(Clone, Debug)]
pub struct Pipeline {
    ontology: Ontology,
    tagger: Tagger,
    backbone: std::sync::Arc<Backbone>,
    parse: Parse,
}

/// Which sentences the dependency parser reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parse {
    /// None: relations come from token windows alone (twice as fast; fewer facts).
    Nothing,
    /// A second look at the sentences where a dependency pattern could add a fact the windows
    /// missed (see `relation::sentences_to_parse`). The default.
    Candidates,
    /// Every sentence.
    Everything,
}

impl std::str::FromStr for Parse {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Parse::Nothing),
            "candidates" => Ok(Parse::Candidates),
            "all" => Ok(Parse::Everything),
            other => Err(format!(
                "unknown parse setting '{other}' (expected none, candidates or all)"
            )),
        }
    }
}

/// Everything the pipeline found in one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Mentions.
    pub mentions: Vec<Mention>,
    /// Entities and what each mention refers to.
    pub resolution: Resolution,
    /// Facts.
    pub relations: Vec<Relation>,
}

impl Analysis {
    /// What the graph takes from this analysis (see [`KnowledgeGraph::add`]): its entities,
    /// with the resolver's reasons as the graph's merge provenance, and its relations as
    /// statements. An entity stands alone (joins the graph without a fact) when some mention
    /// names it (not only pronouns and "the company") and its class is known from more than
    /// the name's shape.
    ///
    /// [`KnowledgeGraph::add`]: crate::KnowledgeGraph::add
    pub fn facts(&self) -> DocumentFacts<'_> {
        let entities = self
            .resolution
            .entities
            .iter()
            .map(|e| graph::Entity {
                label: &e.label,
                class: e.class,
                aliases: &e.aliases,
                merges: e
                    .merges
                    .iter()
                    .map(|(name, &reason)| (name.as_str(), merge_reason(reason)))
                    .collect(),
                standalone: e.certainty >= Certainty::Context
                    && e.mentions.iter().any(|&m| {
                        !matches!(
                            self.mentions[m].kind,
                            MentionKind::Pronoun | MentionKind::Anaphor
                        )
                    }),
            })
            .collect();
        let statements = self
            .relations
            .iter()
            .map(|r| Statement {
                subject: r.subject,
                predicate: r.predicate,
                object: match &r.object {
                    Target::Entity(o) => Object::Entity(*o),
                    Target::New { label, class } => Object::Named {
                        label,
                        class: *class,
                    },
                },
                role: r.role.as_deref(),
                claim: r.claim.as_deref(),
                confidence: r.confidence,
                sentence: r.sentence,
                trigger: r.trigger,
                rule: r.rule,
            })
            .collect();
        DocumentFacts {
            sentences: self.sentences.iter().map(|s| s.span).collect(),
            entities,
            statements,
        }
    }
}

/// The graph's name for the resolver's reason.
fn merge_reason(reason: AliasReason) -> MergeReason {
    match reason {
        AliasReason::SameName => MergeReason::SameName,
        AliasReason::FamilyName => MergeReason::FamilyName,
        AliasReason::GivenName => MergeReason::GivenName,
        AliasReason::ShortForm => MergeReason::ShortForm,
        AliasReason::Acronym => MergeReason::Acronym,
        AliasReason::LastWord => MergeReason::LastWord,
    }
}

impl Pipeline {
    /// A pipeline over the given vocabulary, with the embedded models.
    pub fn new(ontology: Ontology) -> Result<Self, Error> {
        Ok(Pipeline {
            ontology,
            tagger: Tagger::shared().clone(),
            backbone: std::sync::Arc::new(Backbone::embedded()?),
            parse: Parse::Candidates,
        })
    }

    /// Which sentences the dependency parser reads (by default the candidates: parsing costs
    /// more than the rest of the pipeline together).
    pub fn with_parse(mut self, parse: Parse) -> Self {
        self.parse = parse;
        self
    }

    /// A pipeline with the embedded ontology and models.
    pub fn embedded() -> Result<Self, Error> {
        Pipeline::new(Ontology::embedded()?)
    }

    /// The learned backbone (tagger, recogniser, parser).
    pub fn backbone(&self) -> &Backbone {
        &self.backbone
    }

    /// The backbone's reading of a document, as CoNLL-U over kgx's own sentences and tokens.
    pub fn annotate_document(&self, doc: &Document) -> String {
        let text = doc.text.as_str();
        let sentences = sentence::split_sentences(text);
        let tokens = token::tokenize(text, &sentences);
        let mut out = String::new();
        for (k, range) in token::sentence_ranges(&tokens) {
            let mut c = conllu::Sentence {
                comments: vec![
                    format!("sent_id = {}-{}", doc.id, k + 1),
                    format!(
                        "text = {}",
                        sentences[k].span.slice(text).replace('\n', " ")
                    ),
                ],
                rows: tokens[range]
                    .iter()
                    .map(|t| conllu::Row {
                        form: t.span.slice(text).to_string(),
                        ..conllu::Row::default()
                    })
                    .collect(),
            };
            self.backbone.annotate(&mut c, &self.ontology);
            conllu::write(&mut out, &c);
        }
        out
    }

    /// Replaces the word lexicon (common words, frequency hints); tags come from the backbone.
    pub fn with_tagger(mut self, tagger: Tagger) -> Self {
        self.tagger = tagger;
        self
    }

    /// The vocabulary.
    pub fn ontology(&self) -> &Ontology {
        &self.ontology
    }

    /// Runs every stage over one document. Total: any text gives an analysis.
    pub fn run(&self, doc: &Document) -> Analysis {
        let text = doc.text.as_str();
        let sentences = sentence::split_sentences(text);
        let mut tokens = token::tokenize(text, &sentences);
        let words = self.backbone.read_tokens(
            text,
            &mut tokens,
            &self.ontology,
            self.parse == Parse::Everything,
        );
        let quotes = quote::find_quotes(text, &tokens, &sentences);
        let quoted = quote::quoted_mask(&tokens, &quotes, MIN_SPEECH_WORDS);
        let cx = mention::Context::new(
            text,
            &sentences,
            &tokens,
            &quoted,
            &self.ontology,
            &self.tagger,
        );
        let mentions = mention::find_mentions(&cx);
        let lexemes = cx.into_lexemes();
        let resolution = resolve::resolve(&mentions);
        // The relation stages' view of the document, over the tokens as they are now.
        macro_rules! view {
            ($tokens:expr) => {
                Doc::new(
                    text,
                    &sentences,
                    $tokens,
                    &quotes,
                    &quoted,
                    &mentions,
                    &resolution,
                    &self.ontology,
                    &self.tagger,
                    &lexemes,
                )
            };
        }
        // The window extractors first; the parser then reads only the sentences they leave
        // with something unexplained, and the syntactic extractors read its parse.
        let (mut relations, second_look) = {
            let doc = view!(&tokens);
            let mut relations = relation::extract_windows(&doc);
            let wanted = match self.parse {
                Parse::Candidates => Some(relation::sentences_to_parse(&doc, &relations))
                    .filter(|w| w.contains(&true)),
                Parse::Nothing | Parse::Everything => None,
            };
            if wanted.is_none() {
                relation::extract_syntax(&doc, &mut relations);
            }
            (relations, wanted)
        };
        if let Some(wanted) = second_look {
            self.backbone
                .parse_tokens(&mut tokens, &words, |k| wanted[k]);
            relation::extract_syntax(&view!(&tokens), &mut relations);
        }
        bound_facts(
            &mut relations,
            text.len(),
            sentences.len(),
            &mentions,
            &resolution,
        );
        Analysis {
            sentences,
            tokens,
            quotes,
            mentions,
            resolution,
            relations,
        }
    }
}
