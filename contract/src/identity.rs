//! Who a person is: the codice fiscale, the only identifier SIISL uses for people; and who an
//! organisation is: its partita IVA (the 11-digit codice fiscale of a company), or the personal
//! codice fiscale of a sole trader.

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

/// A syntactically valid partita IVA, which is also the codice fiscale of a company: 11 digits,
/// the last a check digit (the Luhn variant of DM 23/12/1976).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartitaIva(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PartitaIvaError {
    #[error("a partita IVA has 11 digits")]
    Format,
    #[error("the check digit of the partita IVA does not match")]
    CheckDigit,
}

impl PartitaIva {
    /// Accepts the `IT` prefix of the VAT number as written on invoices, and spaces.
    pub fn parse(input: &str) -> Result<PartitaIva, PartitaIvaError> {
        let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let code = code.strip_prefix("IT").or_else(|| code.strip_prefix("it")).unwrap_or(&code);
        let bytes = code.as_bytes();
        if bytes.len() != 11 || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(PartitaIvaError::Format);
        }
        if check_digit(&bytes[..10]) != bytes[10] {
            return Err(PartitaIvaError::CheckDigit);
        }
        Ok(PartitaIva(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The 11th digit of a partita IVA from the first 10: digits in odd places as they are, digits
/// in even places doubled (less 9 when above 9), and the check digit brings the sum to a
/// multiple of 10.
pub fn check_digit(first10: &[u8]) -> u8 {
    let sum: u32 = first10
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let digit = u32::from(b - b'0');
            if i % 2 == 0 {
                digit
            } else if digit * 2 > 9 {
                digit * 2 - 9
            } else {
                digit * 2
            }
        })
        .sum();
    b'0' + u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

impl fmt::Display for PartitaIva {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PartitaIva {
    type Error = PartitaIvaError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PartitaIva::parse(&value)
    }
}

impl From<PartitaIva> for String {
    fn from(piva: PartitaIva) -> String {
        piva.0
    }
}

/// How an employer is identified: a company by its partita IVA (numeric codice fiscale), a sole
/// trader by their personal codice fiscale.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TaxCode {
    Company(PartitaIva),
    Person(CodiceFiscale),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TaxCodeError {
    #[error(transparent)]
    Company(#[from] PartitaIvaError),
    #[error(transparent)]
    Person(#[from] CodiceFiscaleError),
}

impl TaxCode {
    /// 11 characters (or `IT` and 11) are read as a partita IVA, anything else as a personal
    /// codice fiscale; each is refused for its own reason.
    pub fn parse(input: &str) -> Result<TaxCode, TaxCodeError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let vat_prefix = compact.get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("IT"));
        let numeric = compact.len() == 11 || (compact.len() == 13 && vat_prefix);
        if numeric {
            Ok(TaxCode::Company(PartitaIva::parse(&compact)?))
        } else {
            Ok(TaxCode::Person(CodiceFiscale::parse(&compact)?))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            TaxCode::Company(piva) => piva.as_str(),
            TaxCode::Person(cf) => cf.as_str(),
        }
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

    #[test]
    fn a_partita_iva_is_checked_by_its_last_digit() {
        // The textbook example: 0123456789 gives 7.
        assert_eq!(PartitaIva::parse("01234567897").unwrap().as_str(), "01234567897");
        assert_eq!(PartitaIva::parse("IT 0123456789 7").unwrap().as_str(), "01234567897");
        assert_eq!(PartitaIva::parse("01234567890"), Err(PartitaIvaError::CheckDigit));
        assert_eq!(PartitaIva::parse("0123456789"), Err(PartitaIvaError::Format));
        assert_eq!(PartitaIva::parse("0123456789A"), Err(PartitaIvaError::Format));
        assert_eq!(PartitaIva::parse(""), Err(PartitaIvaError::Format));
    }

    proptest::proptest! {
        /// Any single mistyped digit of the first ten changes the check digit (doubling is a
        /// permutation of the digits, so no change goes unseen).
        #[test]
        fn a_partita_iva_catches_a_mistyped_digit(first10 in "[0-9]{10}", at in 0usize..10, to in 0u8..10) {
            let valid = format!("{first10}{}", check_digit(first10.as_bytes()) as char);
            proptest::prop_assert!(PartitaIva::parse(&valid).is_ok());
            let mut typo = valid.clone().into_bytes();
            proptest::prop_assume!(typo[at] != b'0' + to);
            typo[at] = b'0' + to;
            let typo = String::from_utf8(typo).unwrap();
            proptest::prop_assert_eq!(PartitaIva::parse(&typo), Err(PartitaIvaError::CheckDigit));
        }
    }

    #[test]
    fn an_employer_is_a_company_or_a_sole_trader() {
        assert!(matches!(TaxCode::parse("01234567897"), Ok(TaxCode::Company(_))));
        assert!(matches!(TaxCode::parse("RSSMRA85T10A562S"), Ok(TaxCode::Person(_))));
        // Whatever is typed, an answer and no panic (a multi-byte first character included).
        assert!(TaxCode::parse("é0123456789").is_err());
        assert_eq!(
            TaxCode::parse("01234567890"),
            Err(TaxCodeError::Company(PartitaIvaError::CheckDigit))
        );
        assert_eq!(
            TaxCode::parse("RSSMRA85T10A562T"),
            Err(TaxCodeError::Person(CodiceFiscaleError::CheckCharacter))
        );
    }
}
