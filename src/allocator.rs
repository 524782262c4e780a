//! The binary's memory allocator, mimalloc, and how Folio tunes it.
//!
//! Building a site is allocation-heavy and multi-threaded; glibc's allocator spent a third of a
//! 10,000-page build in malloc and free (see benches/README.md).

use std::ffi::{c_int, c_long};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_purge_delay` in the `mi_option_e` list of mimalloc v3's `mimalloc.h` (libmimalloc-sys
/// 0.1.49, which Cargo.lock pins), and its default there, in milliseconds.
const PURGE_DELAY: c_int = 15;
const DEFAULT_PURGE_DELAY: c_long = 1000;

/// Keeps freed memory in the process instead of handing it back to the system a second later.
///
/// A build frees and allocates much the same memory stage after stage, and `folio serve` rebuilds after
/// every save. Memory handed back in between is taken again soon after, every page of it zeroed by the
/// kernel: at 10,000 pages that was about 40 % of a dev-server rebuild's CPU (`perf` on
/// `benches/rebuild_cpu.py`) and 2 of a full build's 28 CPU seconds, for the same peak memory. Nothing is
/// changed when the option does not hold mimalloc's default (another mimalloc version, or
/// `MIMALLOC_PURGE_DELAY` set by the user).
pub fn keep_freed_memory() {
    // SAFETY: both are plain setters/getters of mimalloc's option table, callable at any time.
    unsafe {
        if mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY {
            mi_option_set(PURGE_DELAY, -1);
        }
    }
}
