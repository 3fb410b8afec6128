//! A vendor's in-memory state, shared by its handlers and resettable to its seed.

use std::sync::{Arc, Mutex, MutexGuard};

pub struct Shared<T> {
    state: Arc<Mutex<T>>,
    seed: fn() -> T,
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self {
            state: Arc::clone(&self.state),
            seed: self.seed,
        }
    }
}

impl<T> Shared<T> {
    pub fn seeded(seed: fn() -> T) -> Self {
        Self {
            state: Arc::new(Mutex::new(seed())),
            seed,
        }
    }

    /// Back to the demo data.
    pub fn reset(&self) {
        *self.lock() = (self.seed)();
    }

    pub fn lock(&self) -> MutexGuard<'_, T> {
        self.state.lock().expect("sandbox state lock")
    }
}
