//! `/amministrazione/operatori`: the operator registry, for administrators.

use contract::policy::ServerFnRule;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::i18n::Messages;
use crate::operators::{
    FieldError, OPERATOR_ROLES, ORGANISATION_KINDS, OperatorForm, OperatorFormState,
};
use crate::policy::Role;
use crate::request::use_lang;

/// One registered operator, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorRow {
    pub codice_fiscale: String,
    pub given_name: String,
    pub family_name: String,
    pub role: String,
    pub organisation_kind: String,
    pub organisation_code: String,
    pub organisation_name: String,
    pub active: bool,
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::ADMINISTRATORS;
    use contract::policy::Effect::Reads;
    &[server_fn_rule::<ListOperators>("POST", ADMINISTRATORS, Reads)]
};

/// The registry (administrators only: the authorization policy says so for this path).
#[server(prefix = "/api", endpoint = "list_operators")]
pub async fn list_operators() -> Result<Vec<OperatorRow>, ServerFnError> {
    crate::auth::require(crate::policy::ADMINISTRATORS)?;
    let state = crate::state::app_state()?;
    let rows = store::operator::all(&state.db)
        .await
        .map_err(crate::state::unavailable("listing operators"))?;
    Ok(rows
        .into_iter()
        .map(|o| OperatorRow {
            codice_fiscale: o.codice_fiscale,
            given_name: o.given_name,
            family_name: o.family_name,
            role: o.role,
            organisation_kind: o.organisation_kind,
            organisation_code: o.organisation_code,
            organisation_name: o.organisation_name,
            active: o.active,
        })
        .collect())
}

