//! The states of checkpoints and restores, with what a badge shows and whether a view must
//! keep refreshing.

pub use crate::spec::Tone;
use crate::vendors::open_enum::open_enum;

open_enum! {
    /// A checkpoint's or an item's state: the document shows `protecting`; the others are the
    /// states of OpenStack Karbor, which the service is built on.
    #[derive(Default)]
    pub enum Status {
        #[default]
        Protecting = "protecting",
        Available = "available",
        Error = "error",
        Deleting = "deleting",
        Deleted = "deleted",
        ErrorDeleting = "error-deleting",
    }
}

open_enum! {
    /// A restore's state: the document shows `success`; Karbor's others as well.
    #[derive(Default)]
    pub enum RestoreStatus {
        #[default]
        InProgress = "in_progress",
        Success = "success",
        Fail = "fail",
        Error = "error",
    }
}

impl Status {
    /// Whether it will change by itself (a list showing it refreshes until none is left).
    pub fn is_settled(&self) -> bool {
        !matches!(self, Status::Protecting | Status::Deleting)
    }

    pub fn tone(&self) -> Tone {
        match self {
            Status::Available => Tone::Good,
            Status::Protecting | Status::Deleting => Tone::Busy,
            Status::Error | Status::ErrorDeleting => Tone::Bad,
            Status::Deleted | Status::Other(_) => Tone::Neutral,
        }
    }
}

impl RestoreStatus {
    pub fn is_settled(&self) -> bool {
        !matches!(self, RestoreStatus::InProgress)
    }

    pub fn tone(&self) -> Tone {
        match self {
            RestoreStatus::Success => Tone::Good,
            RestoreStatus::InProgress => Tone::Busy,
            RestoreStatus::Fail | RestoreStatus::Error => Tone::Bad,
            RestoreStatus::Other(_) => Tone::Neutral,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_settle_and_have_tones() {
        assert!(!Status::Protecting.is_settled() && !Status::parse("deleting").is_settled());
        assert_eq!(Status::parse("error-deleting").tone(), Tone::Bad);
        assert_eq!(Status::parse("available").tone(), Tone::Good);
        assert_eq!(Status::parse("copying").tone(), Tone::Neutral);
        assert!(Status::parse("copying").is_settled());
        assert!(!RestoreStatus::parse("in_progress").is_settled());
        assert_eq!(RestoreStatus::parse("SUCCESS").tone(), Tone::Good);
        assert_eq!(RestoreStatus::parse("fail").tone(), Tone::Bad);
    }
}
