#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need, then runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dot >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing Graphviz (dot) for the diagram tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null) \
      || echo "warning: could not install graphviz" >&2
  fi
fi
# rdflib reads kgx's RDF back as an independent parser in the tests.
if ! python3 -c "import rdflib" >/dev/null 2>&1; then
  echo "installing rdflib for the RDF round-trip tests" >&2
  python3 -m pip install --quiet rdflib >&2 || echo "warning: could not install rdflib" >&2
fi
# Clippy's incompatible_msrv lint (on by default; named here so it stays on) fails on any std
# API newer than Cargo.toml's rust-version: the toolchain checks the MSRV it declares.
cargo clippy --all-targets --quiet -- -D warnings -D clippy::incompatible_msrv
# The library alone, without the binary's dependencies (clap, anyhow, indicatif, mimalloc, …).
cargo clippy --no-default-features --all-targets --quiet -- -D warnings -D clippy::incompatible_msrv
cargo build --no-default-features --quiet
# The API documentation, with and without the binary's features, warnings as errors.
RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps --quiet
RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps --no-default-features --quiet
cargo test --quiet
# kgx serve's page in headless Chromium (installs chromium, chromium-driver and selenium when
# missing; says SKIPPED when it cannot). Screenshots: target/browser-test/.
cargo build --quiet
bash scripts/browser-test.sh --kgx target/debug/kgx
# A short fuzz run (the long one: README, "Fuzzing and the crash test").
cargo run --quiet --example fuzz -- --seconds 20
