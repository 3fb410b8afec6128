//! Where in a JSON text a decoding error is, named as a path (`result[1].driver`).
//!
//! serde_json says where an error is as a line and column; [`path_at`] walks the text up to
//! there and names the field and the array items around that place. That reads as
//! `serde_path_to_error` does, without wrapping every type's decoder in a path tracker, which
//! in the browser's wasm doubled the size of the decoders it wrapped.

/// Decode `text` as a `T`; a failure comes with the path of the place at fault (`.` at the top).
/// Like `serde_path_to_error` over a `serde_json::Deserializer`, what follows the value is not
/// looked at.
pub fn decode<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, (String, serde_json::Error)> {
    let mut reader = serde_json::Deserializer::from_str(text);
    T::deserialize(&mut reader).map_err(|e| (path_at(text, e.line(), e.column()), e))
}

enum Frame {
    /// The key being read or whose value is being read; `None` before the first key and
    /// between a comma and the next key.
    Object(Option<String>),
    Array(usize),
}

/// The path at `line` and `column` (1-based, as serde_json counts) of `text`.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let end = (line_start + column).min(text.len());
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expecting_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(key)) => {
                    *key = None;
                    expecting_key = true;
                }
                None => {}
            },
            b':' => expecting_key = false,
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        let raw = String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]);
                        let quoted = format!("\"{raw}\"");
                        *key = Some(serde_json::from_str(&quoted).unwrap_or_else(|_| raw.into()));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => break,
            Frame::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Answer {
        result: Vec<Repo>,
        total: u32,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Repo {
        name: String,
        driver: u8,
        tags: Vec<u32>,
        owner: Option<Owner>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Owner {
        id: u64,
        kind: Kind,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    enum Kind {
        User,
        Team,
    }

    /// The path serde_path_to_error finds, for comparison.
    fn tracked(text: &str) -> String {
        let mut reader = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, Answer>(&mut reader)
            .unwrap_err()
            .path()
            .to_string()
    }

    #[test]
    fn names_the_place_as_serde_path_to_error_does() {
        let repo = r#"{"name": "a", "driver": 1, "tags": [1, 2], "owner": null}"#;
        let cases = [
            format!(
                r#"{{"result": [{repo}, {{"name": "b", "driver": "x", "tags": [], "owner": null}}], "total": 2}}"#
            ),
            format!(
                r#"{{"result": [{repo}, {{"name": "b", "driver": 3, "tags": [4, -5], "owner": null}}], "total": 2}}"#
            ),
            format!(r#"{{"result": [{repo}], "total": "two"}}"#),
            format!(
                r#"{{"result": [{repo}, {{"name": "b", "driver": 3, "tags": [], "owner": {{"id": 1, "kind": "Robot"}}}}], "total": 2}}"#
            ),
            r#"{"result": [{"name": "a\"b\\", "driver": 300, "tags": [], "owner": null}], "total": 1}"#
                .to_owned(),
            format!(
                "{{\n  \"result\": [\n    {repo},\n    {{\"name\": 7}}\n  ],\n  \"total\": 2\n}}"
            ),
            "[1, 2]".to_owned(),
        ];
        for text in &cases {
            let (path, _) = decode::<Answer>(text).unwrap_err();
            assert_eq!(path, tracked(text), "{text}");
        }
    }

    #[test]
    fn a_text_cut_off_names_where_it_ends() {
        // serde_path_to_error says "?" here.
        let (path, error) = decode::<Answer>(r#"{"result": [], "total": 1"#).unwrap_err();
        assert!(error.is_eof());
        assert_eq!(path, "total");
    }

    #[test]
    fn a_missing_field_names_its_object() {
        let text = r#"{"result": [{"name": "a", "tags": [], "owner": null}], "total": 1}"#;
        let (path, error) = decode::<Answer>(text).unwrap_err();
        assert!(error.to_string().contains("missing field `driver`"));
        assert_eq!(path, "result[0]");
    }
}
