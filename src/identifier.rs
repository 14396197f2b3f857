//! Identifiers that others store: fact and evidence IRIs, claim keys, document IRIs and store
//! file names. They are a contract with every store and link made from kgx's output, so they
//! come from frozen, documented functions here and nowhere else — never from a hasher tuned for
//! speed (`word_table` may change whenever a benchmark asks; these may not). Golden
//! tests (`tests/data_safety.rs`) pin a few of them.
//!
//! - [`fnv1a64`]: FNV-1a, 64 bits (offset basis `0xcbf29ce484222325`, prime `0x100000001b3`),
//!   over the bytes given, exactly as <http://www.isthe.com/chongo/tech/comp/fnv/> defines it.
//! - [`escape_id`]: a document id as one path segment, injectively: ASCII letters, digits, `-`,
//!   `_`, `.` (not first) and non-ASCII letters and digits stay; every other byte of the UTF-8
//!   encoding becomes `%XX` (upper-case hex), `%` included. Different ids give different
//!   segments, and no segment is `.` or `..`; the empty id is `%FF` (a byte UTF-8 never holds).
//! - [`document_file_stem`]: [`escape_id`], cut to at most [`MAX_FILE_STEM`] bytes with `~`
//!   and the id's [`fnv1a64`] in hex appended when longer (a `~` never appears otherwise: it is
//!   escaped), so a file name never exceeds the file system's 255 bytes.

/// FNV-1a's 64-bit offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The longest store file stem: 255 bytes minus room for `.nq` and a temporary suffix.
pub const MAX_FILE_STEM: usize = 180;

/// FNV-1a (64 bits) of the bytes.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_continue(FNV_OFFSET, bytes)
}

/// FNV-1a continued from a previous state (for hashing several parts without joining them).
pub fn fnv1a64_continue(mut state: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        state ^= u64::from(b);
        state = state.wrapping_mul(FNV_PRIME);
    }
    state
}

/// The hash of several parts, each followed by the byte 0xff (which UTF-8 never holds, so
/// `["ab", "c"]` and `["a", "bc"]` differ), as 16 lower-case hex digits.
pub fn hash_parts(parts: &[&str]) -> String {
    let mut state = FNV_OFFSET;
    for p in parts {
        state = fnv1a64_continue(state, p.as_bytes());
        state = fnv1a64_continue(state, &[0xff]);
    }
    format!("{state:016x}")
}

/// A document id as one path segment of an IRI or a file name, injectively (see the module
/// docs).
pub fn escape_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    if id.is_empty() {
        // UTF-8 never holds the byte 0xff, so no other id escapes to "%FF".
        out.push_str("%FF");
        return out;
    }
    for (i, c) in id.char_indices() {
        let kept = c.is_ascii_alphanumeric()
            || c == '-'
            || c == '_'
            || (c == '.' && i > 0)
            || (!c.is_ascii() && c.is_alphanumeric());
        if kept {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The stem of a document's store file (see the module docs): never longer than
/// [`MAX_FILE_STEM`] bytes, different for different ids.
pub fn document_file_stem(id: &str) -> String {
    let escaped = escape_id(id);
    if escaped.len() <= MAX_FILE_STEM {
        return escaped;
    }
    // Keep whole units (a character, or a %XX escape) while they fit before the hash.
    let room = MAX_FILE_STEM - 17;
    let bytes = escaped.as_bytes();
    let mut cut = 0;
    while cut < bytes.len() {
        let unit = if bytes[cut] == b'%' {
            3
        } else {
            escaped[cut..].chars().next().map_or(1, char::len_utf8)
        };
        if cut + unit > room {
            break;
        }
        cut += unit;
    }
    let tail = &escaped[..cut];
    format!("{tail}~{:016x}", fnv1a64(id.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn parts_are_separated() {
        assert_ne!(hash_parts(&["ab", "c"]), hash_parts(&["a", "bc"]));
        assert_eq!(hash_parts(&["x"]).len(), 16);
    }

    #[test]
    fn ids_that_slugs_confused_stay_apart() {
        let ids = [
            "a/b/c",
            "A B C",
            "a-b-c",
            "a b c",
            "..",
            ".",
            "###",
            "!!!",
            "",
            "%",
            "%25",
            "https://x.org/2024/01/ai-model",
            "https://x.org/2024-01/ai-model",
            "复旦",
            "a~b",
        ];
        let mut seen = std::collections::BTreeSet::new();
        for id in ids {
            let e = escape_id(id);
            assert!(seen.insert(e.clone()), "{id:?} -> {e:?} twice");
            assert!(e != "." && e != ".." && !e.starts_with('.'), "{e}");
            assert!(!e.contains(['/', ' ', '~']), "{e}");
        }
        assert_eq!(escape_id("a/b c"), "a%2Fb%20c");
        assert_eq!(escape_id("seed-moss"), "seed-moss");
        assert_eq!(escape_id(".."), "%2E.");
        assert_eq!(escape_id("复旦"), "复旦");
    }

    #[test]
    fn long_ids_get_a_hash_within_the_file_name_limit() {
        for id in [
            "x".repeat(300),
            "/".repeat(300),
            "é/".repeat(200),
            format!("{}{}", "a".repeat(162), "/".repeat(9)),
        ] {
            let stem = document_file_stem(&id);
            assert!(stem.len() <= MAX_FILE_STEM, "{} {stem}", stem.len());
            assert!(stem.contains('~'), "{stem}");
            // No half escape before the hash.
            let before = stem.split('~').next().unwrap();
            let last_escape = before.rfind('%').map_or(usize::MAX, |i| before.len() - i);
            assert!(last_escape >= 3, "{stem}");
        }
        assert_ne!(
            document_file_stem(&format!("{}1", "x".repeat(300))),
            document_file_stem(&format!("{}2", "x".repeat(300)))
        );
        assert_eq!(document_file_stem("short"), "short");
    }
}
