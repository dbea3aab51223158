use super::{Messages, Section};
use contract::auth::SignInError;

pub static MESSAGES: Messages = Messages {
    language_name: "English",
    skip_to_content: "Skip to main content",
    institution: "Ministry of Labour and Social Policies",
    site_name: "SIISL",
    site_tagline: "Information system for social and labour inclusion",
    demo_badge: "Demo environment",
    menu_open: "Open the menu",
    menu_close: "Close the menu",
    nav_label: "Main menu",
    nav_home: "Home",
    nav_adi: "Assegno di Inclusione",
    nav_sfl: "Training and Work Support",
    nav_steps: "How it works",
    language_switch_label: "Language",

    home_title: "Social inclusion and work, in one place",
    home_lead: "On SIISL people who applied for the Assegno di Inclusione (Inclusion Allowance) or \
        the Supporto per la formazione e il lavoro (Training and Work Support) sign their activation pact, write their CV, find job offers, courses, internships \
        and community projects, and follow their benefit.",
    home_adi_title: "Assegno di Inclusione (Inclusion Allowance)",
    home_adi_text: "A monthly benefit for households with at least one member who is a minor, \
        disabled, aged 60 or over, or in a certified care programme. You apply at INPS; on SIISL \
        you sign the household's Digital Activation Pact and follow its deadlines.",
    home_sfl_title: "Supporto per la formazione e il lavoro (Training and Work Support)",
    home_sfl_text: "An allowance for people aged 18 to 59 who take part in courses, internships, \
        community projects or other training and work activities. On SIISL you confirm your \
        participation, fill in your CV and choose at least three employment agencies.",
    home_steps_title: "How it works",
    home_steps: &[
        "Sign in with SPID or CIE: you are recognised by your tax code.",
        "Read the outcome of the application you made at INPS.",
        "Sign the activation pact and certify your contacts to receive convocations.",
        "Go to social services within 120 days of signing, then every 90 days.",
        "Write your CV and look for jobs, courses and internships that suit you.",
    ],
    home_help_title: "Need help?",
    home_help_text: "Your municipality's social services, a job centre or a patronato can help you \
        use SIISL and understand what you need to do.",

    footer_label: "Footer",
    footer_about: "SIISL is free software: anyone can check how it works.",
    footer_privacy: "Privacy notice",
    footer_accessibility: "Accessibility statement",
    footer_data: "Data sources",

    privacy_title: "Privacy notice",
    privacy_sections: &[
        Section {
            heading: "Who processes your data",
            paragraphs: &[
                "The controller is the Ministry of Labour and Social Policies, which runs SIISL under \
                 article 5 of decree-law no. 48 of 4 May 2023. INPS processes the data as processor \
                 for the technical operation of the platform.",
                "You can reach the Ministry's Data Protection Officer at the address given in the \
                 \"Privacy\" section of the Ministry's website.",
            ],
        },
        Section {
            heading: "What data we process",
            paragraphs: &[
                "The identity data you receive from SPID or CIE (name, surname, tax code, date of \
                 birth, e-mail address); the application data that INPS sends; the contacts you \
                 certify for convocations; the CV and applications you choose to enter; technical \
                 access logs.",
                "We process no data that the purposes below do not need. We use no profiling cookies \
                 and no third-party analytics: only technical cookies, needed for the session and to \
                 remember the language you chose.",
            ],
        },
        Section {
            heading: "Why we process it",
            paragraphs: &[
                "To meet legal obligations and public-interest tasks linked to the Assegno di \
                 Inclusione (Inclusion Allowance) and the Training and Work Support (article 6(1)(c) and (e) of Regulation \
                 (EU) 2016/679): signing the pacts, telling you about deadlines, sending your data to \
                 the social services, job centres and employment agencies named by the law or by \
                 your choices, and suggesting work and training opportunities.",
            ],
        },
        Section {
            heading: "Who can see your data",
            paragraphs: &[
                "Only the social-services and job-centre operators your household is assigned to, and \
                 only read-only. Every access of theirs is recorded and you can see who looked at \
                 your data. Data is sent to INPS, to the GePI platform and to the unified labour \
                 policy information system as the law requires.",
            ],
        },
        Section {
            heading: "For how long",
            paragraphs: &[
                "For the length of the benefit and for the further time the law sets for checks and \
                 disputes. Technical logs are kept for as long as the security of the service needs.",
            ],
        },
        Section {
            heading: "Your rights",
            paragraphs: &[
                "You can ask for access to your data, its correction, restriction and, where the law \
                 allows, erasure or objection (articles 15-22 of Regulation (EU) 2016/679). If you \
                 believe the processing breaks the law you can complain to the Italian Data \
                 Protection Authority (Garante per la protezione dei dati personali).",
            ],
        },
    ],

    accessibility_title: "Accessibility statement",
    accessibility_sections: &[
        Section {
            heading: "Commitment",
            paragraphs: &[
                "The Ministry of Labour and Social Policies is committed to making SIISL accessible, \
                 in accordance with law no. 4 of 9 January 2004 and the AgID accessibility \
                 guidelines, which refer to standard EN 301 549 and WCAG 2.1 level AA.",
            ],
        },
        Section {
            heading: "Compliance status",
            paragraphs: &[
                "SIISL is partially compliant: every page is checked automatically on every change \
                 with axe-core against the WCAG 2.1 A and AA criteria, on a phone-sized screen. A \
                 full manual review with assistive technologies is under way and its outcome will \
                 be published here.",
            ],
        },
        Section {
            heading: "How it is built",
            paragraphs: &[
                "Pages also work without JavaScript, can be used with the keyboard alone, meet the \
                 minimum contrast ratios, reflow at up to 400% zoom and have a link to skip straight \
                 to the content.",
            ],
        },
        Section {
            heading: "Report a problem",
            paragraphs: &[
                "If you find content that is not accessible, write to the Ministry at the contacts \
                 on its website, describing the page and the problem: you will get an answer within \
                 30 days. If the answer does not satisfy you, you can turn to the Digital Ombudsman \
                 (Difensore civico per il digitale) at AgID.",
            ],
        },
        Section {
            heading: "Date of this statement",
            paragraphs: &["Written on 26 November 2026 and reviewed at every release."],
        },
    ],

    data_title: "Data sources",
    data_sections: &[
        Section {
            heading: "Italian municipalities",
            paragraphs: &[
                "List of municipalities, cadastral codes and provinces: ISTAT, \"Elenco comuni \
                 italiani\", updated to the ANPR register (May 2026), CC BY licence. Boundary \
                 coordinates and population: Openpolis and ISTAT, CC BY 4.0 licence.",
            ],
        },
        Section {
            heading: "Occupations",
            paragraphs: &[
                "Classification of occupations and job titles: ISTAT, \"Classificazione delle professioni CP2011\", CC BY licence; job titles from the Ministry of Labour classifier tables (Comunicazioni Obbligatorie).",
            ],
        },
        Section {
            heading: "Skills",
            paragraphs: &[
                "Skills in Italian: © European Union, ESCO v1.0.1, reuse with attribution (Commission Decision 2011/833/EU), ranked by frequency in Italian job ads.",
            ],
        },
    ],

    sign_in: "Sign in",
    sign_in_title: "Sign in to SIISL",
    sign_in_intro: "Sign in with your digital identity, SPID or CIE: you are recognised by your \
        tax code, with no other password.",
    sign_in_demo_note: "Demo environment: the \"Demo\" provider simulates SPID and CIE with \
        invented people. No data is real.",
    sign_in_no_providers: "No identity provider is configured at the moment.",
    sign_in_failed_title: "Sign-in failed",
    sign_in_error_code: "Code to give to support",
    sign_in_error: sign_in_error_en,
    already_signed_in: "You are already signed in as",
    personal_area: "Personal area",
    signed_in_as: "You are signed in as",
    label_name: "Name",
    label_codice_fiscale: "Tax code (codice fiscale)",
    sessions_title: "Active sign-ins",
    sessions_intro: "These are the devices you are signed in from. If you do not recognise one, \
        end it.",
    session_current: "This device",
    session_started: "Signed in",
    session_last_seen: "Last activity",
    session_end: "End this sign-in",
    sessions_unavailable: "The active sign-ins could not be loaded.",
    sign_out: "Sign out",
    signed_out_title: "You are not signed in",
    signed_out_text: "Sign in with SPID or CIE to see your personal area.",
    demo_idp_title: "Demo identity provider",
    demo_idp_intro: "This provider exists only in the demo environment and simulates SPID and \
        CIE. Choose the invented person to sign in as.",
    demo_idp_sign_in_as: "Sign in as",
    demo_idp_bad_request: "The sign-in request is not valid: go back to SIISL and try again.",
    loading: "Loading…",

    operators_title: "Operators",
    operators_intro: "Social-services case managers, job-centre operators and administrators: \
        they sign in with SPID or CIE and are recognised by their tax code.",
    operators_link: "Manage operators",
    operators_saved: "Operator saved. If they were signed in, they will have to sign in again.",
    operators_empty: "No operator is registered.",
    operators_form_title: "Add or change an operator",
    operators_form_help: "With the tax code of an operator already registered you change their \
        role, organisation and status.",
    operator_role: operator_role_en,
    operator_kind: operator_kind_en,
    operator_status_active: "Active",
    operator_status_suspended: "Suspended",
    operator_suspend: "Suspend",
    operator_reactivate: "Reactivate",
    operator_save: "Save the operator",
    field_codice_fiscale: "Tax code (codice fiscale)",
    field_given_name: "Given name",
    field_family_name: "Family name",
    field_role: "Role",
    field_organisation_kind: "Kind of organisation",
    field_organisation_code: "Organisation code (municipality cadastral code or job-centre code)",
    field_organisation_name: "Organisation name",
    field_active: "Active",
    error_summary: "The form has errors: correct the fields shown.",
    error_codice_fiscale: "The tax code is not valid: check its 16 characters.",
    error_required: "This field is required.",
    error_too_long: "The text is too long.",
    error_choice: "Choose one of the values offered.",

    not_found_title: "Page not found",
    not_found_text: "The page you are looking for does not exist or has moved. Check the address \
        or go back to the home page.",
    back_home: "Back to the home page",
    error_title: "Something went wrong",
    error_text: "This part of the page could not be shown. Try again in a moment; if the problem \
        persists, contact support.",
};

