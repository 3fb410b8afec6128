//! Scheduled Backup API v2.0 (`scheduled-backup-api-v2.txt`; Selectel's, on OpenStack Karbor
//! and Cinder): backup plans of volumes, their checkpoints, and restores, below a per-pool base
//! URL such as `https://ru-3.cloud.api.selcloud.ru/data-protect/v2`. The project the document
//! names is the token's project: a project-scoped Keystone token goes in `X-Auth-Token` (see
//! [`crate::vendors::Vendor::authorize`]), pasted or obtained through [`keystone`].
//!
//! What the UI calls:
//! - [`paths::ROUTES`]: where every operation lives (one table).
//! - [`requests`]: a builder per operation (`list_plans`, `create_plan`, `get_plan`,
//!   `update_plan`, `set_plan_started`, `delete_plan`, `list_checkpoints`, `get_checkpoint`,
//!   `delete_checkpoint`, `delete_chain`, `create_restore`, `get_restore`) and the decoders
//!   (`decode`, `decode_done`, `decode_updated_plan`); [`errors::explain`] words failures.
//! - [`inputs`]: the create form ([`inputs::PlanInput`], validated per field), the edit's
//!   [`inputs::PlanPatch::diff`], the restore form and list filters.
//! - [`forms`]: the plan form's fields and values (a calendar as weekdays and times), read
//!   back into a [`inputs::PlanInput`] or an edit's patch; volumes added one by one.
//! - [`items`]: a checkpoint's items, its chains, and the restore form's choices.
//! - [`schedule`]: the calendar picker ([`schedule::Calendar`] to and from the pattern),
//!   pattern checks, words and next runs.
//! - [`status`]: checkpoint and restore states, their badge tones, whether they settle.
//! - [`volumes`]: volume suggestions and pasted volume lines.
//! - [`views`]: columns, rows, the chain deletion's question, refresh, marker paging.

pub mod errors;
pub mod forms;
pub mod inputs;
pub mod items;
pub mod keystone;
pub mod models;
pub mod paths;
pub mod requests;
pub mod schedule;
pub mod status;
pub mod views;
pub mod volumes;
