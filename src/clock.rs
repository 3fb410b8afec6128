//! The current instant for views. Tests fix it (`provide_context(FixedNow(..))`) so schedule
//! previews can be checked exactly, not against the wall clock.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug)]
pub struct FixedNow(pub DateTime<Utc>);

pub fn now() -> DateTime<Utc> {
    use_context::<FixedNow>().map_or_else(Utc::now, |f| f.0)
}
