//! Who a person is: the codice fiscale, the only identifier SIISL uses for people.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A syntactically valid Italian codice fiscale (format, check character, omocodia).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CodiceFiscale(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodiceFiscaleError {
    #[error("a codice fiscale has 16 characters")]
    Length,
    #[error("the codice fiscale has a character out of place")]
    Format,
    #[error("the check character of the codice fiscale does not match")]
    CheckCharacter,
}

/// Positions (0-based) where a digit may be replaced by a letter to resolve omocodia.
const OMOCODIA_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
const OMOCODIA_LETTERS: &[u8; 10] = b"LMNPQRSTUV";
const MONTH_LETTERS: &[u8] = b"ABCDEHLMPRST";
/// Values of characters in odd (1st, 3rd, …) positions, for digits 0-9 and letters A-Z.
const ODD_VALUES: [u8; 26] =
    [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

impl CodiceFiscale {
    pub fn parse(input: &str) -> Result<CodiceFiscale, CodiceFiscaleError> {
        let code: String = input.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        if bytes.len() != 16 {
            return Err(CodiceFiscaleError::Length);
        }
        let digit_or_omocodia = |b: u8| b.is_ascii_digit() || OMOCODIA_LETTERS.contains(&b);
        let well_formed = bytes.iter().enumerate().all(|(i, &b)| match i {
            0..=5 | 11 | 15 => b.is_ascii_uppercase(),
            8 => MONTH_LETTERS.contains(&b),
            _ if OMOCODIA_POSITIONS.contains(&i) => digit_or_omocodia(b),
            _ => false,
        });
        if !well_formed {
            return Err(CodiceFiscaleError::Format);
        }
        if check_character(&bytes[..15]) != bytes[15] {
            return Err(CodiceFiscaleError::CheckCharacter);
        }
        Ok(CodiceFiscale(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The 16th character, computed from the first 15 (odd/even position tables).
pub fn check_character(first15: &[u8]) -> u8 {
    let sum: u32 = first15
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let index = if b.is_ascii_digit() { b - b'0' } else { b - b'A' };
            // Position 1 (human count) is index 0: "odd" positions are the even indexes.
            u32::from(if i % 2 == 0 { ODD_VALUES[usize::from(index)] } else { index })
        })
        .sum();
    b'A' + (sum % 26) as u8
}

impl fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CodiceFiscale {
    type Error = CodiceFiscaleError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        CodiceFiscale::parse(&value)
    }
}

impl From<CodiceFiscale> for String {
    fn from(cf: CodiceFiscale) -> String {
        cf.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends the right check character to 15 characters.
    fn with_check(first15: &str) -> String {
        format!("{first15}{}", check_character(first15.as_bytes()) as char)
    }

    #[test]
    fn known_codes_are_accepted() {
        // Published examples (Agenzia delle Entrate, Wikipedia).
        for cf in ["RSSMRA85T10A562S", "MRTMTT25D09F205Z", "rssmra85t10a562s "] {
            assert!(CodiceFiscale::parse(cf).is_ok(), "{cf}");
        }
    }

    #[test]
    fn a_wrong_check_character_is_refused() {
        assert_eq!(
            CodiceFiscale::parse("RSSMRA85T10A562T"),
            Err(CodiceFiscaleError::CheckCharacter)
        );
    }

    #[test]
    fn omocodia_letters_replace_digits_only_where_allowed() {
        // 85 → RU at positions 6-7 (8→U, 5→R), check character recomputed.
        let omocode = with_check("RSSMRAUR T10A562".replace(' ', "").as_str());
        assert!(CodiceFiscale::parse(&omocode).is_ok(), "{omocode}");
        // A letter where only the month may stand.
        let bad = with_check("RSSMRA85110A562");
        assert_eq!(CodiceFiscale::parse(&bad), Err(CodiceFiscaleError::Format));
    }

    #[test]
    fn malformed_input_is_refused() {
        assert_eq!(CodiceFiscale::parse("RSSMRA85T10A562"), Err(CodiceFiscaleError::Length));
        assert_eq!(CodiceFiscale::parse("1SSMRA85T10A562S"), Err(CodiceFiscaleError::Format));
        assert_eq!(CodiceFiscale::parse("RSSMRA85Z10A562S"), Err(CodiceFiscaleError::Format));
        assert_eq!(CodiceFiscale::parse(""), Err(CodiceFiscaleError::Length));
    }

    #[test]
    fn every_single_character_change_is_detected_or_malformed() {
        let good = "RSSMRA85T10A562S";
        for i in 0..15 {
            for replacement in b'0'..=b'Z' {
                let mut bytes = good.as_bytes().to_vec();
                if bytes[i] == replacement || !replacement.is_ascii_alphanumeric() {
                    continue;
                }
                bytes[i] = replacement;
                let changed = String::from_utf8(bytes).unwrap();
                // The check character catches any single change of the first 15 characters,
                // except omocodia substitutions (which change the check character too).
                if let Ok(cf) = CodiceFiscale::parse(&changed) {
                    panic!("{cf} accepted after changing position {i}");
                }
            }
        }
    }
}
