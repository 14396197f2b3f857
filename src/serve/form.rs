//! Strict `application/x-www-form-urlencoded` decoding (URL query strings and form bodies):
//! a `%` not followed by two hex digits, or bytes that are not UTF-8 once decoded, are errors
//! that the client is told about, never guessed around.

/// Why a form could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum FormError {
    /// A `%` at this byte offset is not followed by two hex digits.
    Percent(usize),
    /// A decoded name or value is not UTF-8.
    Utf8,
}

/// Decodes one component: `+` is a space, `%XX` a byte.
pub fn decode(bytes: &[u8], offset: usize) -> Result<String, FormError> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (
                    bytes.get(i + 1).and_then(|&b| hex(b)),
                    bytes.get(i + 2).and_then(|&b| hex(b)),
                ) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => return Err(FormError::Percent(offset + i)),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| FormError::Utf8)
}

/// The name–value pairs of a form, in order.
pub fn parse(bytes: &[u8]) -> Result<Vec<(String, String)>, FormError> {
    let mut pairs = Vec::new();
    let mut offset = 0;
    for part in bytes.split(|&b| b == b'&') {
        if !part.is_empty() {
            let eq = part.iter().position(|&b| b == b'=');
            let (name, value) = match eq {
                Some(eq) => (&part[..eq], &part[eq + 1..]),
                None => (part, &b""[..]),
            };
            let value_offset = offset + eq.map_or(part.len(), |e| e + 1);
            pairs.push((decode(name, offset)?, decode(value, value_offset)?));
        }
        offset += part.len() + 1;
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_strictly() {
        assert_eq!(
            parse(b"query=SELECT+%3Fs%20WHERE&x").unwrap(),
            vec![
                ("query".to_string(), "SELECT ?s WHERE".to_string()),
                ("x".to_string(), String::new())
            ]
        );
        assert_eq!(parse(b"a=1&query=%zz"), Err(FormError::Percent(10)));
        assert_eq!(parse(b"query=%4"), Err(FormError::Percent(6)));
        assert_eq!(parse(b"query=%ff%fe"), Err(FormError::Utf8));
        assert_eq!(parse(b"q=caf%C3%A9").unwrap()[0].1, "café");
    }
}
