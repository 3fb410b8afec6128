//! What a table asks of a list: paging, ordering and, for repositories, filters. The UI keeps
//! these in the page's URL ([`RepositoryQuery::to_pairs`], [`RepositoryQuery::from_pairs`]) and
//! the request builders turn them into the bodies the document shows.
//!
//! URL keys: `page` (1-based), `limit`, `order_by` (an API property such as `Name`, prefixed
//! with `-` for descending), and for repositories `removed`, `protected`, `public`
//! (`true`/`false`) and `search` (part of the name). Defaults are left out of the URL.
//!
//! Filters are `{operator, value, property}` objects. The document shows one, `IsRemoved eq
//! true`; the other properties follow the answer's field names the same way (`isProtected` ->
//! `IsProtected`), and the name search uses `contains`, which the document does not show.

use serde_json::{json, Value};

pub use super::repository_query::{Filter, RepositoryQuery};

pub const DEFAULT_LIMIT: u32 = 25;
/// The most rows the console asks for at once.
pub const MAX_LIMIT: u32 = 500;
/// Sorting by one API property (`Name`, `TotalRepositories`, `LastBackup`...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    pub property: String,
    pub descending: bool,
}

impl Order {
    pub fn asc(property: &str) -> Self {
        Self {
            property: property.to_owned(),
            descending: false,
        }
    }

    pub fn desc(property: &str) -> Self {
        Self {
            property: property.to_owned(),
            descending: true,
        }
    }

    /// `ordertype` as the document writes it.
    pub fn order_type(&self) -> &'static str {
        if self.descending {
            "desc"
        } else {
            "asc"
        }
    }

    /// `Name` or `-Name`, for the URL.
    pub fn to_param(&self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.property
        )
    }

    /// Only letters, digits and `_` make a property; anything else in a URL is ignored.
    pub fn from_param(text: &str) -> Option<Self> {
        let text = text.trim();
        let (descending, property) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let valid = !property.is_empty()
            && property
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        valid.then(|| Self {
            property: property.to_owned(),
            descending,
        })
    }
}

/// Paging shared by every list; `page` is 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub limit: u32,
}

impl Default for Paging {
    fn default() -> Self {
        Self {
            page: 1,
            limit: DEFAULT_LIMIT,
        }
    }
}

pub(super) fn pair(key: &str, value: impl ToString) -> (String, String) {
    (key.to_owned(), value.to_string())
}

impl Paging {
    pub(super) fn to_pairs(&self, pairs: &mut Vec<(String, String)>) {
        if self.page > 1 {
            pairs.push(pair("page", self.page));
        }
        if self.limit != DEFAULT_LIMIT {
            pairs.push(pair("limit", self.limit));
        }
    }

    pub(super) fn read(&mut self, key: &str, value: &str) {
        match key {
            "page" => self.page = value.trim().parse().ok().filter(|p| *p >= 1).unwrap_or(1),
            "limit" => {
                self.limit = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|l| (1..=MAX_LIMIT).contains(l))
                    .unwrap_or(DEFAULT_LIMIT)
            }
            _ => {}
        }
    }
}

pub(super) fn order_pairs(order: &Option<Order>, pairs: &mut Vec<(String, String)>) {
    if let Some(order) = order {
        pairs.push(pair("order_by", order.to_param()));
    }
}
/// `git/organizations/getmany`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrganizationQuery {
    pub paging: Paging,
    pub order: Option<Order>,
}

impl OrganizationQuery {
    /// The body; this operation spells the page `Page`.
    pub fn to_body(&self) -> Value {
        let mut body = json!({"limit": self.paging.limit, "Page": self.paging.page});
        if let Some(order) = &self.order {
            body["orderby"] = json!(order.property);
            body["ordertype"] = json!(order.order_type());
        }
        body
    }

    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        self.paging.to_pairs(&mut pairs);
        order_pairs(&self.order, &mut pairs);
        pairs
    }

    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Self {
        let mut query = Self::default();
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            query.paging.read(key, value);
            if key == "order_by" {
                query.order = Order::from_param(value);
            }
        }
        query
    }
}

/// `plans/listassignedtoorganization`: paging only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanQuery {
    pub paging: Paging,
}

impl PlanQuery {
    pub fn to_body(&self, organization_id: &str) -> Value {
        json!({"limit": self.paging.limit, "page": self.paging.page, "organizationid": organization_id})
    }

    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        self.paging.to_pairs(&mut pairs);
        pairs
    }

    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Self {
        let mut query = Self::default();
        for (key, value) in pairs {
            query.paging.read(key.as_ref(), value.as_ref());
        }
        query
    }
}
