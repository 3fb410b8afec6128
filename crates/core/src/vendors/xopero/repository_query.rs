//! The repositories table's query: paging, ordering and the filters of
//! `git/repositories/getmany`, to and from the page's URL (see [`super::query`] for the keys).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::query::{order_pairs, pair, Order, Paging};
use crate::spec::{field, FieldKind, FieldSpec, FormValues};

/// One filter of `repositories/getmany`, as the document writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub operator: String,
    pub value: Value,
    pub property: String,
}

impl Filter {
    pub fn new(property: &str, operator: &str, value: impl Into<Value>) -> Self {
        Self {
            operator: operator.to_owned(),
            value: value.into(),
            property: property.to_owned(),
        }
    }
}

fn flag(value: &str) -> Option<bool> {
    match value.trim() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}
/// `git/repositories/getmany` for one organization: paging, ordering and filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RepositoryQuery {
    pub paging: Paging,
    pub order: Option<Order>,
    /// `IsRemoved eq ...`: gone from the git service (true) or still there (false).
    pub removed: Option<bool>,
    /// `IsProtected eq ...`: holding a licence or not.
    pub protected: Option<bool>,
    /// `IsPublic eq ...`.
    pub public: Option<bool>,
    /// `Name contains ...`; blank means no search.
    pub search: String,
    /// Filters the console has no control for, sent as given (not kept in the URL).
    pub other_filters: Vec<Filter>,
}

impl RepositoryQuery {
    pub fn filters(&self) -> Vec<Filter> {
        let flags = [
            ("IsRemoved", self.removed),
            ("IsProtected", self.protected),
            ("IsPublic", self.public),
        ];
        let mut filters: Vec<Filter> = flags
            .into_iter()
            .filter_map(|(property, value)| value.map(|v| Filter::new(property, "eq", v)))
            .collect();
        let search = self.search.trim();
        if !search.is_empty() {
            filters.push(Filter::new("Name", "contains", search));
        }
        filters.extend(self.other_filters.iter().cloned());
        filters
    }

    pub fn to_body(&self, organization_id: &str) -> Value {
        let mut body = json!({
            "id": organization_id,
            "limit": self.paging.limit,
            "page": self.paging.page,
            "filters": self.filters(),
        });
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
        for (key, value) in [
            ("removed", self.removed),
            ("protected", self.protected),
            ("public", self.public),
        ] {
            if let Some(value) = value {
                pairs.push(pair(key, value));
            }
        }
        if !self.search.trim().is_empty() {
            pairs.push(pair("search", self.search.trim()));
        }
        pairs
    }

    /// Tolerant: unknown keys and unreadable values are ignored, so an edited link still opens.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Self {
        let mut query = Self::default();
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            query.paging.read(key, value);
            match key {
                "order_by" => query.order = Order::from_param(value),
                "removed" => query.removed = flag(value),
                "protected" => query.protected = flag(value),
                "public" => query.public = flag(value),
                "search" => query.search = value.trim().to_owned(),
                _ => {}
            }
        }
        query
    }

    /// The same filters and order from the first page: what a changed filter should load.
    pub fn first_page(&self) -> Self {
        Self {
            paging: Paging {
                page: 1,
                ..self.paging.clone()
            },
            ..self.clone()
        }
    }
}
/// The repositories table's filters as form controls; keys are the URL's.
pub const FILTER_FIELDS: [FieldSpec; 4] = [
    field("search", "Name contains", FieldKind::Text, false, ""),
    field(
        "protected",
        "Licence",
        FieldKind::Labeled(&[("", "Any"), ("true", "Licensed"), ("false", "Not licensed")]),
        false,
        "",
    ),
    field(
        "removed",
        "In the git service",
        FieldKind::Labeled(&[("", "Any"), ("false", "Still there"), ("true", "Removed")]),
        false,
        "",
    ),
    field(
        "public",
        "Visibility",
        FieldKind::Labeled(&[("", "Any"), ("true", "Public"), ("false", "Private")]),
        false,
        "",
    ),
];

impl RepositoryQuery {
    /// The filters as the controls' values.
    pub fn filter_values(&self) -> FormValues {
        let text = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
        FormValues::from([
            ("search".into(), self.search.clone()),
            ("protected".into(), text(self.protected)),
            ("removed".into(), text(self.removed)),
            ("public".into(), text(self.public)),
        ])
    }

    /// The query with the controls' filters, from the first page.
    pub fn with_filters(&self, values: &FormValues) -> Self {
        let get = |k: &str| values.get(k).map_or("", String::as_str);
        Self {
            removed: flag(get("removed")),
            protected: flag(get("protected")),
            public: flag(get("public")),
            search: get("search").trim().to_owned(),
            ..self.first_page()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::xopero::query::{OrganizationQuery, PlanQuery};

    #[test]
    fn repository_queries_survive_the_url_and_become_filters() {
        let query = RepositoryQuery {
            paging: Paging { page: 3, limit: 10 },
            order: Some(Order::desc("LastBackup")),
            removed: Some(false),
            protected: Some(true),
            public: None,
            search: " api ".into(),
            other_filters: Vec::new(),
        };
        let pairs = query.to_pairs();
        let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            text,
            [
                "page=3",
                "limit=10",
                "order_by=-LastBackup",
                "removed=false",
                "protected=true",
                "search=api"
            ]
        );
        let back = RepositoryQuery::from_pairs(&pairs);
        assert_eq!(back.search, "api");
        assert_eq!(back.to_pairs(), pairs);
        let body = query.to_body("org-1");
        assert_eq!(body["ordertype"], "desc");
        assert_eq!(
            body["filters"],
            json!([
                {"operator": "eq", "value": false, "property": "IsRemoved"},
                {"operator": "eq", "value": true, "property": "IsProtected"},
                {"operator": "contains", "value": "api", "property": "Name"}
            ])
        );
        assert_eq!(query.first_page().paging.page, 1);
        let values = query.filter_values();
        assert_eq!(values["protected"], "true");
        assert_eq!(values["public"], "");
        let mut changed = values.clone();
        changed.insert("public".into(), "false".into());
        changed.insert("protected".into(), "".into());
        let next = query.with_filters(&changed);
        assert_eq!(
            (
                next.public,
                next.protected,
                next.paging.page,
                next.search.as_str()
            ),
            (Some(false), None, 1, "api")
        );
        assert_eq!(next.order, query.order);
        for spec in FILTER_FIELDS {
            assert!(values.contains_key(spec.key));
        }
    }

    #[test]
    fn junk_in_the_url_falls_back_to_defaults() {
        let pairs = [
            ("page", "0"),
            ("limit", "100000"),
            ("order_by", "Name; drop"),
            ("removed", "maybe"),
            ("x", "y"),
        ];
        assert_eq!(
            RepositoryQuery::from_pairs(&pairs),
            RepositoryQuery::default()
        );
        assert!(RepositoryQuery::default().to_pairs().is_empty());
        let orgs = OrganizationQuery::from_pairs(&[("page", "2"), ("order_by", "-Name")]);
        assert_eq!(orgs.to_pairs().len(), 2);
        assert_eq!(
            orgs.to_body(),
            json!({"limit": 25, "Page": 2, "orderby": "Name", "ordertype": "desc"})
        );
        assert_eq!(
            PlanQuery::from_pairs(&[("page", "4")]).to_body("o")["page"],
            4
        );
    }
}