fn error_text(m: &'static Messages, error: FieldError) -> &'static str {
    match error {
        FieldError::Required => m.error_required,
        FieldError::InvalidCodiceFiscale => m.error_codice_fiscale,
        FieldError::TooLong => m.error_too_long,
        FieldError::NotAChoice => m.error_choice,
    }
}

#[component]
pub fn OperatorsPage() -> impl IntoView {
    let m = use_lang().messages();
    let saved = use_query_map().with_untracked(|q| q.get("salvato").is_some());
    // A refused submission comes back with what was typed and why it was refused.
    let state = use_context::<OperatorFormState>().unwrap_or_else(|| OperatorFormState {
        form: OperatorForm { active: Some("true".into()), ..OperatorForm::default() },
        ..OperatorFormState::default()
    });
    let has_errors = state.errors != Default::default();
    let operators = Resource::new_blocking(|| (), |_| list_operators());
    let role_label =
        move |code: &str| Role::from_code(code).map(|r| (m.operator_role)(r)).unwrap_or("");
    view! {
        <Title text=m.operators_title />
        <div class="container section">
            <h1>{m.operators_title}</h1>
            <p>{m.operators_intro}</p>
            {saved.then(|| view! { <p class="alert alert-success" role="status">{m.operators_saved}</p> })}
            <Suspense fallback=move || view! { <p>{m.loading}</p> }>
                {move || Suspend::new(async move {
                    match operators.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{m.operators_empty}</p> }.into_any(),
                        Ok(rows) => view! {
                            <ul class="operator-list">
                                {rows.into_iter().map(|o| {
                                    let toggle = if o.active { m.operator_suspend } else { m.operator_reactivate };
                                    let status = if o.active { m.operator_status_active } else { m.operator_status_suspended };
                                    view! {
                                        <li class="operator-item">
                                            <p><strong>{format!("{} {}", o.given_name, o.family_name)}</strong>" "<span class="mono">{o.codice_fiscale.clone()}</span>" — "{status}</p>
                                            <p class="small">{role_label(&o.role)}", "{o.organisation_name.clone()}</p>
                                            <form method="post" action="/amministrazione/operatori">
                                                <input type="hidden" name="codice_fiscale" value=o.codice_fiscale.clone() />
                                                <input type="hidden" name="given_name" value=o.given_name.clone() />
                                                <input type="hidden" name="family_name" value=o.family_name.clone() />
                                                <input type="hidden" name="role" value=o.role.clone() />
                                                <input type="hidden" name="organisation_kind" value=o.organisation_kind.clone() />
                                                <input type="hidden" name="organisation_code" value=o.organisation_code.clone() />
                                                <input type="hidden" name="organisation_name" value=o.organisation_name.clone() />
                                                {(!o.active).then(|| view! { <input type="hidden" name="active" value="true" /> })}
                                                <button type="submit" class="btn btn-outline-primary btn-sm">
                                                    {toggle}<span class="visually-hidden">" "{o.codice_fiscale.clone()}</span>
                                                </button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <p class="alert alert-danger">{m.error_text}</p> }.into_any(),
                    }
                })}
            </Suspense>

            <h2 class="h4">{m.operators_form_title}</h2>
            <p>{m.operators_form_help}</p>
            {has_errors.then(|| {
                let e = &state.errors;
                let items = [
                    ("op-cf", e.codice_fiscale),
                    ("op-given", e.given_name),
                    ("op-family", e.family_name),
                    ("op-role", e.role),
                    ("op-kind", e.organisation_kind),
                    ("op-code", e.organisation_code),
                    ("op-name", e.organisation_name),
                ]
                .into_iter()
                .filter_map(|(id, error)| error.map(|error| (id.to_string(), error_text(m, error).to_string())))
                .collect::<Vec<_>>();
                view! { <crate::components::ErrorSummary title=m.error_summary items /> }
            })}
            <form method="post" action="/amministrazione/operatori" class="operator-form" novalidate>
                <Field id="op-cf" label=m.field_codice_fiscale error=state.errors.codice_fiscale.map(|e| error_text(m, e))>
                    <input id="op-cf" name="codice_fiscale" class="form-input mono" autocomplete="off"
                        maxlength="16" value=state.form.codice_fiscale.clone()
                        aria-invalid=state.errors.codice_fiscale.is_some().to_string()
                        aria-describedby=state.errors.codice_fiscale.map(|_| "op-cf-error") />
                </Field>
                <Field id="op-given" label=m.field_given_name error=state.errors.given_name.map(|e| error_text(m, e))>
                    <input id="op-given" name="given_name" class="form-input" autocomplete="off" maxlength="200"
                        value=state.form.given_name.clone()
                        aria-invalid=state.errors.given_name.is_some().to_string()
                        aria-describedby=state.errors.given_name.map(|_| "op-given-error") />
                </Field>
                <Field id="op-family" label=m.field_family_name error=state.errors.family_name.map(|e| error_text(m, e))>
                    <input id="op-family" name="family_name" class="form-input" autocomplete="off" maxlength="200"
                        value=state.form.family_name.clone()
                        aria-invalid=state.errors.family_name.is_some().to_string()
                        aria-describedby=state.errors.family_name.map(|_| "op-family-error") />
                </Field>
                <Field id="op-role" label=m.field_role error=state.errors.role.map(|e| error_text(m, e))>
                    <select id="op-role" name="role" class="form-input"
                        aria-invalid=state.errors.role.is_some().to_string()
                        aria-describedby=state.errors.role.map(|_| "op-role-error")>
                        {OPERATOR_ROLES.into_iter().map(|r| view! {
                            <option value=r.code() selected=state.form.role == r.code()>{(m.operator_role)(r)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field id="op-kind" label=m.field_organisation_kind error=state.errors.organisation_kind.map(|e| error_text(m, e))>
                    <select id="op-kind" name="organisation_kind" class="form-input"
                        aria-invalid=state.errors.organisation_kind.is_some().to_string()
                        aria-describedby=state.errors.organisation_kind.map(|_| "op-kind-error")>
                        {ORGANISATION_KINDS.into_iter().map(|k| view! {
                            <option value=k selected=state.form.organisation_kind == k>{(m.operator_kind)(k)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field id="op-code" label=m.field_organisation_code error=state.errors.organisation_code.map(|e| error_text(m, e))>
                    <input id="op-code" name="organisation_code" class="form-input" maxlength="40"
                        value=state.form.organisation_code.clone()
                        aria-invalid=state.errors.organisation_code.is_some().to_string()
                        aria-describedby=state.errors.organisation_code.map(|_| "op-code-error") />
                </Field>
                <Field id="op-name" label=m.field_organisation_name error=state.errors.organisation_name.map(|e| error_text(m, e))>
                    <input id="op-name" name="organisation_name" class="form-input" maxlength="250"
                        value=state.form.organisation_name.clone()
                        aria-invalid=state.errors.organisation_name.is_some().to_string()
                        aria-describedby=state.errors.organisation_name.map(|_| "op-name-error") />
                </Field>
                <div class="form-check-line">
                    <input id="op-active" type="checkbox" name="active" value="true" checked=state.form.active.is_some() />
                    <label for="op-active">{m.field_active}</label>
                </div>
                <button type="submit" class="btn btn-primary">{m.operator_save}</button>
            </form>
        </div>
    }
}

/// A labelled form field with its error message, tied together for screen readers.
#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    error: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="form-field" class:has-error=error.is_some()>
            <label for=id>{label}</label>
            {children()}
            {error.map(|text| view! { <p id=format!("{id}-error") class="field-error">{text}</p> })}
        </div>
    }
}
