//! What the plan editor holds between loads: the base body it edits over, the form's values and
//! schedule, and what they were filled from, so a new base (a repository attached on the same
//! page, a reload) changes only what the operator has not edited.

use backup_console_core::api::FieldErrors;
use backup_console_core::schedule::xopero::XoperoSchedule;
use backup_console_core::spec::FormValues;
use backup_console_core::vendors::xopero::plan::PlanBase;
use backup_console_core::vendors::xopero::plan_fields::{body_to_send, rebase, values_of};
use backup_console_core::vendors::xopero::PlanForm;
use leptos::prelude::*;
use serde_json::Value;

#[derive(Clone, Copy)]
pub struct Draft {
    /// The body the form writes over, and where it came from.
    pub base: RwSignal<Option<PlanBase>>,
    pub values: RwSignal<FormValues>,
    pub schedule: RwSignal<Option<XoperoSchedule>>,
    pub errors: RwSignal<FieldErrors>,
    /// Why the base cannot be edited (a schedule that does not read), keyed by field.
    pub unreadable: RwSignal<Option<FieldErrors>>,
    /// A plan JSON the operator chose to start from, over the composed base.
    pub pasted: RwSignal<Option<Value>>,
    /// The values and schedule the form was last filled from.
    origin: StoredValue<Option<(FormValues, XoperoSchedule)>>,
}

impl Default for Draft {
    fn default() -> Self {
        Self::new()
    }
}

impl Draft {
    pub fn new() -> Self {
        Self {
            base: RwSignal::new(None),
            values: RwSignal::new(FormValues::new()),
            schedule: RwSignal::new(None),
            errors: RwSignal::new(FieldErrors::new()),
            unreadable: RwSignal::new(None),
            pasted: RwSignal::new(None),
            origin: StoredValue::new(None),
        }
    }

    /// A new base: the first fills the form; later ones change only what was not edited.
    pub fn follow(&self, base: PlanBase) {
        match PlanForm::from_body(&base.body) {
            Err(problems) => self.unreadable.set(Some(problems)),
            Ok(form) => {
                let incoming = (values_of(&form), form.schedule.clone());
                match self.origin.get_value() {
                    None => {
                        self.values.set(incoming.0.clone());
                        self.schedule.set(Some(incoming.1.clone()));
                    }
                    Some((values, schedule)) => {
                        self.values.update(|v| *v = rebase(v, &values, &incoming.0));
                        self.schedule.update(|s| {
                            if s.as_ref() == Some(&schedule) {
                                *s = Some(incoming.1.clone());
                            }
                        });
                    }
                }
                self.origin.set_value(Some(incoming));
                self.unreadable.set(None);
            }
        }
        self.base.set(Some(base));
    }

    /// Start over from a pasted plan: every field is filled from it.
    pub fn start_from(&self, pasted: Value) {
        self.origin.set_value(None);
        self.errors.set(FieldErrors::new());
        self.pasted.set(Some(pasted));
    }

    /// The body a save sends now, or the problems that stop it.
    pub fn body(&self) -> Option<Result<Value, FieldErrors>> {
        let base = self.base.get()?;
        if let Some(problems) = self.unreadable.get() {
            return Some(Err(problems));
        }
        let schedule = self.schedule.get()?;
        Some(self.values.with(|v| body_to_send(&base.body, v, &schedule)))
    }
}
