//! kgx's integration tests, in one binary.

mod cli;
mod common;
mod conventions;
mod data_safety;
mod eval;
mod golden;
mod merge;
mod ontology;
mod patterns;
mod query;
mod rdf;
mod readme;
mod render;
mod robustness;
mod schema;
mod serve;
mod shards;
mod syntax;
mod tidy;
