//! Checkpoints: the list, one checkpoint with its items, deleting one or a whole chain, and
//! restoring an item to a new volume.

mod chains;
mod detail;
mod list;
mod restore;

pub use detail::CheckpointDetail;
pub use list::CheckpointList;

use backup_console_core::vendors::scheduled_backup::views::{CheckpointRow, CHECKPOINT_COLUMNS};
use leptos::prelude::*;

use super::link;
use crate::components::data_table::Table;

/// Checkpoints as a table, newest first; each links to its page.
pub fn checkpoint_table(conn: &str, rows: Vec<CheckpointRow>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <Table columns=&CHECKPOINT_COLUMNS rows=rows row_id=|r: &CheckpointRow| r.checkpoint.id.clone()
                link_base=link(conn, "") caption="Checkpoints" initial_order="-created_at" />
        </div>
    }
}
