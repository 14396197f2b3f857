//! A guard against entity-expansion bombs in RDF/XML ("billion laughs").
//!
//! oxigraph's RDF/XML parser (oxrdfxml 0.2) reads `<!ENTITY name "value">` declarations of the
//! DOCTYPE and expands each value eagerly, with the entities declared before it, when it reads
//! the declaration; then every `&name;` in the document is expanded again. Ten nested
//! declarations of ten references each make a 1-billion-byte string from a file of under a
//! kilobyte, and the process runs out of memory before any quad is read. Entities are
//! legitimate (OWL files from ontology editors use them for namespaces), so they are not
//! refused outright: before the parser sees the bytes, this module works out how much text
//! the declarations and references would produce, without producing it, and refuses the file
//! above a bound linear in its size.
//!
//! The estimate reads more than the parser does, never less: every `<!ENTITY` anywhere in
//! the file counts as a declaration (the parser reads only those inside the DOCTYPE), and
//! every `&name;` anywhere as a reference, at the size of the name's last declaration.

use std::collections::HashMap;

/// Bytes the expansion may add whatever the file's size: room for ontologies that use
/// entities for namespace IRIs.
const ALLOWANCE: u64 = 10 << 20;
/// Bytes the expansion may add per byte of the file.
const PER_BYTE: u64 = 10;

/// The most bytes entity expansion may produce for a file of `len` bytes.
pub(crate) fn limit(len: usize) -> u64 {
    ALLOWANCE.saturating_add(PER_BYTE.saturating_mul(len as u64))
}

/// Refuses RDF/XML whose entities would expand beyond [`limit`], with a message saying so.
pub(crate) fn check(xml: &[u8]) -> Result<(), String> {
    const DECLARATION: &[u8] = b"<!ENTITY";
    // Most files declare nothing: one pass finds that out.
    if !contains(xml, DECLARATION) {
        return Ok(());
    }
    let mut sizes: HashMap<&[u8], u64> = HashMap::new();
    let mut total: u64 = 0;
    let mut at = 0;
    while let Some(found) = find(&xml[at..], DECLARATION) {
        at += found + DECLARATION.len();
        let Some((name, value, end)) = declaration(&xml[at..]) else {
            continue;
        };
        at += end;
        // The parser resolves a value with the entities declared so far, and a name declared
        // again takes its new value (which may use the old one: that doubles too).
        let size = expanded_len(value, &sizes);
        sizes.insert(name, size);
        total = total.saturating_add(size);
    }
    total = total.saturating_add(expanded_len(xml, &sizes));
    let limit = limit(xml.len());
    if total > limit {
        return Err(format!(
            "refused: its DOCTYPE declares entities that could expand to {} bytes, more than \
             the {limit} kgx allows for a file of {} bytes (an entity-expansion bomb such as \
             \"billion laughs\"); remove the <!ENTITY declarations or expand them yourself",
            if total == u64::MAX {
                "more than 2^64".to_string()
            } else {
                total.to_string()
            },
            xml.len()
        ));
    }
    Ok(())
}

