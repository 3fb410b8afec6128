//! The prompt shown when a service refuses a connection's credentials. It sits above the page,
//! so whatever the operator was typing stays where it was.

use leptos::prelude::*;

use super::use_session;

#[component]
pub fn SignInDialog() -> impl IntoView {
    let session = use_session();
    let token = RwSignal::new(String::new());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if session.sign_in.with(Option::is_some) {
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
            }
        }
    });
    move || {
        let request = session.sign_in.get()?;
        let id = request.connection_id.clone();
        let name = session
            .connection(&id)
            .map(|c| format!("{} ({})", c.display_name(), c.vendor.title()))
            .unwrap_or_else(|| id.clone());
        let submit = {
            let id = id.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let value = token.get_untracked().trim().to_owned();
                if !value.is_empty() {
                    session.set_token(&id, value);
                    token.set(String::new());
                }
            }
        };
        Some(view! {
            <div class="modal-backdrop">
                <form
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="sign-in-title"
                    data-testid="sign-in-dialog"
                    on:submit=submit
                >
                    <h2 id="sign-in-title">"Sign in to " {name}</h2>
                    <p>"The service did not accept the stored credentials (wrong or expired token). Enter a valid API token to continue; your unsaved input is kept."</p>
                    <label for="sign-in-token">"API token"</label>
                    <input
                        id="sign-in-token"
                        type="password"
                        autocomplete="off"
                        data-testid="sign-in-token"
                        node_ref=input_ref
                        prop:value=move || token.get()
                        on:input=move |ev| token.set(event_target_value(&ev))
                    />
                    <div class="actions">
                        <button type="button" data-testid="sign-in-cancel" on:click=move |_| session.sign_in.set(None)>
                            "Cancel"
                        </button>
                        <button type="submit" class="primary" data-testid="sign-in-submit">"Sign in"</button>
                    </div>
                </form>
            </div>
        })
    }
}
