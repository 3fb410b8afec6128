//! Deleting a whole chain: the confirmation counts the checkpoints it removes, and names their
//! volumes, from the checkpoints of the chain's volume.

use backup_console_core::vendors::scheduled_backup::models::{CheckpointList, DeletedChain};
use backup_console_core::vendors::scheduled_backup::requests::{self, CheckpointQuery};
use backup_console_core::vendors::scheduled_backup::views::ChainSummary;
use leptos::prelude::*;

use super::super::{link, ALL};
use crate::action::{Action, Done};
use crate::components::confirm::ConfirmDialog;
use crate::components::panel::Panel;
use crate::load::use_load;

#[component]
pub fn ConfirmChain(
    conn: String,
    chain: String,
    volume: String,
    action: Action,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let c = conn.clone();
    let of_volume = use_load::<CheckpointList>(move || {
        let query = CheckpointQuery {
            limit: Some(ALL),
            volume_name: Some(volume.clone()),
            ..CheckpointQuery::default()
        };
        Some((c.clone(), requests::list_checkpoints(&query)))
    });
    let render = move |list: CheckpointList| {
        let summary = ChainSummary::of(&list.checkpoints, &chain);
        let (conn, chain) = (conn.clone(), chain.clone());
        let confirm = Callback::new(move |_: ()| {
            let target = link(&conn, "/checkpoints");
            action.run(
                &conn,
                requests::delete_chain(&chain),
                move |_: DeletedChain| Done::Go(target),
            );
            on_cancel.run(());
        });
        view! {
            <ConfirmDialog title="Delete chain"
                message=format!("{} Every backup of the chain goes; this cannot be undone.", summary.question())
                confirm_label="Delete chain" on_confirm=confirm on_cancel=on_cancel />
        }
    };
    view! {
        <div data-testid="chain-count">
            <Panel load=of_volume loading_label="Counting the chain's checkpoints…" render=render />
        </div>
    }
}
