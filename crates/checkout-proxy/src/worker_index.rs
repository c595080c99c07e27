//! Which worker thread this is (workers.rs starts them), so a per-worker resource (the
//! back-office client, transport.rs) is picked without a lock. A leaf: it knows nothing of
//! what uses it.

use std::cell::Cell;

thread_local! {
    /// 0 outside `workers::serve` (tests, or a runtime of one's own).
    static INDEX: Cell<usize> = const { Cell::new(0) };
}

/// This thread's worker.
pub(crate) fn index() -> usize {
    INDEX.with(Cell::get)
}

/// Name this thread as worker `n`.
pub(crate) fn set(n: usize) {
    INDEX.with(|i| i.set(n));
}
