//! Reading request bodies the way an ASP.NET service binds them (field names in any case), and
//! the paging, ordering and filtering every list shares.

use std::cmp::Ordering;

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

/// A refusal; `Value::Null` means an empty body.
pub struct Fault(pub StatusCode, pub Value);

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        match self.1 {
            Value::Null => self.0.into_response(),
            body => (self.0, Json(body)).into_response(),
        }
    }
}

pub type Answer = Result<Response, Fault>;

pub fn bad(message: impl Into<String>) -> Fault {
    Fault(StatusCode::BAD_REQUEST, json!({"message": message.into()}))
}

pub fn not_found(what: &str) -> Fault {
    Fault(
        StatusCode::NOT_FOUND,
        json!({"message": format!("{what} was not found.")}),
    )
}

pub fn ok(value: impl serde::Serialize) -> Answer {
    Ok(Json(value).into_response())
}

/// What the void operations (attach, detach, modify, sync) answer: 200 and no body.
pub fn done() -> Answer {
    Ok(StatusCode::OK.into_response())
}

/// A field of a JSON object, its name in any case.
pub fn field<'a>(object: &'a Value, name: &str) -> Option<&'a Value> {
    object
        .as_object()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

pub struct Body(pub Value);

impl Body {
    pub fn parse(bytes: &Bytes) -> Result<Self, Fault> {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(value @ Value::Object(_)) => Ok(Self(value)),
            Ok(_) => Err(bad("The request body must be a JSON object.")),
            Err(e) => Err(bad(format!("The request body is not valid JSON: {e}"))),
        }
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        field(&self.0, name).filter(|v| !v.is_null())
    }

    /// A required, non-empty text field (an id).
    pub fn text(&self, name: &str) -> Result<String, Fault> {
        match self.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
            Some(_) => Err(bad(format!("The {name} field must be text."))),
            None => Err(bad(format!("The {name} field is required."))),
        }
    }

    pub fn flag(&self, name: &str) -> Result<bool, Fault> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(format!("The {name} field must be true or false."))),
        }
    }

    /// A required list of ids.
    pub fn ids(&self, name: &str) -> Result<Vec<String>, Fault> {
        let wrong = || {
            bad(format!(
                "The {name} field must be a list of repository ids."
            ))
        };
        let items = self
            .get(name)
            .ok_or_else(|| bad(format!("The {name} field is required.")))?;
        items
            .as_array()
            .ok_or_else(wrong)?
            .iter()
            .map(|id| id.as_str().map(str::to_owned).ok_or_else(wrong))
            .collect()
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, Fault> {
        match self.get(name) {
            None => Ok(default),
            Some(value) => value
                .as_u64()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| bad(format!("The {name} field must be a number from 1 to 1000."))),
        }
    }

    /// (page, limit); `page` is read in any case, as `Page` or `page`.
    pub fn paging(&self) -> Result<(u64, u64), Fault> {
        Ok((self.number("page", 1)?, self.number("limit", 10)?))
    }

    /// (property, descending).
    pub fn order(&self) -> Result<Option<(String, bool)>, Fault> {
        let Some(property) = self.get("orderby") else {
            return Ok(None);
        };
        let property = property
            .as_str()
            .filter(|p| !p.trim().is_empty())
            .ok_or_else(|| bad("The orderby field must name a property, e.g. Name."))?;
        let descending = match self.get("ordertype").and_then(Value::as_str) {
            None => false,
            Some(t) if t.eq_ignore_ascii_case("asc") => false,
            Some(t) if t.eq_ignore_ascii_case("desc") => true,
            Some(other) => {
                return Err(bad(format!(
                    "The ordertype \"{other}\" is neither asc nor desc."
                )))
            }
        };
        Ok(Some((property.trim().to_owned(), descending)))
    }

    /// The `filters` list: (property, operator, value), checked against `schema`'s fields.
    pub fn filters(&self, schema: &Value) -> Result<Vec<(String, String, Value)>, Fault> {
        let Some(filters) = self.get("filters") else {
            return Ok(Vec::new());
        };
        let filters = filters.as_array().ok_or_else(|| {
            bad("The filters field must be a list of {operator, value, property}.")
        })?;
        filters
            .iter()
            .map(|filter| {
                let text = |name: &str| {
                    field(filter, name)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                let (property, operator) =
                    (text("property"), text("operator").to_ascii_lowercase());
                let value = field(filter, "value").cloned().unwrap_or(Value::Null);
                let Some(sample) = field(schema, &property) else {
                    return Err(bad(format!("Cannot filter by \"{property}\".")));
                };
                match operator.as_str() {
                    "eq" | "neq" => {}
                    "contains" if sample.is_string() => {}
                    "contains" => {
                        return Err(bad(format!(
                            "contains works on text, and {property} is not text."
                        )))
                    }
                    other => {
                        return Err(bad(format!(
                            "Unknown filter operator \"{other}\": use eq, neq or contains."
                        )))
                    }
                }
                Ok((property, operator, value))
            })
            .collect()
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        (x, Value::String(y)) | (Value::String(y), x) => x.to_string().eq_ignore_ascii_case(y),
        (x, y) => x == y,
    }
}

pub fn matches(item: &Value, filters: &[(String, String, Value)]) -> bool {
    filters.iter().all(|(property, operator, value)| {
        let Some(actual) = field(item, property) else {
            return false;
        };
        match operator.as_str() {
            "eq" => same(actual, value),
            "neq" => !same(actual, value),
            _ => {
                let needle = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                actual
                    .as_str()
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(&needle.to_lowercase())
            }
        }
    })
}

fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Some(Value::String(x)), Some(Value::String(y))) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (x, y) => x.map(Value::to_string).cmp(&y.map(Value::to_string)),
    }
}

/// Sort by a property of `schema` (any case); 400 for a property the objects do not have.
pub fn sort(
    items: &mut [Value],
    order: &Option<(String, bool)>,
    schema: &Value,
) -> Result<(), Fault> {
    let Some((property, descending)) = order else {
        return Ok(());
    };
    if field(schema, property).is_none() {
        return Err(bad(format!("Cannot order by \"{property}\".")));
    }
    items.sort_by(|a, b| {
        let ordering = compare(field(a, property), field(b, property));
        if *descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
    Ok(())
}

/// One page of `items` in the document's envelope, its `result` made by `wrap`.
pub fn page(
    items: Vec<Value>,
    (page, limit): (u64, u64),
    wrap: impl FnOnce(Vec<Value>) -> Value,
) -> Value {
    let total = items.len() as u64;
    let rows: Vec<Value> = items
        .into_iter()
        .skip(((page - 1) * limit) as usize)
        .take(limit as usize)
        .collect();
    json!({
        "currentPage": page,
        "pageCount": total.div_ceil(limit),
        "totalEntries": total,
        "result": wrap(rows),
    })
}

/// A field-by-field refusal, in ASP.NET's problem shape.
pub fn invalid(errors: Map<String, Value>) -> Fault {
    Fault(
        StatusCode::BAD_REQUEST,
        json!({
            "title": "One or more validation errors occurred.",
            "status": 400,
            "errors": errors,
        }),
    )
}
