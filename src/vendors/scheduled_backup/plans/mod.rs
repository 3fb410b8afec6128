//! Backup plans: the list, one plan with its checkpoints, and the create and edit form with
//! its two special widgets (volumes, and the calendar's weekdays and times).

mod calendar;
mod detail;
mod form;
mod list;
mod volumes;

pub use detail::PlanDetail;
pub use form::PlanForm;
pub use list::PlanList;
