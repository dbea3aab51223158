//! The one rule for text people and platforms send: what a field may hold, whatever the form or
//! API body it arrives in.
//!
//! Refused: NUL and the other C0 and C1 control characters (where the field is multi-line, a
//! line feed and a tab are allowed, and a carriage return as part of CR LF, which browsers send
//! for every new line of a text area), and the bidirectional embeddings, overrides and isolates
//! (U+202A–U+202E, U+2066–U+2069), which make stored text read differently from what it holds
//! ("Trojan Source"). Accepted text is normalised to NFC, so the same words are stored, compared
//! and searched the same way however the keyboard composed them.

use unicode_normalization::UnicodeNormalization;

/// Whether a field holds one line or several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Why text was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// NUL, another control character, or a line break in a one-line field.
    ControlCharacter,
    /// A bidirectional embedding, override or isolate.
    BidiControl,
}

impl TextProblem {
    /// A stable code, the same in form errors and API problems.
    pub fn code(self) -> &'static str {
        match self {
            TextProblem::ControlCharacter => "control_character",
            TextProblem::BidiControl => "bidi_control",
        }
    }
}

/// The problem with `text`, if any (the first one found).
pub fn problem(text: &str, lines: Lines) -> Option<TextProblem> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let refused = match c {
            '\n' | '\t' => lines == Lines::One,
            // Only as the first half of CR LF.
            '\r' => lines == Lines::One || chars.peek() != Some(&'\n'),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                return Some(TextProblem::BidiControl);
            }
            c => c.is_control(),
        };
        if refused {
            return Some(TextProblem::ControlCharacter);
        }
    }
    None
}

/// `text` as it is stored: checked, then normalised to NFC (line breaks as LF).
pub fn accept(text: &str, lines: Lines) -> Result<String, TextProblem> {
    if let Some(problem) = problem(text, lines) {
        return Err(problem);
    }
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return Ok(text);
    }
    Ok(text.nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_in_any_script_passes() {
        for text in
            ["Via Roma 1, 00100 Roma", "Rossi Maria", "Ελένη", "Олена", "محمد", "été 🎉", ""]
        {
            assert_eq!(accept(text, Lines::One).as_deref(), Ok(text));
        }
        // Marks of direction (not embeddings or overrides) are part of writing Arabic.
        assert!(accept("abc\u{200F}", Lines::One).is_ok());
        assert!(accept("a\tb", Lines::One).is_err(), "a tab is a control character too");
        assert!(accept("a\tb", Lines::Many).is_ok(), "but pasted into a text area, it is spacing");
    }

    #[test]
    fn controls_and_bidi_overrides_are_refused() {
        for (text, problem) in [
            ("a\0b", TextProblem::ControlCharacter),
            ("bell\u{7}", TextProblem::ControlCharacter),
            ("esc\u{1b}[31m", TextProblem::ControlCharacter),
            ("c1\u{85}", TextProblem::ControlCharacter),
            ("c1\u{9b}", TextProblem::ControlCharacter),
            ("del\u{7f}", TextProblem::ControlCharacter),
            ("gro\u{202E}moc.evil", TextProblem::BidiControl),
            ("\u{2066}x\u{2069}", TextProblem::BidiControl),
            ("\u{202A}", TextProblem::BidiControl),
        ] {
            assert_eq!(accept(text, Lines::Many), Err(problem), "{text:?}");
            assert_eq!(accept(text, Lines::One), Err(problem), "{text:?}");
        }
    }

    #[test]
    fn line_breaks_only_where_a_field_has_lines() {
        assert_eq!(accept("one\r\ntwo\nthree", Lines::Many).as_deref(), Ok("one\ntwo\nthree"));
        assert_eq!(accept("one\ntwo", Lines::One), Err(TextProblem::ControlCharacter));
        assert_eq!(accept("one\rtwo", Lines::Many), Err(TextProblem::ControlCharacter));
        assert_eq!(accept("one\r", Lines::Many), Err(TextProblem::ControlCharacter));
    }

    #[test]
    fn text_is_stored_composed() {
        // "é" typed as e + combining acute accent.
        assert_eq!(accept("caff\u{65}\u{301}", Lines::One).as_deref(), Ok("caff\u{e9}"));
        assert_eq!(accept("Ångström", Lines::One).as_deref(), Ok("Ångström"));
    }
}
