//! `str::lines` with the line ends found by the memchr crate: std's search for a
//! character is a byte-at-a-time loop, and the personal-data rule splits every
//! record's text into lines.
//! (Here because personal-data is its only user and diagnostics is a bottom-layer
//! module that imports nothing of the crate.)

/// The lines of `text` as [`str::lines`] gives them: split at `\n`, a `\r`
/// before it dropped, no empty last line after a final `\n`.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    ends.filter_map(move |end| {
        if end == text.len() && start == end {
            return None;
        }
        let line = &text[start..end];
        start = end + 1;
        // Only a `\r\n` ends a line; a `\r` at the very end is text.
        if end < text.len() {
            Some(line.strip_suffix('\r').unwrap_or(line))
        } else {
            Some(line)
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_are_the_lines_std_gives() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\r",
            "a\r",
            "\r\n\r\n",
            "a\n\nb\n\n",
            "строка\nвторая\r\nтретья",
        ] {
            let ours: Vec<&str> = super::lines(text).collect();
            assert_eq!(ours, text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }
}
