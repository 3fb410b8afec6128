//! The simulated CyBorgBackup database: objects as JSON, validated the way DRF would.

use std::collections::{BTreeMap, HashMap};

use backup_console_core::api::FieldErrors;
use backup_console_core::format::capitalize;
use backup_console_core::schedule::{CronExpr, Dialect};
use backup_console_core::spec::FieldKind;
use backup_console_core::vendors::cyborgbackup::forms::{self, FormValues};
use backup_console_core::vendors::cyborgbackup::{Resource, API_ROOT};
use chrono::{DateTime, Datelike, SecondsFormat, TimeZone, Utc};
use serde_json::{json, Map, Value};

pub struct Store {
    pub objects: HashMap<Resource, BTreeMap<u64, Value>>,
    next_id: HashMap<Resource, u64>,
    pub next_job: u64,
    /// Token to the id of the user it belongs to.
    pub tokens: HashMap<String, u64>,
    /// Policy id to the summary of its last job (`summary_fields.last_job`, AWX's convention).
    pub last_jobs: HashMap<u64, Value>,
    pub jwt: super::jwt::Jwt,
}

pub enum Failure {
    NotFound,
    Invalid(FieldErrors),
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn uuid_for(resource: Resource, id: u64) -> String {
    // Deterministic, so demo data and tests stay stable.
    let n = id * 7919 + resource.name().len() as u64;
    format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        n,
        n % 0xffff,
        n % 0xfff,
        (n * 3) % 0xfff,
        n * 104729
    )
}

impl Store {
    pub fn empty() -> Self {
        Self {
            objects: Resource::ALL
                .iter()
                .map(|r| (*r, BTreeMap::new()))
                .collect(),
            next_id: HashMap::new(),
            next_job: 1,
            tokens: HashMap::new(),
            last_jobs: HashMap::new(),
            jwt: super::jwt::Jwt::default(),
        }
    }

    /// The id of the user with this email (CyBorgBackup signs in by email).
    pub fn user_by_email(&self, email: &str) -> Option<u64> {
        self.objects[&Resource::Users]
            .iter()
            .find(|(_, u)| u["email"].as_str() == Some(email.trim()))
            .map(|(id, _)| *id)
    }

    pub fn get(&self, resource: Resource, id: u64) -> Option<&Value> {
        self.objects.get(&resource)?.get(&id)
    }

    /// Insert without validation (seed data and job output).
    pub fn insert_raw(&mut self, resource: Resource, mut fields: Value) -> u64 {
        let next = self.next_id.entry(resource).or_insert(1);
        let id = *next;
        *next += 1;
        let stamp = now();
        let object = fields.as_object_mut().expect("objects are JSON objects");
        object.insert("id".into(), json!(id));
        object.insert(
            "url".into(),
            json!(format!("{API_ROOT}/{}/{id}/", resource.name())),
        );
        if resource != Resource::Catalogs {
            object.insert("type".into(), json!(resource.singular()));
            object.entry("created").or_insert(json!(stamp));
            object.entry("modified").or_insert(json!(stamp));
            object.entry("created_by").or_insert(Value::Null);
            object.entry("modified_by").or_insert(Value::Null);
            object.insert("uuid".into(), json!(uuid_for(resource, id)));
        }
        self.objects.entry(resource).or_default().insert(id, fields);
        id
    }

