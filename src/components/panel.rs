//! One way for every page to show what it loads: the [`Panel`].
//!
//! The first time, it shows a loading line; when there is data it renders the page's view of it;
//! when a reload fails it keeps the last good data, marked stale, with the error beside it; with
//! nothing to show it shows the error alone, with a retry. A page declares what it shows (its
//! title, toolbar, the view of its data, its dialogs), not how loading and failing look.

use leptos::prelude::*;

use crate::action::Action;
use crate::components::status::{ErrorBanner, Loading};
use crate::load::{Remote, Status};

/// A page's dialogs, as the page's own enum: at most one is open.
pub struct Dialogs<D: 'static> {
    open: RwSignal<Option<D>>,
}

impl<D> Clone for Dialogs<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D> Copy for Dialogs<D> {}

impl<D: Clone + Send + Sync + 'static> Default for Dialogs<D> {
    fn default() -> Self {
        Self::new()
    }
}

impl<D: Clone + Send + Sync + 'static> Dialogs<D> {
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(None),
        }
    }

    pub fn open(&self, dialog: D) {
        self.open.set(Some(dialog));
    }

    pub fn close(&self) {
        self.open.set(None);
    }

    /// The open dialog (tracked).
    pub fn current(&self) -> Option<D> {
        self.open.get()
    }

    /// A callback that closes the dialog, for `on_cancel`.
    pub fn closer(&self) -> Callback<()> {
        let this = *self;
        Callback::new(move |_| this.close())
    }
}

/// A page title with the page's buttons beside it.
#[component]
pub fn PageHead(
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] toolbar: Option<ViewFn>,
    /// `data-testid` of the heading, when tests read it.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="page-head">
            <h1 data-testid=testid>{move || title.get()}</h1>
            {toolbar.map(|t| view! { <div class="actions">{move || t.run()}</div> })}
        </div>
    }
}

/// Everything a page loads, shown one way. `render` gets the data whenever it changes.
#[component]
pub fn Panel<T, R, V>(
    load: Remote<T>,
    render: R,
    /// Shown as the page's `<h1>`, with `toolbar` beside it.
    #[prop(optional, into)]
    title: Option<Signal<String>>,
    #[prop(optional)] title_testid: Option<&'static str>,
    /// Shown as a section's `<h2>` instead.
    #[prop(optional)]
    heading: Option<&'static str>,
    #[prop(optional, into)] toolbar: Option<ViewFn>,
    /// The result of the page's writes, under the toolbar.
    #[prop(optional)]
    action: Option<Action>,
    /// The page's open dialog, if any (see [`Dialogs`]).
    #[prop(optional, into)]
    dialog: Option<ViewFn>,
    #[prop(optional, into)] loading_label: Option<String>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    R: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let body = ViewFn::from(move || load.data().map(|d| render(d).into_any()));
    let retry = Callback::new(move |_| load.reload());
    view! {
        <PanelFrame
            status=load.status()
            body=body
            retry=retry
            title=title
            title_testid=title_testid
            heading=heading
            toolbar=toolbar
            action=action
            dialog=dialog
            loading_label=loading_label.unwrap_or_else(|| "Loading…".to_owned())
            testid=testid
        />
    }
}

/// A panel for what is not one load (several loads, one answer per row, as the overview's
/// connection cards): the page gives the combined status and the body; loading, failing and
/// trying again look as in [`Panel`].
#[component]
pub fn StatusPanel(
    status: Signal<Status>,
    body: ViewFn,
    retry: Callback<()>,
    #[prop(into, default = "Loading…".into())] loading_label: String,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <PanelFrame status=status body=body retry=retry title=None title_testid=None heading=None
            toolbar=None action=None dialog=None loading_label=loading_label testid=testid />
    }
}

/// The non-generic part of [`Panel`], so each data type does not get its own copy of it.
#[component]
fn PanelFrame(
    status: Signal<Status>,
    body: ViewFn,
    retry: Callback<()>,
    title: Option<Signal<String>>,
    title_testid: Option<&'static str>,
    heading: Option<&'static str>,
    toolbar: Option<ViewFn>,
    action: Option<Action>,
    dialog: Option<ViewFn>,
    loading_label: String,
    testid: Option<&'static str>,
) -> impl IntoView {
    let head = match (title, heading) {
        (Some(title), _) => Some(
            view! { <PageHead title=title toolbar=toolbar.clone().unwrap_or_default() testid=title_testid.unwrap_or("page-title") /> }
                .into_any(),
        ),
        (None, Some(h)) => Some(
            view! {
                <div class="page-head">
                    <h2>{h}</h2>
                    {toolbar.clone().map(|t| view! { <div class="actions">{move || t.run()}</div> })}
                </div>
            }
            .into_any(),
        ),
        (None, None) => toolbar.map(|t| view! { <div class="actions toolbar">{move || t.run()}</div> }.into_any()),
    };
    let state = move || {
        let s = status.get();
        match (s.error, s.has_data) {
            (None, false) if s.loading => Some(view! { <Loading label=loading_label.clone() /> }.into_any()),
            (Some(error), true) => Some(
                view! {
                    <div class="stale" data-testid="stale">
                        <ErrorBanner error=error />
                        <p class="muted">"Showing what was loaded before; it may be out of date. "
                            <button type="button" data-testid="retry" on:click=move |_| retry.run(())>"Try again"</button>
                        </p>
                    </div>
                }
                .into_any(),
            ),
            (Some(error), false) => Some(
                view! {
                    <ErrorBanner error=error />
                    <p><button type="button" data-testid="retry" on:click=move |_| retry.run(())>"Try again"</button></p>
                }
                .into_any(),
            ),
            _ => None,
        }
    };
    let retrying = move || {
        status.with(|s| s.retrying).map(|(n, of)| {
            view! {
                <p class="loading" role="status" data-testid="retrying">
                    <span class="spinner" aria-hidden="true"></span>
                    {format!("The service did not answer; trying again ({n} of {of})…")}
                </p>
            }
        })
    };
    let class = if heading.is_some() {
        "resource-panel panel"
    } else {
        "resource-panel"
    };
    view! {
        <section class=class data-testid=testid aria-busy=move || status.with(|s| s.loading).to_string()>
            {head}
            {action.map(|a| a.view())}
            {retrying}
            {state}
            {move || body.run()}
        </section>
        {dialog.map(|d| move || d.run())}
    }
}
