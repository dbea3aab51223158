//! Message catalogues. Every user-facing string lives here, one struct per language, so a
//! missing translation is a compile error rather than a blank on screen.

pub mod candidacy;
pub mod caseload;
pub mod catalog;
pub mod citizen;
pub mod cv;
pub mod drafts;
mod en;
pub mod errors;
pub mod input;
mod it;
pub mod matching;
pub mod organisations;
pub mod platforms;

use serde::{Deserialize, Serialize};

use contract::auth::SignInError;

/// A text in every language, in `Lang::ALL` order: Italian, English.
pub type T = [&'static str; 2];

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Italian is the default: it is the language of the audience and of the law.
    #[default]
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    /// BCP 47 tag, used for `<html lang>`, `hreflang` and the cookie value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language named in a `Cookie` header, if the `lang` cookie holds a known code.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        contract::auth::cookie_value(header, LANG_COOKIE).and_then(Lang::from_code)
    }

    pub fn messages(self) -> &'static Messages {
        match self {
            Lang::It => &it::MESSAGES,
            Lang::En => &en::MESSAGES,
        }
    }
}

/// A titled block of prose (privacy notice, accessibility statement).
pub struct Section {
    pub heading: &'static str,
    pub paragraphs: &'static [&'static str],
}

pub struct Messages {
    /// The language's own name, shown in the language switch.
    pub language_name: &'static str,
    pub skip_to_content: &'static str,
    pub institution: &'static str,
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub demo_badge: &'static str,
    pub menu_open: &'static str,
    pub menu_close: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_adi: &'static str,
    pub nav_sfl: &'static str,
    pub nav_steps: &'static str,
    pub language_switch_label: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_adi_title: &'static str,
    pub home_adi_text: &'static str,
    pub home_sfl_title: &'static str,
    pub home_sfl_text: &'static str,
    pub home_steps_title: &'static str,
    pub home_steps: &'static [&'static str],
    pub home_help_title: &'static str,
    pub home_help_text: &'static str,

    pub footer_label: &'static str,
    pub footer_about: &'static str,
    pub footer_privacy: &'static str,
    pub footer_accessibility: &'static str,
    pub footer_data: &'static str,

    pub privacy_title: &'static str,
    pub privacy_sections: &'static [Section],
    pub accessibility_title: &'static str,
    pub accessibility_sections: &'static [Section],
    pub data_title: &'static str,
    pub data_sections: &'static [Section],

    pub sign_in: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub sign_in_demo_note: &'static str,
    pub sign_in_no_providers: &'static str,
    pub sign_in_failed_title: &'static str,
    pub sign_in_error_code: &'static str,
    /// The explanation of each refused sign-in, by cause.
    pub sign_in_error: fn(SignInError) -> &'static str,
    pub already_signed_in: &'static str,
    pub personal_area: &'static str,
    pub signed_in_as: &'static str,
    pub label_name: &'static str,
    pub label_codice_fiscale: &'static str,
    pub sessions_title: &'static str,
    pub sessions_intro: &'static str,
    pub session_current: &'static str,
    pub session_started: &'static str,
    pub session_last_seen: &'static str,
    pub session_end: &'static str,
    pub sessions_unavailable: &'static str,
    pub sign_out: &'static str,
    pub signed_out_title: &'static str,
    pub signed_out_text: &'static str,
    pub demo_idp_title: &'static str,
    pub demo_idp_intro: &'static str,
    pub demo_idp_sign_in_as: &'static str,
    pub demo_idp_bad_request: &'static str,
    pub loading: &'static str,

    pub operators_title: &'static str,
    pub operators_intro: &'static str,
    pub operators_link: &'static str,
    pub operators_saved: &'static str,
    pub operators_empty: &'static str,
    pub operators_form_title: &'static str,
    pub operators_form_help: &'static str,
    pub operator_role: fn(crate::policy::Role) -> &'static str,
    pub operator_kind: fn(&str) -> &'static str,
    pub operator_status_active: &'static str,
    pub operator_status_suspended: &'static str,
    pub operator_suspend: &'static str,
    pub operator_reactivate: &'static str,
    pub operator_save: &'static str,
    pub field_codice_fiscale: &'static str,
    pub field_given_name: &'static str,
    pub field_family_name: &'static str,
    pub field_role: &'static str,
    pub field_organisation_kind: &'static str,
    pub field_organisation_code: &'static str,
    pub field_organisation_name: &'static str,
    pub field_active: &'static str,
    pub error_summary: &'static str,
    pub error_codice_fiscale: &'static str,
    pub error_required: &'static str,
    pub error_too_long: &'static str,
    pub error_choice: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_picks_the_lang_cookie_among_others() {
        assert_eq!(Lang::from_cookie_header("a=b; lang=en; c=d"), Some(Lang::En));
        assert_eq!(Lang::from_cookie_header("lang=it"), Some(Lang::It));
        assert_eq!(Lang::from_cookie_header("xlang=en"), None);
        assert_eq!(Lang::from_cookie_header("lang=fr"), None);
        assert_eq!(Lang::from_cookie_header(""), None);
    }

    #[test]
    fn every_language_round_trips_through_its_code() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }

    #[test]
    fn catalogues_have_no_empty_messages() {
        for lang in Lang::ALL {
            let m = lang.messages();
            let singles = [
                m.language_name,
                m.skip_to_content,
                m.institution,
                m.site_name,
                m.site_tagline,
                m.demo_badge,
                m.menu_open,
                m.menu_close,
                m.nav_label,
                m.nav_home,
                m.nav_adi,
                m.nav_sfl,
                m.nav_steps,
                m.language_switch_label,
                m.home_title,
                m.home_lead,
                m.home_adi_title,
                m.home_adi_text,
                m.home_sfl_title,
                m.home_sfl_text,
                m.home_steps_title,
                m.home_help_title,
                m.home_help_text,
                m.footer_label,
                m.footer_about,
                m.footer_privacy,
                m.footer_accessibility,
                m.footer_data,
                m.privacy_title,
                m.accessibility_title,
                m.data_title,
                m.not_found_title,
                m.not_found_text,
                m.back_home,
                m.error_title,
                m.error_text,
            ];
            assert!(singles.iter().all(|s| !s.trim().is_empty()), "{lang:?}");
            for sections in [m.privacy_sections, m.accessibility_sections, m.data_sections] {
                assert!(!sections.is_empty(), "{lang:?}");
                for s in sections {
                    assert!(!s.heading.is_empty() && !s.paragraphs.is_empty(), "{lang:?}");
                }
            }
        }
    }

    #[test]
    fn both_catalogues_have_the_same_shape() {
        let (it, en) = (Lang::It.messages(), Lang::En.messages());
        assert_eq!(it.home_steps.len(), en.home_steps.len());
        assert_eq!(it.privacy_sections.len(), en.privacy_sections.len());
        assert_eq!(it.accessibility_sections.len(), en.accessibility_sections.len());
        assert_eq!(it.data_sections.len(), en.data_sections.len());
    }
}
