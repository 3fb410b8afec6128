//! One run of an async task per key at a time: callers that arrive while it runs wait for that
//! run's result instead of starting their own (a token refresh that several requests need).

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};

type Running<T> = Shared<LocalBoxFuture<'static, T>>;

pub struct SingleFlight<K, T: Clone + 'static> {
    running: Rc<RefCell<HashMap<K, Running<T>>>>,
}

impl<K, T: Clone + 'static> Clone for SingleFlight<K, T> {
    fn clone(&self) -> Self {
        Self {
            running: Rc::clone(&self.running),
        }
    }
}

impl<K: Eq + Hash + Clone + 'static, T: Clone + 'static> Default for SingleFlight<K, T> {
    fn default() -> Self {
        Self {
            running: Rc::new(RefCell::new(HashMap::new())),
        }
    }
}

impl<K: Eq + Hash + Clone + 'static, T: Clone + 'static> SingleFlight<K, T> {
    /// The result of the run for `key`: the one under way, or a new one made by `start`.
    pub fn run<F>(&self, key: K, start: impl FnOnce() -> F) -> Pin<Box<dyn Future<Output = T>>>
    where
        F: Future<Output = T> + 'static,
    {
        let existing = self.running.borrow().get(&key).cloned();
        let shared = match existing {
            Some(running) => running,
            None => {
                let running = Rc::clone(&self.running);
                let done_key = key.clone();
                let work = start();
                let shared = async move {
                    let result = work.await;
                    // The next caller after this one finishes starts afresh.
                    running.borrow_mut().remove(&done_key);
                    result
                }
                .boxed_local()
                .shared();
                self.running.borrow_mut().insert(key, shared.clone());
                shared
            }
        };
        Box::pin(shared)
    }

    pub fn is_running(&self, key: &K) -> bool {
        self.running.borrow().contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::channel::oneshot;
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;
    use std::cell::Cell;

    #[test]
    fn callers_during_a_run_share_it_and_later_ones_start_again() {
        let flights = SingleFlight::<&str, u32>::default();
        let started = Rc::new(Cell::new(0));
        let (release, wait) = oneshot::channel::<()>();
        let mut wait = Some(wait);
        let results = Rc::new(RefCell::new(Vec::new()));
        let mut pool = LocalPool::new();
        for _ in 0..3 {
            let (flights, started, results) = (flights.clone(), started.clone(), results.clone());
            let gate = wait.take();
            pool.spawner()
                .spawn_local(async move {
                    let value = flights
                        .run("conn", || {
                            started.set(started.get() + 1);
                            let n = started.get();
                            async move {
                                if let Some(gate) = gate {
                                    let _ = gate.await;
                                }
                                n * 10
                            }
                        })
                        .await;
                    results.borrow_mut().push(value);
                })
                .unwrap();
        }
        pool.run_until_stalled();
        assert_eq!(started.get(), 1, "one run for three callers");
        assert!(flights.is_running(&"conn"));
        release.send(()).unwrap();
        pool.run_until_stalled();
        assert_eq!(*results.borrow(), [10, 10, 10]);
        assert!(!flights.is_running(&"conn"));
        // Another key, or the same key later, runs anew.
        let again = futures::executor::block_on(flights.run("conn", || async { 99 }));
        assert_eq!(again, 99);
    }
}
