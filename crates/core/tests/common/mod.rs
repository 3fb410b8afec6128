//! Reading the JSON examples out of the vendors' documents (shared by the contract tests).
#![allow(dead_code)]

/// Where the JSON value starting at byte `start` of `text` ends (exclusive): where its braces
/// and brackets balance outside strings, or the end of the text.
pub fn balanced_end(text: &str, start: usize) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for (i, c) in text[start..].char_indices() {
        match (c, in_string, escaped) {
            (_, true, true) => escaped = false,
            ('\\', true, false) => escaped = true,
            ('"', _, false) => in_string = !in_string,
            ('{' | '[', false, _) => depth += 1,
            ('}' | ']', false, _) => {
                depth -= 1;
                if depth == 0 {
                    return start + i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}