/// After `<!ENTITY`: an optional `%`, the name (up to white space) and the double-quoted
/// value, as oxrdfxml reads them; also where the value ends. `None` where the parser would
/// refuse the declaration (it then declares nothing).
fn declaration(rest: &[u8]) -> Option<(&[u8], &[u8], usize)> {
    let mut i = skip_space(rest, 0);
    if rest.get(i) == Some(&b'%') {
        i = skip_space(rest, i + 1);
    }
    let name_start = i;
    while i < rest.len() && !rest[i].is_ascii_whitespace() {
        i += 1;
    }
    let name = &rest[name_start..i];
    i = skip_space(rest, i);
    if name.is_empty() || rest.get(i) != Some(&b'"') {
        return None;
    }
    let value_start = i + 1;
    let value_len = rest[value_start..].iter().position(|&b| b == b'"')?;
    Some((
        name,
        &rest[value_start..value_start + value_len],
        value_start + value_len + 1,
    ))
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The length of `text` once every `&name;` of a declared entity is replaced by its
/// expansion (saturating: a bomb's size need not fit in 64 bits).
fn expanded_len(text: &[u8], sizes: &HashMap<&[u8], u64>) -> u64 {
    if sizes.is_empty() {
        return text.len() as u64;
    }
    let mut len: u64 = 0;
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'&' {
            // An entity name is short; a lone '&' is counted as itself.
            let window = &text[i + 1..text.len().min(i + 1 + 256)];
            if let Some(semi) = window.iter().position(|&b| b == b';') {
                if let Some(&size) = sizes.get(&window[..semi]) {
                    len = len.saturating_add(size);
                    i += semi + 2;
                    continue;
                }
            }
        }
        len = len.saturating_add(1);
        i += 1;
    }
    len
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `levels` entities, each `fanout` references to the one before, and one use of the last.
    fn bomb(levels: usize, fanout: usize) -> String {
        let mut s =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY l0 \"lol\">\n");
        for i in 1..=levels {
            s.push_str(&format!(
                "<!ENTITY l{i} \"{}\">\n",
                format!("&l{};", i - 1).repeat(fanout)
            ));
        }
        s.push_str(&format!(
            "]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
             xmlns:ex=\"http://example.org/\"><rdf:Description rdf:about=\"http://example.org/s\">\
             <ex:p>&l{levels};</ex:p></rdf:Description></rdf:RDF>\n"
        ));
        s
    }

    #[test]
    fn billion_laughs_is_refused() {
        let xml = bomb(9, 10);
        let err = check(xml.as_bytes()).unwrap_err();
        assert!(err.contains("entity-expansion bomb"), "{err}");
    }

    #[test]
    fn a_bomb_beyond_64_bits_is_refused() {
        assert!(check(bomb(40, 10).as_bytes()).is_err());
    }

    #[test]
    fn redeclaring_a_name_to_double_it_is_counted() {
        let mut xml = String::from("<!DOCTYPE r [<!ENTITY a \"lol\">");
        for _ in 0..40 {
            xml.push_str("<!ENTITY a \"&a;&a;\">");
        }
        xml.push_str("]><r>&a;</r>");
        assert!(check(xml.as_bytes()).is_err());
    }

    #[test]
    fn namespace_entities_are_read() {
        let xml = "<!DOCTYPE rdf:RDF [<!ENTITY owl \"http://www.w3.org/2002/07/owl#\">\n\
                   <!ENTITY % ex \"http://example.org/\">]>\n\
                   <rdf:RDF><owl:Class rdf:about=\"&owl;Thing\"/></rdf:RDF>";
        assert_eq!(check(xml.as_bytes()), Ok(()));
        // A small nesting stays well under the limit.
        assert_eq!(check(bomb(3, 10).as_bytes()), Ok(()));
    }

    #[test]
    fn the_limit_grows_with_the_file() {
        // A few megabytes from a 9-level, 4-way nesting are under 10 MiB: read.
        assert_eq!(check(bomb(9, 4).as_bytes()), Ok(()));
        // Many uses of a 1 MB entity add up past the limit.
        let mut xml = bomb(6, 10);
        xml.push_str(&"<x>&l6;</x>".repeat(20));
        assert!(check(xml.as_bytes()).is_err());
    }

    #[test]
    fn malformed_declarations_and_lone_ampersands_do_not_panic() {
        for xml in [
            "<!ENTITY",
            "<!ENTITY ",
            "<!ENTITY a",
            "<!ENTITY a \"",
            "<!ENTITY % \"x\">",
            "<!ENTITY a 'x'> &a; & &;",
            "<!ENTITY a \"&\"> &a",
            "<!ENTITY é \"x\">&é;",
        ] {
            assert_eq!(check(xml.as_bytes()), Ok(()), "{xml}");
        }
    }
}
