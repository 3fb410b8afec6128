//! Rackspace Cloud Backup API v1.0 (`rackspace-cloud-backup-api-v1.txt`): agents, backup
//! configurations, backups, restores and activity, under `/v1.0/{tenant_id}/`. The token goes in
//! `X-Auth-Token`; it is pasted by the operator or obtained from the identity v2.0 service.

pub mod agent_forms;
pub mod columns;
pub mod config_fields;
pub mod crypto;
pub mod identity;
pub mod loose;
pub mod models;
pub mod requests;
pub mod views;