    /// Create (`id` None) or patch an object from a request body.
    pub fn save(
        &mut self,
        resource: Resource,
        id: Option<u64>,
        body: &Value,
    ) -> Result<u64, Failure> {
        let Some(incoming) = body.as_object() else {
            return Err(Failure::Invalid(FieldErrors::from([(
                "non_field_errors".into(),
                vec!["Invalid data. Expected a dictionary.".into()],
            )])));
        };
        let existing = match id {
            Some(id) => Some(self.get(resource, id).ok_or(Failure::NotFound)?.clone()),
            None => None,
        };
        let mut errors = FieldErrors::new();
        let mut merged = existing
            .clone()
            .unwrap_or_else(|| Value::Object(Map::new()));
        for spec in resource.fields() {
            match incoming.get(spec.key) {
                Some(value) => {
                    if let Some(problem) = type_problem(spec.kind, value) {
                        errors.insert(spec.key.into(), vec![problem]);
                    }
                    merged[spec.key] = value.clone();
                }
                None if existing.is_none() && spec.required => {
                    errors.insert(spec.key.into(), vec!["This field is required.".into()]);
                }
                None => {}
            }
        }
        if !errors.is_empty() {
            return Err(Failure::Invalid(errors));
        }
        let mut values: FormValues = forms::values_from_record(resource, &merged);
        // Booleans absent from a create default to the model's defaults.
        for (key, value) in forms::defaults(resource) {
            if merged.get(&key).is_none()
                && !resource.fields().iter().any(|f| f.key == key && f.required)
            {
                values.insert(key, value);
            }
        }
        let validated = forms::validate(resource, &values).map_err(|errors| {
            Failure::Invalid(
                errors
                    .into_iter()
                    .map(|(k, v)| (k, v.into_iter().map(|m| drf_message(&m)).collect()))
                    .collect(),
            )
        })?;
        if let Some(errors) = self.server_checks(resource, id, &validated) {
            return Err(Failure::Invalid(errors));
        }
        let mut record = existing.unwrap_or_else(|| json!({}));
        for (key, value) in validated.as_object().expect("validated body is an object") {
            record[key] = value.clone();
        }
        match id {
            Some(id) => {
                record["modified"] = json!(now());
                self.objects
                    .get_mut(&resource)
                    .expect("collection")
                    .insert(id, record);
                Ok(id)
            }
            None => Ok(self.insert_raw(resource, record)),
        }
    }

