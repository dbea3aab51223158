//! The read-only CV: every Europass section as headings and lists. Used by the CV overview, the
//! printable page, and (later) the case manager's view of a person. Text is rendered as text,
//! so whatever was typed (markup included) shows escaped.

use domain::NaiveDate;
use domain::cv::{LanguageActivity, Place};
use leptos::prelude::*;

use crate::cv::{CvData, SuggestionKind};
use crate::i18n::Lang;
use crate::i18n::citizen::T;
use crate::i18n::cv::*;

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn period(start: Option<NaiveDate>, end: Option<NaiveDate>, lang: Lang) -> String {
    let from = start.map(day).unwrap_or_default();
    let to = end.map_or_else(|| lang.pick(F_CURRENT).to_string(), day);
    if from.is_empty() { to } else { format!("{from} – {to}") }
}

/// `heading_level` 2 on a page of its own, 3 when nested under a page heading.
#[component]
pub fn CvSummary(
    data: CvData,
    lang: Lang,
    #[prop(default = 2)] heading_level: u8,
) -> impl IntoView {
    let cv = data.cv.clone();
    let heading = move |text: T| -> AnyView {
        let text = lang.pick(text);
        if heading_level == 2 {
            view! { <h2 class="h4">{text}</h2> }.into_any()
        } else {
            view! { <h3 class="h5">{text}</h3> }.into_any()
        }
    };
    let empty = move || view! { <p class="muted">{lang.pick(CV_EMPTY_SECTION)}</p> };
    let p = &cv.personal_information;
    let municipality = p.municipality.as_ref().map(|m| data.label(SuggestionKind::Municipality, m));

    let experiences = if cv.work_experience.is_empty() {
        empty().into_any()
    } else {
        view! {
            <ul class="cv-list">
                {cv.work_experience.iter().map(|e| {
                    let unit = data.label(SuggestionKind::Occupation, &e.occupation_code);
                    view! {
                        <li>
                            <p class="cv-item-title"><strong>{e.job_title.clone()}</strong>" · "{e.employer.clone()}</p>
                            <p class="small">{period(Some(e.start), e.end, lang)}{(!e.place.is_empty()).then(|| format!(" · {}", e.place))}</p>
                            <p class="small muted">"ISTAT CP2011 "{e.occupation_code.clone()}": "{unit}</p>
                            {(!e.description.is_empty()).then(|| view! { <p class="cv-text">{e.description.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let education = if cv.education_and_training.is_empty() {
        empty().into_any()
    } else {
        view! {
            <ul class="cv-list">
                {cv.education_and_training.iter().map(|e| view! {
                    <li>
                        <p class="cv-item-title"><strong>{e.title.clone()}</strong>" · "{e.institution.clone()}</p>
                        <p class="small">{period(e.start, e.end, lang)}" · EQF "{e.eqf_level}</p>
                        {(!e.description.is_empty()).then(|| view! { <p class="cv-text">{e.description.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let languages = &cv.language_skills;
    let language_view = if languages.mother_tongues.is_empty()
        && languages.other_languages.is_empty()
    {
        empty().into_any()
    } else {
        view! {
            {(!languages.mother_tongues.is_empty()).then(|| view! {
                <p><strong>{lang.pick(F_MOTHER_TONGUES)}": "</strong>{languages.mother_tongues.join(", ")}</p>
            })}
            {(!languages.other_languages.is_empty()).then(|| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=lang.pick(SEC_LANGUAGES)>
                    <table class="table cv-languages">
                        <caption class="visually-hidden">{lang.pick(SEC_LANGUAGES)}</caption>
                        <thead><tr>
                            <th scope="col">{lang.pick(F_LANGUAGE)}</th>
                            {LANG_ACTIVITIES.iter().map(|(_, t)| view! { <th scope="col">{lang.pick(*t)}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {languages.other_languages.iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{l.language.clone()}</th>
                                    {LanguageActivity::ALL.iter().map(|a| view! { <td>{l.level(*a).code()}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        }.into_any()
    };
    let digital = &cv.digital_skills;
    let rated: Vec<(&str, String)> = DIGCOMP_AREAS
        .iter()
        .filter_map(|(code, t)| {
            digital.area(code).map(|l| (lang.pick(*t), dig_level_label(l.code(), lang).to_string()))
        })
        .collect();
    let digital_view = if rated.is_empty() && digital.tools.is_empty() {
        empty().into_any()
    } else {
        view! {
            <dl class="facts">
                {rated.into_iter().map(|(area, level)| view! { <dt>{area}</dt><dd>{level}</dd> }).collect_view()}
                {(!digital.tools.is_empty()).then(|| view! { <dt>{lang.pick(F_TOOLS)}</dt><dd>{digital.tools.join(", ")}</dd> })}
            </dl>
        }.into_any()
    };
    let licences = if cv.driving_licence.is_empty() {
        empty().into_any()
    } else {
        view! { <p>{cv.driving_licence.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")}</p> }.into_any()
    };
    let skills = if cv.skills.is_empty() {
        empty().into_any()
    } else {
        view! {
            <ul class="tags">
                {cv.skills.iter().map(|s| view! { <li class="tag">{data.label(SuggestionKind::Skill, s)}</li> }).collect_view()}
            </ul>
        }.into_any()
    };
    let a = &cv.availability;
    let hours: Vec<&str> = [(a.full_time, F_FULL_TIME), (a.part_time, F_PART_TIME)]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, t)| lang.pick(t))
        .collect();
    let places: Vec<String> = a
        .preferred_places
        .iter()
        .map(|p| match p {
            Place::Municipality(code) => data.label(SuggestionKind::Municipality, code),
            Place::Province(code) => data.label(SuggestionKind::Province, code),
        })
        .collect();
    let availability = view! {
        <dl class="facts">
            <dt>{lang.pick(F_HOURS)}</dt><dd>{if hours.is_empty() { lang.pick(F_NONE).to_string() } else { hours.join(", ") }}</dd>
            <dt>{lang.pick(F_AVAILABLE_FROM)}</dt><dd>{a.available_from.map_or_else(|| lang.pick(F_NONE).to_string(), day)}</dd>
            <dt>{lang.pick(F_MAX_DISTANCE)}</dt><dd>{a.max_distance_km.map_or_else(|| lang.pick(F_NONE).to_string(), |km| format!("{km} km"))}</dd>
            <dt>{lang.pick(F_PLACES)}</dt><dd>{if places.is_empty() { lang.pick(F_NONE).to_string() } else { places.join(", ") }}</dd>
        </dl>
    };

    view! {
        <div class="cv-summary">
            <section aria-label=lang.pick(SEC_PERSONAL)>
                {heading(SEC_PERSONAL)}
                <dl class="facts">
                    <dt>{lang.pick(F_GIVEN_NAME)}" / "{lang.pick(F_FAMILY_NAME)}</dt>
                    <dd data-testid="cv-name">{format!("{} {}", p.given_name, p.family_name)}</dd>
                    {p.birth_date.map(|d| view! { <dt>{lang.pick(F_BIRTH_DATE)}</dt><dd>{day(d)}</dd> })}
                    {(!p.email.is_empty()).then(|| view! { <dt>{lang.pick(F_EMAIL)}</dt><dd>{p.email.clone()}</dd> })}
                    {(!p.phone.is_empty()).then(|| view! { <dt>{lang.pick(F_PHONE)}</dt><dd>{p.phone.clone()}</dd> })}
                    {municipality.map(|m| view! { <dt>{lang.pick(F_MUNICIPALITY)}</dt><dd>{m}</dd> })}
                    {(!p.address.is_empty()).then(|| view! { <dt>{lang.pick(F_ADDRESS)}</dt><dd>{p.address.clone()}</dd> })}
                    {(!p.nationality.is_empty()).then(|| view! { <dt>{lang.pick(F_NATIONALITY)}</dt><dd>{p.nationality.clone()}</dd> })}
                </dl>
            </section>
            <section aria-label=lang.pick(SEC_EXPERIENCE)>{heading(SEC_EXPERIENCE)}{experiences}</section>
            <section aria-label=lang.pick(SEC_EDUCATION)>{heading(SEC_EDUCATION)}{education}</section>
            <section aria-label=lang.pick(SEC_LANGUAGES)>{heading(SEC_LANGUAGES)}{language_view}</section>
            <section aria-label=lang.pick(SEC_DIGITAL)>{heading(SEC_DIGITAL)}{digital_view}</section>
            <section aria-label=lang.pick(SEC_DRIVING)>{heading(SEC_DRIVING)}{licences}</section>
            <section aria-label=lang.pick(SEC_SKILLS)>{heading(SEC_SKILLS)}{skills}</section>
            <section aria-label=lang.pick(SEC_AVAILABILITY)>{heading(SEC_AVAILABILITY)}{availability}</section>
            <section aria-label=lang.pick(SEC_ASPIRATIONS)>
                {heading(SEC_ASPIRATIONS)}
                {if cv.aspirations.trim().is_empty() { empty().into_any() } else { view! { <p class="cv-text">{cv.aspirations.clone()}</p> }.into_any() }}
            </section>
        </div>
    }
}
