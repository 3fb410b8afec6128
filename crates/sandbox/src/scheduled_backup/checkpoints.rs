//! Checkpoints (list, get, delete one, delete a chain) and restores.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use backup_console_core::vendors::scheduled_backup::models::{
    Checkpoint, Restore, RestoreStatus, Status, VOLUME_TYPE,
};
use chrono::Utc;
use serde_json::{json, Map, Value};

use super::fault::{bad_request, conflict, invalid, not_found, object, Fault};
use super::store::{Store, PROJECT_ID};
use super::{filter, page, Answer, Sim};

fn find(store: &Store, id: &str) -> Result<usize, Fault> {
    store
        .checkpoint_index(id)
        .ok_or_else(|| not_found(&format!("Checkpoint {id}")))
}

/// Newest first, filtered by plan name and volume name.
pub async fn list(State(sim): State<Sim>, Query(query): Query<HashMap<String, String>>) -> Answer {
    let mut store = sim.lock();
    let now = Utc::now();
    store.advance(now);
    let plan = filter(&query, "plan_name");
    let volume = filter(&query, "volume_name");
    let mut records: Vec<_> = store
        .checkpoints
        .iter()
        .filter(|c| plan.is_none_or(|p| c.plan_name == p))
        .filter(|c| {
            volume.is_none_or(|v| {
                c.checkpoint
                    .checkpoint_items
                    .iter()
                    .any(|i| i.resource.name == v)
            })
        })
        .collect();
    records.sort_by_key(|r| std::cmp::Reverse(r.made));
    let checkpoints: Vec<Checkpoint> = records.iter().map(|r| Store::view(r, now)).collect();
    let (checkpoints, total) = page(checkpoints, |c| &c.id, &query, "a checkpoint")?;
    Ok(Json(json!({"checkpoints": checkpoints, "total": total})).into_response())
}

pub async fn get(State(sim): State<Sim>, Path(id): Path<String>) -> Answer {
    let mut store = sim.lock();
    let now = Utc::now();
    store.advance(now);
    let index = find(&store, &id)?;
    Ok(Json(Store::view(&store.checkpoints[index], now)).into_response())
}

/// One checkpoint; refused while it is being made, and for a full backup that later
/// incremental ones of its chain depend on (the whole chain goes instead).
pub async fn delete(State(sim): State<Sim>, Path(id): Path<String>) -> Answer {
    let mut store = sim.lock();
    let now = Utc::now();
    store.advance(now);
    let index = find(&store, &id)?;
    let record = &store.checkpoints[index];
    if Store::status(record, now) == Status::Protecting {
        return Err(conflict(
            "checkpoint_protecting",
            format!("Checkpoint {id} is still being made; wait until it is available."),
        ));
    }
    let needed = record.checkpoint.checkpoint_items.iter().any(|item| {
        !item.is_incremental
            && store.checkpoints[index + 1..].iter().any(|later| {
                later
                    .checkpoint
                    .checkpoint_items
                    .iter()
                    .any(|i| i.chain_id == item.chain_id)
            })
    });
    if needed {
        return Err(conflict(
            "checkpoint_in_chain",
            format!("Incremental backups depend on checkpoint {id}: delete its chain instead."),
        ));
    }
    store.checkpoints[index].deleting.get_or_insert(now);
    Ok(Json(json!({"id": id, "status": Status::Deleting})).into_response())
}

/// Every checkpoint holding a backup of the chain; other volumes' backups in those checkpoints
/// stay.
pub async fn delete_chain(
    State(sim): State<Sim>,
    Query(query): Query<HashMap<String, String>>,
) -> Answer {
    let chain = super::filter(&query, "chain_id")
        .ok_or_else(|| bad_request("chain_id is required."))?
        .to_owned();
    let mut store = sim.lock();
    let now = Utc::now();
    store.advance(now);
    let in_chain = |c: &Checkpoint| c.checkpoint_items.iter().any(|i| i.chain_id == chain);
    let indexes: Vec<usize> = (0..store.checkpoints.len())
        .filter(|i| in_chain(&store.checkpoints[*i].checkpoint))
        .collect();
    if indexes.is_empty() {
        return Err(not_found(&format!("Chain {chain}")));
    }
    if indexes
        .iter()
        .any(|i| Store::status(&store.checkpoints[*i], now) == Status::Protecting)
    {
        return Err(conflict(
            "chain_protecting",
            format!(
                "A checkpoint of chain {chain} is still being made; wait until it is available."
            ),
        ));
    }
    let mut deleted = Vec::new();
    for index in indexes {
        let record = &mut store.checkpoints[index];
        let mut gone = Store::view(record, now);
        gone.checkpoint_items.retain(|i| i.chain_id == chain);
        record
            .checkpoint
            .checkpoint_items
            .retain(|i| i.chain_id != chain);
        if record.checkpoint.checkpoint_items.is_empty() {
            record.deleting.get_or_insert(now);
            gone.status = Status::Deleting;
        }
        for item in &mut gone.checkpoint_items {
            item.status = Status::Deleting;
        }
        deleted.push(gone);
    }
    Ok(Json(json!({"deleted": deleted})).into_response())
}

pub async fn create_restore(State(sim): State<Sim>, bytes: Bytes) -> Answer {
    let body = object(&bytes)?;
    let mut details = Map::new();
    let mut text = |key: &str| match body.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => {
            details.insert(key.into(), json!(["field required: a non-empty string"]));
            String::new()
        }
    };
    let (item_id, name) = (text("checkpoint_item_id"), text("restore_name"));
    if !details.is_empty() {
        return Err(invalid(details));
    }
    let mut store = sim.lock();
    let now = Utc::now();
    store.advance(now);
    let (record, item) = store
        .checkpoints
        .iter()
        .find_map(|c| {
            let item = c
                .checkpoint
                .checkpoint_items
                .iter()
                .find(|i| i.id == item_id)?;
            Some((c, item.clone()))
        })
        .ok_or_else(|| not_found(&format!("Checkpoint item {item_id}")))?;
    let status = Store::status(record, now);
    if status != Status::Available {
        return Err(conflict(
            "checkpoint_not_available",
            format!("The checkpoint is {status}; only an available checkpoint can be restored."),
        ));
    }
    let restore = Restore {
        id: store.uuid(0x4e57),
        checkpoint_id: item.checkpoint_id.clone(),
        checkpoint_item_id: item.id.clone(),
        project_id: PROJECT_ID.into(),
        resource_id: store.uuid(0x701e),
        resource_type: VOLUME_TYPE.into(),
        status: RestoreStatus::InProgress,
        other: [("restore_name".to_owned(), Value::String(name))].into(),
    };
    store.restores.push(super::store::RestoreRecord {
        restore: restore.clone(),
        started: now,
    });
    Ok((StatusCode::CREATED, Json(restore)).into_response())
}

pub async fn get_restore(State(sim): State<Sim>, Path(id): Path<String>) -> Answer {
    let store = sim.lock();
    let record = store
        .restores
        .iter()
        .find(|r| r.restore.id == id)
        .ok_or_else(|| not_found(&format!("Restore {id}")))?;
    Ok(Json(Store::restore_view(record, Utc::now())).into_response())
}
