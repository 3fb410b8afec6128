//! Where in a JSON text a reader stopped, as a path (`results[3].email`), so an answer the
//! console cannot read is reported by the field at fault.
//!
//! serde_json says where it failed only as a line and column; this walks the text up to that
//! point, tracking the object keys and array indexes it is inside. It knows nothing of the
//! target types, so it costs no code per model (a path-tracking deserializer would).

/// Byte offset of a 1-based `line` and `column` (serde_json's) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, part) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            let mut at = (offset + column.saturating_sub(1)).min(text.len());
            // Never inside a character: back to where it starts.
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        offset += part.len();
    }
    text.len()
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// The path of the value being read at `line`:`column` of `text`; `None` at the top level.
pub fn path_at(text: &str, line: usize, column: usize) -> Option<String> {
    let stop = offset_of(text, line, column);
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < stop.min(bytes.len()) {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key }) => *key = None,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(bytes.len());
                // A string right after `{` or `,` in an object is a key.
                if let Some(Frame::Object { key }) = stack.last_mut() {
                    if key.is_none() {
                        let raw = text.get(start.min(end)..end).unwrap_or_default();
                        *key = Some(
                            serde_json::from_str::<String>(&format!("\"{raw}\""))
                                .unwrap_or_else(|_| raw.to_owned()),
                        );
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    // At a closing bracket the reader is done with the container's last member: the problem
    // (a missing field, a wrong length) is the container's own.
    let after = text.get(stop..).unwrap_or_default();
    if let Some(b'}' | b']') = after.trim_start().bytes().next() {
        match stack.last_mut() {
            Some(Frame::Object { key }) => *key = None,
            Some(Frame::Array { .. }) => {
                stack.pop();
                stack.push(Frame::Object { key: None });
            }
            None => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    (!path.is_empty()).then_some(path)
}

/// serde_json's message with the field it concerns: "invalid type: ... at `results[0].id`".
pub fn describe(text: &str, error: &serde_json::Error) -> String {
    let message = error.to_string();
    // The message ends with "at line L column C"; the path says it better.
    let plain = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(head, _)| head);
    match path_at(text, error.line(), error.column()) {
        Some(path) => format!("{plain} at `{path}`"),
        None => plain.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Row {
        id: u64,
        email: String,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        results: Vec<Row>,
    }

    fn error_of(text: &str) -> String {
        let err = serde_json::from_str::<Page>(text).unwrap_err();
        describe(text, &err)
    }

    #[test]
    fn a_wrong_type_is_named_by_its_path() {
        let text = r#"{"results": [{"id": 1, "email": "a@b.c"}, {"id": "two", "email": "x"}]}"#;
        let message = error_of(text);
        assert!(
            message.starts_with("invalid type: string \"two\", expected u64"),
            "{message}"
        );
        assert!(message.ends_with("at `results[1].id`"), "{message}");
        let nested = "{\n \"results\": [\n  {\"id\": 1,\n   \"email\": 5}\n ]\n}";
        assert!(
            error_of(nested).ends_with("at `results[0].email`"),
            "{}",
            error_of(nested)
        );
    }

    #[test]
    fn keys_with_escapes_and_missing_fields_read_well() {
        let text = r#"{"re\"sults": 1, "results": [{"id": 1}]}"#;
        let message = error_of(text);
        assert!(message.starts_with("missing field `email`"), "{message}");
        assert!(message.ends_with("at `results[0]`"), "{message}");
        assert_eq!(
            path_at(r#"{"a\"b": [1, 2, {"c": "#, 1, 20).as_deref(),
            Some("a\"b[2].c")
        );
    }

    /// Found by the decoder fuzz test: positions inside a multibyte character or an escape.
    #[test]
    fn positions_inside_characters_do_not_panic() {
        for text in [
            "\".\u{798f1}",
            "\"\u{798f1}",
            "{\"\u{e9}\\",
            "{\"k\\\u{e9}\": [1",
        ] {
            for column in 0..12 {
                let _ = path_at(text, 1, column);
            }
        }
    }

    #[test]
    fn text_that_is_not_json_has_no_path() {
        // A struct may be written as an array: its first member is then the first field.
        assert!(
            error_of("[1, 2").ends_with("at `[0]`"),
            "{}",
            error_of("[1, 2")
        );
        assert_eq!(path_at("", 1, 1), None);
        assert!(!error_of("nonsense").contains(" at "));
    }
}
