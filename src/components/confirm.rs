//! Confirmation before anything destructive.

use leptos::prelude::*;

/// A modal question; `on_confirm` runs only on an explicit click of the danger button.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    /// More than the message: a choice that goes with the confirmation.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    // Focus the safe choice first, so Enter never destroys by accident.
    Effect::new(move |_| {
        if let Some(button) = cancel_ref.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="modal-backdrop">
            <div
                class="modal"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="confirm-title"
                aria-describedby="confirm-message"
                data-testid="confirm-dialog"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_cancel.run(());
                    }
                }
            >
                <h2 id="confirm-title">{title}</h2>
                <p id="confirm-message">{message}</p>
                {children.map(|c| c())}
                <div class="actions">
                    <button node_ref=cancel_ref data-testid="confirm-cancel" on:click=move |_| on_cancel.run(())>
                        "Cancel"
                    </button>
                    <button class="danger" data-testid="confirm-ok" on:click=move |_| on_confirm.run(())>
                        {confirm_label}
                    </button>
                </div>
            </div>
        </div>
    }
}
