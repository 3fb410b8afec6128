//! The repositories of a plan: detach one, or attach one picked from the organization's
//! repositories with a search by name.

use backup_console_core::vendors::xopero::models::{AssignedPlan, Repository, RepositoryPage};
use backup_console_core::vendors::xopero::requests;
use leptos::prelude::*;

use crate::action::{Action, Done};
use crate::components::panel::Panel;
use crate::load::Remote;

/// How many matches the picker lists at once.
const SHOWN: usize = 20;

fn name_of(repositories: &[Repository], id: &str) -> String {
    repositories
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone())
}

#[component]
pub fn Members(
    conn: String,
    plan_id: String,
    /// The plan as listed (its repositories), when loaded.
    #[prop(into)]
    plan: Signal<Option<AssignedPlan>>,
    repositories: Remote<RepositoryPage>,
) -> impl IntoView {
    let action = Action::new();
    let search = RwSignal::new(String::new());
    let (c, p) = (conn.clone(), plan_id.clone());
    let change = move |repository: String, name: String, attach: bool| {
        let request = if attach {
            requests::attach(&p, &repository)
        } else {
            requests::detach(&p, &repository)
        };
        let said = if attach {
            format!("Attached {name} to the plan.")
        } else {
            format!("Detached {name} from the plan.")
        };
        action.run_ok(&c, request.about(format!("repository {name}")), move || {
            Done::Say(said)
        });
    };
    let render = move |page: RepositoryPage| {
        let all = page.result.repositories;
        let members = {
            let all = all.clone();
            let change = change.clone();
            move || {
                let ids = plan.get().map(|p| p.repository_ids).unwrap_or_default();
                if ids.is_empty() {
                    return view! { <p class="muted" data-testid="no-members">"No repositories are attached to this plan."</p> }.into_any();
                }
                let change = change.clone();
                view! {
                    <ul class="members" data-testid="members">
                        {ids.into_iter().map(|id| {
                            let name = name_of(&all, &id);
                            let change = change.clone();
                            let (i, n) = (id.clone(), name.clone());
                            view! {
                                <li data-testid="member" data-id=id>
                                    {name}" "
                                    <button type="button" data-testid="detach" aria-label=format!("Detach {n}") disabled=move || action.busy.get()
                                        on:click=move |_| change(i.clone(), n.clone(), false)>"Detach"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        };
        let change_one = change.clone();
        let candidates = move || {
            let ids = plan.get().map(|p| p.repository_ids).unwrap_or_default();
            let wanted = search.get().trim().to_lowercase();
            let matches: Vec<&Repository> = all
                .iter()
                .filter(|r| !ids.contains(&r.id) && r.name.to_lowercase().contains(&wanted))
                .collect();
            let more = matches.len().saturating_sub(SHOWN);
            let change = change_one.clone();
            view! {
                <ul class="candidates" data-testid="candidates">
                    {matches.into_iter().take(SHOWN).map(|r| {
                        let change = change.clone();
                        let (i, n) = (r.id.clone(), r.name.clone());
                        view! {
                            <li data-testid="candidate" data-id=r.id.clone()>
                                {r.name.clone()}{r.is_removed.then_some(" (removed from the git service)")}" "
                                <button type="button" data-testid="attach" aria-label=format!("Attach {n}") disabled=move || action.busy.get()
                                    on:click=move |_| change(i.clone(), n.clone(), true)>"Attach"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p class="muted">{format!("{more} more match: narrow the search.")}</p> })}
            }
        };
        view! {
            {move || plan.get().filter(|p| p.include_all_repositories).map(|_| view! {
                <p class="muted" data-testid="includes-all">"This plan backs up every repository of the organization; the list below is kept too."</p>
            })}
            {members}
            <div class="picker">
                <label for="picker-search">"Attach a repository"</label>
                <input id="picker-search" type="search" data-testid="picker-search" placeholder="Search by name" autocomplete="off"
                    prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev)) />
                {candidates}
            </div>
        }
    };
    view! {
        <Panel load=repositories heading="Repositories in this plan" action=action testid="plan-members"
            loading_label="Loading the organization's repositories…" render=render />
    }
}
