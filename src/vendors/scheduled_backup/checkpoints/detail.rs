//! One checkpoint: when it was made, its state (refreshed while it is being made), the backup
//! of each volume, deleting it or a whole chain, and restoring a volume's backup.

use backup_console_core::api::path_segment;
use backup_console_core::format;
use backup_console_core::spec::Cell;
use backup_console_core::vendors::scheduled_backup::items::{chains, ITEM_COLUMNS};
use backup_console_core::vendors::scheduled_backup::models::{Checkpoint, CheckpointItem, Plan};
use backup_console_core::vendors::scheduled_backup::requests;
use backup_console_core::vendors::scheduled_backup::views::backup_kind;
use leptos::prelude::*;

use super::super::{link, POLL};
use super::chains::ConfirmChain;
use super::restore::RestoreForm;
use crate::action::{Action, Done};
use crate::components::confirm::ConfirmDialog;
use crate::components::data_table::{cell_view, Table};
use crate::components::panel::{Dialogs, Panel};
use crate::load::use_load;

#[derive(Clone, PartialEq)]
enum Dialog {
    DeleteCheckpoint,
    /// A chain and the volume it backs up.
    DeleteChain(String, String),
}

fn when(text: &str) -> String {
    format::parse_instant(text)
        .map_or_else(|| text.to_owned(), |t| format::timestamp(&format::iso(t)))
}

#[component]
pub fn CheckpointDetail(conn: String, id: String) -> impl IntoView {
    let (c, i) = (conn.clone(), id.clone());
    let checkpoint =
        use_load::<Checkpoint>(move || Some((c.clone(), requests::get_checkpoint(&i))))
            .poll_while(POLL, |c| !c.is_settled());
    let plan_id = Memo::new(move |_| {
        checkpoint.with(|c| c.map(|c| c.plan_id.clone()).filter(|p| !p.is_empty()))
    });
    let c = conn.clone();
    // Only for the plan's name: a checkpoint may outlive its plan.
    let plan = use_load::<Plan>(move || plan_id.get().map(|p| (c.clone(), requests::get_plan(&p))));
    let action = Action::new();
    let dialogs = Dialogs::<Dialog>::new();
    let (c, i) = (conn.clone(), id.clone());
    let delete = Callback::new(move |_: ()| {
        dialogs.close();
        let target = link(&c, "/checkpoints");
        action.run_ok(&c, requests::delete_checkpoint(&i), move || {
            Done::Go(target)
        });
    });
    let toolbar = move || {
        checkpoint.with(|c| c.is_some()).then(|| view! {
            <button class="danger" data-testid="delete-button" disabled=move || action.busy.get()
                on:click=move |_| dialogs.open(Dialog::DeleteCheckpoint)>"Delete checkpoint"</button>
        })
    };
    let c = conn.clone();
    let dialog = move || {
        dialogs.current().map(|d| match d {
            Dialog::DeleteCheckpoint => {
                let (made, volumes) = checkpoint.with_untracked(|cp| {
                    cp.map(|cp| (when(&cp.created_at), cp.checkpoint_items.len())).unwrap_or_default()
                });
                view! {
                    <ConfirmDialog title="Delete checkpoint"
                        message=format!("Delete the checkpoint of {made} with its {volumes} volume backup(s)? This cannot be undone.")
                        confirm_label="Delete checkpoint" on_confirm=delete on_cancel=dialogs.closer() />
                }
                .into_any()
            }
            Dialog::DeleteChain(chain, volume) => view! {
                <ConfirmChain conn=c.clone() chain=chain volume=volume action=action on_cancel=dialogs.closer() />
            }
            .into_any(),
        })
    };
    let c = conn.clone();
    let render = move |cp: Checkpoint| {
        let plan_cell = match plan.data() {
            Some(p) => view! { <a href=link(&c, &format!("/plans/{}", path_segment(&p.id)))>{p.name.clone()}</a> }.into_any(),
            None => view! { <span class="mono">{cp.plan_id.clone()}</span> }.into_any(),
        };
        let chain_rows = chains(&cp)
            .into_iter()
            .map(|(chain, volume)| {
                let (c2, v2) = (chain.clone(), volume.clone());
                view! {
                    <li data-testid="chain" data-chain=chain.clone()>
                        {volume.clone()}": "<span class="mono">{chain.clone()}</span>" "
                        <button class="danger" data-testid="delete-chain" data-chain=chain.clone()
                            on:click=move |_| dialogs.open(Dialog::DeleteChain(c2.clone(), v2.clone()))>"Delete chain"</button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <dl class="detail" data-testid="detail">
                <dt>"Status"</dt>
                <dd data-field="status" data-testid="checkpoint-status" aria-live="polite">{cell_view(Cell::status(cp.status.as_str(), cp.status.tone()))}</dd>
                <dt>"Made"</dt><dd>{when(&cp.created_at)}</dd>
                <dt>"Plan"</dt><dd data-field="plan">{plan_cell}</dd>
                <dt>"Backup"</dt><dd>{backup_kind(&cp)}</dd>
            </dl>
            <h2>"Volume backups"</h2>
            <div class="table-wrap">
                <Table columns=&ITEM_COLUMNS rows=cp.checkpoint_items.clone() row_id=|i: &CheckpointItem| i.id.clone()
                    link_base=link(&c, "") caption="Volume backups" />
            </div>
            <h2>"Chains"</h2>
            <p class="muted">"A chain is a full backup of a volume and the incremental ones made after it; deleting a chain deletes them all."</p>
            <ul data-testid="chains">{chain_rows}</ul>
        }
    };
    let title = format!("Checkpoint {id}");
    view! {
        <p class="breadcrumb"><a href=link(&conn, "/checkpoints")>"Checkpoints"</a></p>
        <Panel load=checkpoint title=title title_testid="detail-title" toolbar=toolbar action=action dialog=dialog render=render />
        <Show when=move || checkpoint.with(|c| c.is_some())>
            <RestoreForm conn=conn.clone() checkpoint=checkpoint />
        </Show>
    }
}
