//! Page navigation for server-side pagination.

use leptos::prelude::*;

#[component]
pub fn Pager(
    /// 1-based current page.
    #[prop(into)]
    page: Signal<u32>,
    #[prop(into)] total_pages: Signal<u32>,
    #[prop(into)] count: Signal<u64>,
    on_page: Callback<u32>,
) -> impl IntoView {
    view! {
        <nav class="pager" aria-label="Pages" data-testid="pager">
            <button
                data-testid="page-prev"
                disabled=move || { page.get() <= 1 }
                on:click=move |_| on_page.run(page.get_untracked().saturating_sub(1).max(1))
            >
                "‹ Previous"
            </button>
            <span data-testid="page-status" aria-live="polite">
                {move || format!("Page {} of {} · {} total", page.get(), total_pages.get(), count.get())}
            </span>
            <button
                data-testid="page-next"
                disabled=move || { page.get() >= total_pages.get() }
                on:click=move |_| on_page.run(page.get_untracked() + 1)
            >
                "Next ›"
            </button>
        </nav>
    }
}
