//! Text from files (SKUs, store and file names, cell values) shown on a terminal: control
//! characters are escaped, never printed raw — an ESC in a SKU could otherwise recolour,
//! move or clear the merchant's terminal.

use std::borrow::Cow;

/// `s` with every control character (C0, DEL, C1) but the line break written as `\u{…}`.
pub fn safe(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && c != '\n';
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if escaped(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(safe("SKU-红-M"), "SKU-红-M");
        assert_eq!(safe("A\u{1b}[2J"), "A\\u{1b}[2J");
        assert_eq!(safe("a\tb\u{7f}\u{9b}"), "a\\u{9}b\\u{7f}\\u{9b}");
        assert_eq!(safe("line\nnext"), "line\nnext");
    }
}