fn sign_in_error_en(error: SignInError) -> &'static str {
    match error {
        SignInError::UnknownProvider => "The chosen identity provider does not exist.",
        SignInError::ProviderUnavailable => {
            "The identity provider is not answering. Try again in a few minutes."
        }
        SignInError::AttemptMissing => {
            "The sign-in expired or was already completed. Start again from the sign-in button."
        }
        SignInError::WrongState => {
            "The identity provider's answer does not match your sign-in request."
        }
        SignInError::ProviderRefused => "The identity provider did not grant the sign-in.",
        SignInError::CodeRejected => {
            "The identity provider refused the sign-in code, perhaps because it was already used."
        }
        SignInError::TokenSignature
        | SignInError::TokenIssuer
        | SignInError::TokenAudience
        | SignInError::TokenExpired
        | SignInError::TokenNonce
        | SignInError::TokenInvalid => {
            "The identity statement we received is not valid, so we cannot let you in."
        }
        SignInError::AcrTooLow => {
            "The identity you used is not secure enough: at least SPID level 2 is required."
        }
        SignInError::FiscalNumberMissing => {
            "The identity provider did not send your tax code, which we need to recognise you."
        }
        SignInError::FiscalNumberInvalid => {
            "The tax code sent by the identity provider is not valid."
        }
    }
}

fn operator_role_en(role: crate::policy::Role) -> &'static str {
    use crate::policy::Role;
    match role {
        Role::Citizen => "Citizen",
        Role::CaseManager => "Social-services case manager",
        Role::CpiOperator => "Job-centre operator",
        Role::Administrator => "Administrator",
        Role::Organisation => "On behalf of an organisation",
    }
}

fn operator_kind_en(kind: &str) -> &'static str {
    match kind {
        "social_services" => "Municipal social services",
        "cpi" => "Job centre",
        _ => "Platform",
    }
}
