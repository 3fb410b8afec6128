//! One form field rendered from its spec, with its problem shown beside it.

use std::collections::BTreeMap;

use backup_console_core::api::FieldErrors;
use backup_console_core::schedule::Dialect;
use backup_console_core::spec::{FieldKind, FieldSpec};
use leptos::prelude::*;

use super::schedule::cron_editor::CronEditor;

pub use backup_console_core::spec::FormValues;
/// Checks one field's text; the vendor decides the rules.
pub type Validator = fn(&FieldSpec, &str) -> Result<serde_json::Value, String>;

/// Choices for reference fields: collection name to (id, label) pairs.
pub type ReferenceOptions = BTreeMap<&'static str, Vec<(String, String)>>;

fn split_ids(text: &str) -> Vec<String> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
pub fn FormField(
    spec: FieldSpec,
    values: RwSignal<FormValues>,
    errors: RwSignal<FieldErrors>,
    #[prop(into)] options: Signal<ReferenceOptions>,
    validate: Validator,
    #[prop(default = Dialect::Standard)] dialect: Dialect,
) -> impl IntoView {
    let key = spec.key;
    let input_id = format!("field-{key}");
    let testid = spec
        .testid
        .map_or_else(|| format!("field-{key}"), str::to_owned);
    let error_id = format!("field-{key}-error");
    let value = Signal::derive(move || values.with(|v| v.get(key).cloned().unwrap_or_default()));
    let set = move |text: String| {
        values.update(|v| {
            v.insert(key.to_owned(), text);
        })
    };
    // Check when the operator leaves the field, and clear the message as soon as it is fixed.
    let check = move || {
        let text = value.get_untracked();
        errors.update(|e| match validate(&spec, &text) {
            Ok(_) => {
                e.remove(key);
            }
            Err(message) => {
                e.insert(key.to_owned(), vec![message]);
            }
        });
    };
    let recheck_if_wrong = move || {
        if errors.with_untracked(|e| e.contains_key(key)) {
            check();
        }
    };
    let error = move || errors.with(|e| e.get(key).map(|m| m.join(" ")));
    let invalid = move || error().is_some().to_string();

    let control = match spec.kind {
        FieldKind::Bool => view! {
            <input
                type="checkbox"
                id=input_id.clone()
                data-testid=testid.clone()
                prop:checked=move || value.get() == "true"
                on:change=move |ev| set(event_target_checked(&ev).to_string())
            />
        }
        .into_any(),
        kind @ (FieldKind::Choice(_)
        | FieldKind::Labeled(_)
        | FieldKind::Options(_)
        | FieldKind::Reference(_)) => {
            // A fixed list of choices, or the objects of another collection by id.
            let choices = move || -> Vec<(String, String)> {
                match kind {
                    FieldKind::Choice(fixed) => fixed.iter().map(|c| (c.to_string(), c.to_string())).collect(),
                    FieldKind::Labeled(fixed) => fixed.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect(),
                    FieldKind::Options(collection) | FieldKind::Reference(collection) => {
                        options.with(|o| o.get(collection).cloned().unwrap_or_default())
                    }
                    _ => Vec::new(),
                }
            };
            view! {
                <select
                    id=input_id.clone()
                    data-testid=testid.clone()
                    aria-invalid=invalid
                    prop:value=move || value.get()
                    on:change=move |ev| {
                        set(event_target_value(&ev));
                        check();
                    }
                >
                    {matches!(kind, FieldKind::Reference(_)).then(|| view! { <option value="">"— choose —"</option> })}
                    {move || {
                        let current = value.get();
                        choices()
                            .into_iter()
                            .map(|(id, label)| {
                                let selected = id == current;
                                view! { <option value=id selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            }
            .into_any()
        }
        FieldKind::References(collection) => view! {
            <fieldset class="checklist" id=input_id.clone() data-testid=testid.clone() aria-invalid=invalid>
                <legend class="visually-hidden">{spec.label}</legend>
                {move || {
                    options
                        .get()
                        .get(collection)
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(id, label)| {
                            let id_for_check = id.clone();
                            let checked = move || split_ids(&value.get()).contains(&id_for_check);
                            let id_for_toggle = id.clone();
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        value=id.clone()
                                        data-testid=format!("field-{key}-{id}")
                                        prop:checked=checked
                                        on:change=move |ev| {
                                            let mut ids = split_ids(&value.get_untracked());
                                            ids.retain(|i| *i != id_for_toggle);
                                            if event_target_checked(&ev) {
                                                ids.push(id_for_toggle.clone());
                                            }
                                            set(ids.join(", "));
                                        }
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
        }
        .into_any(),
        FieldKind::Crontab => {
            // The editor works on its own copy; every edit flows back into the form.
            let text = RwSignal::new(value.get_untracked());
            Effect::new(move |_| {
                let current = text.get();
                if current != value.get_untracked() {
                    set(current);
                    recheck_if_wrong();
                }
            });
            // A value set from outside (a loaded object, a restored draft) reaches the editor.
            Effect::new(move |_| {
                let outside = value.get();
                if outside != text.get_untracked() {
                    text.set(outside);
                }
            });
            let tz = RwSignal::new("UTC".to_owned());
            view! {
                <CronEditor value=text tz=tz dialect=dialect id=input_id.clone() testid=format!("field-{key}") />
                <small class="help">"The service evaluates crontabs in UTC; pick another zone to see the runs in local time."</small>
            }
            .into_any()
        }
        kind @ (FieldKind::JsonText | FieldKind::Lines) => view! {
            <textarea
                id=input_id.clone()
                class="mono"
                rows=if kind == FieldKind::Lines { "4" } else { "3" }
                data-testid=testid.clone()
                aria-invalid=invalid
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| {
                    set(event_target_value(&ev));
                    recheck_if_wrong();
                }
                on:blur=move |_| check()
            ></textarea>
        }
        .into_any(),
        kind => {
            let input_type = match kind {
                FieldKind::Email => "email",
                FieldKind::Secret => "password",
                FieldKind::Count | FieldKind::Number { .. } => "number",
                _ => "text",
            };
            let (min, max) = match kind {
                FieldKind::Count => (Some("0".to_owned()), None),
                FieldKind::Number { min, max } => (Some(min.to_string()), Some(max.to_string())),
                _ => (None, None),
            };
            // Free text with the page's suggestions under the input.
            let suggestions = match kind {
                FieldKind::Suggest(collection) => Some(collection),
                _ => None,
            };
            let list_id = suggestions.map(|_| format!("{input_id}-suggestions"));
            let datalist = suggestions.map(|collection| {
                view! {
                    <datalist id=list_id.clone()>
                        {move || {
                            options
                                .with(|o| o.get(collection).cloned().unwrap_or_default())
                                .into_iter()
                                .map(|(value, label)| view! { <option value=value>{label}</option> })
                                .collect_view()
                        }}
                    </datalist>
                }
            });
            view! {
                <input
                    type=input_type
                    id=input_id.clone()
                    list=list_id.clone()
                    min=min
                    max=max
                    autocomplete=if kind == FieldKind::Secret { "new-password" } else { "off" }
                    data-testid=testid.clone()
                    aria-invalid=invalid
                    aria-describedby=error_id.clone()
                    aria-required=spec.required.to_string()
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        set(event_target_value(&ev));
                        recheck_if_wrong();
                    }
                    on:blur=move |_| check()
                />
                {datalist}
            }
            .into_any()
        }
    };

    view! {
        <div class="field" class:has-error=move || error().is_some() data-field=key>
            <label for=input_id>
                {spec.label}
                {spec.required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {control}
            {(!spec.help.is_empty()).then(|| view! { <small class="help">{spec.help}</small> })}
            <p class="field-error" id=error_id data-testid=format!("error-{key}") role="alert">
                {error}
            </p>
        </div>
    }
}

/// Several fields in order; a field with a condition shows only while it holds.
#[component]
pub fn FormFields(
    fields: &'static [FieldSpec],
    values: RwSignal<FormValues>,
    errors: RwSignal<FieldErrors>,
    #[prop(optional, into)] options: Signal<ReferenceOptions>,
    validate: Validator,
    #[prop(default = Dialect::Standard)] dialect: Dialect,
) -> impl IntoView {
    if let Some(scope) = use_context::<super::draft::DraftScope>() {
        scope.register(values, fields);
    }
    fields
        .iter()
        .map(|spec| {
            let spec = *spec;
            let field = move || {
                view! { <FormField spec=spec values=values errors=errors options=options validate=validate dialect=dialect /> }
            };
            match spec.visible {
                None => field().into_any(),
                Some(visible) => {
                    let shown = Memo::new(move |_| values.with(visible));
                    view! { <Show when=move || shown.get()>{field()}</Show> }.into_any()
                }
            }
        })
        .collect_view()
}