    /// What only the server can know: uniqueness and references.
    fn server_checks(
        &self,
        resource: Resource,
        id: Option<u64>,
        body: &Value,
    ) -> Option<FieldErrors> {
        let mut errors = FieldErrors::new();
        let unique = resource.label_field();
        if let Some(value) = body.get(unique).and_then(Value::as_str) {
            let taken = self.objects[&resource].iter().any(|(other, o)| {
                Some(*other) != id
                    && o[unique]
                        .as_str()
                        .is_some_and(|v| v.eq_ignore_ascii_case(value))
            });
            if taken {
                errors.insert(
                    unique.into(),
                    vec![format!(
                        "{} with this {} already exists.",
                        capitalize(resource.singular()),
                        unique.replace('_', " ")
                    )],
                );
            }
        }
        for spec in resource.fields() {
            let ids: Vec<(Resource, u64)> = match spec.kind {
                FieldKind::Reference(target) => body[spec.key]
                    .as_u64()
                    .map(|i| (Resource::from_name(target).expect("known collection"), i))
                    .into_iter()
                    .collect(),
                FieldKind::References(target) => body[spec.key]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_u64)
                            .map(|i| (Resource::from_name(target).expect("known collection"), i))
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => continue,
            };
            let missing: Vec<String> = ids
                .iter()
                .filter(|(target, i)| self.get(*target, *i).is_none())
                .map(|(_, i)| format!("Invalid pk \"{i}\" - object does not exist."))
                .collect();
            if !missing.is_empty() {
                errors.insert(spec.key.into(), missing);
            }
        }
        (!errors.is_empty()).then_some(errors)
    }

    /// The object as the API shows it, with related links and summaries filled in.
    pub fn present(&self, resource: Resource, object: &Value) -> Value {
        let mut out = object.clone();
        let id = object["id"].as_u64().unwrap_or_default();
        if resource != Resource::Catalogs {
            out["related"] = json!({});
            out["summary_fields"] = json!({});
        }
        if resource == Resource::Policies {
            let base = format!("{API_ROOT}/policies/{id}/");
            let mut related =
                json!({"launch": format!("{base}launch/"), "calendar": format!("{base}calendar/")});
            let mut summary = json!({});
            if let Some(repo) = object["repository"]
                .as_u64()
                .and_then(|r| self.get(Resource::Repositories, r))
            {
                related["repository"] = repo["url"].clone();
                summary["repository"] =
                    json!({"id": repo["id"], "name": repo["name"], "path": repo["path"]});
            }
            let schedule = object["schedule"]
                .as_u64()
                .and_then(|s| self.get(Resource::Schedules, s));
            if let Some(schedule) = schedule {
                related["schedule"] = schedule["url"].clone();
                summary["schedule"] = json!({"id": schedule["id"], "name": schedule["name"], "crontab": schedule["crontab"]});
            }
            if let Some(job) = self.last_jobs.get(&id) {
                summary["last_job"] = job.clone();
            }
            out["related"] = related;
            out["summary_fields"] = summary;
            out["next_run"] = schedule
                .and_then(|s| s["crontab"].as_str())
                .and_then(|c| CronExpr::parse(c, Dialect::CyBorgBackup).ok())
                .filter(|_| object["enabled"].as_bool().unwrap_or(true))
                .and_then(|cron| cron.next_after(Utc::now()))
                .map_or(Value::Null, |t| {
                    json!(t.to_rfc3339_opts(SecondsFormat::Secs, true))
                });
        }
        out
    }

    /// Record a policy's last job: `finished` `None` while it runs.
    pub fn record_job(
        &mut self,
        policy: u64,
        status: &str,
        started: DateTime<Utc>,
        finished: Option<DateTime<Utc>>,
    ) -> u64 {
        let job = self.next_job;
        self.next_job += 1;
        let name = self
            .get(Resource::Policies, policy)
            .and_then(|p| p["name"].as_str())
            .unwrap_or_default()
            .to_owned();
        let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
        self.last_jobs.insert(
            policy,
            json!({"id": job, "name": name, "status": status, "failed": status == "failed",
                   "started": stamp(started), "finished": finished.map(stamp),
                   "elapsed": finished.map_or(0, |f| (f - started).num_seconds())}),
        );
        job
    }

    /// The runs of the policy's schedule in the current month (UTC), at most `limit`.
    pub fn calendar(&self, policy: &Value, limit: usize) -> Vec<String> {
        let Some(cron) = policy["schedule"]
            .as_u64()
            .and_then(|s| self.get(Resource::Schedules, s))
            .and_then(|s| s["crontab"].as_str())
            .and_then(|c| CronExpr::parse(c, Dialect::CyBorgBackup).ok())
        else {
            return Vec::new();
        };
        let now = Utc::now();
        let month_start: DateTime<Utc> = Utc
            .with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
            .single()
            .expect("first of the month exists");
        let before_start = month_start - chrono::Duration::minutes(1);
        cron.next_runs(before_start, limit)
            .into_iter()
            .take_while(|t| t.month() == now.month())
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
            .collect()
    }
}

/// The JSON type a field must have; DRF rejects a wrong type before anything else.
fn type_problem(kind: FieldKind, value: &Value) -> Option<String> {
    let ok = match kind {
        FieldKind::Bool => value.is_boolean(),
        FieldKind::Count | FieldKind::Reference(_) => value.is_null() || value.as_u64().is_some(),
        FieldKind::References(_) => value
            .as_array()
            .is_some_and(|a| a.iter().all(|v| v.as_u64().is_some())),
        _ => value.is_string(),
    };
    (!ok).then(|| match kind {
        FieldKind::Bool => "Must be a valid boolean.".into(),
        FieldKind::Count | FieldKind::Reference(_) => "A valid integer is required.".into(),
        FieldKind::References(_) => "Expected a list of items.".into(),
        _ => "Not a valid string.".into(),
    })
}

/// The server words some problems like Django does.
fn drf_message(message: &str) -> String {
    if message.starts_with("Enter an email address") {
        "Enter a valid email address.".into()
    } else if message.ends_with(" is required.") {
        "This field may not be blank.".into()
    } else {
        message.into()
    }
}
