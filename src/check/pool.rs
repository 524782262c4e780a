//! Running the checks side by side: at most `concurrency` at once over all hosts and at most
//! `per_host` to any one host, so one slow or rate-limiting host neither holds up the others nor
//! gets hammered. Plain threads; the work is waiting on the network, not computing.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

/// The limits of a run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub concurrency: usize,
    pub per_host: usize,
}

struct Queue<T, R> {
    /// Jobs not started yet, with their host; `None` once taken.
    pending: Vec<Option<(String, T)>>,
    busy: HashMap<String, usize>,
    results: Vec<Option<R>>,
}

/// Runs `work` on every job (a host and its input) within `limits`; the results in the jobs' order.
pub fn run_bounded<T, R, F>(jobs: Vec<(String, T)>, limits: Limits, work: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    let count = jobs.len();
    let queue = Mutex::new(Queue {
        pending: jobs.into_iter().map(Some).collect(),
        busy: HashMap::new(),
        results: (0..count).map(|_| None).collect(),
    });
    let changed = Condvar::new();
    let threads = limits.concurrency.max(1).min(count.max(1));
    let per_host = limits.per_host.max(1);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let mut state = queue.lock().unwrap_or_else(|e| e.into_inner());
                let (index, host, input) = loop {
                    let ready = state.pending.iter().position(|job| {
                        job.as_ref().is_some_and(|(host, _)| state.busy.get(host).copied().unwrap_or(0) < per_host)
                    });
                    if let Some(index) = ready {
                        let (host, input) = state.pending[index].take().expect("the job is pending");
                        *state.busy.entry(host.clone()).or_insert(0) += 1;
                        break (index, host, input);
                    }
                    if state.pending.iter().all(Option::is_none) {
                        return;
                    }
                    state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                };
                drop(state);
                let result = work(input);
                let mut state = queue.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(n) = state.busy.get_mut(&host) {
                    *n -= 1;
                }
                state.results[index] = Some(result);
                changed.notify_all();
            });
        }
    });
    let queue = queue.into_inner().unwrap_or_else(|e| e.into_inner());
    queue.results.into_iter().map(|r| r.expect("every job ran")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn holds_both_limits_and_keeps_the_order() {
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let host_now: Mutex<HashMap<String, usize>> = Mutex::default();
        let host_most = AtomicUsize::new(0);
        let jobs: Vec<(String, usize)> = (0..12).map(|i| (if i % 3 == 0 { "b" } else { "a" }.to_string(), i)).collect();
        let results = run_bounded(jobs, Limits { concurrency: 3, per_host: 1 }, |i| {
            let host = if i % 3 == 0 { "b" } else { "a" };
            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(n, Ordering::SeqCst);
            let h = {
                let mut map = host_now.lock().unwrap();
                let h = map.entry(host.to_string()).or_insert(0);
                *h += 1;
                *h
            };
            host_most.fetch_max(h, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(5));
            *host_now.lock().unwrap().get_mut(host).unwrap() -= 1;
            now.fetch_sub(1, Ordering::SeqCst);
            i * 10
        });
        assert_eq!(results, (0..12).map(|i| i * 10).collect::<Vec<_>>());
        assert_eq!(host_most.load(Ordering::SeqCst), 1);
        assert!(most.load(Ordering::SeqCst) <= 2, "two hosts, one request each");
    }
}
