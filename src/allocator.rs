//! The binary's memory allocator, mimalloc, and how the dev server tunes it.
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
/// `folio serve` rebuilds after every save, freeing and allocating much the same few hundred
/// megabytes each time. Handed back between saves, that memory is taken again on the next rebuild,
/// every page of it zeroed by the kernel: at 10,000 pages that was about 40 % of a rebuild's CPU
/// (`perf` on `benches/rebuild_cpu.py`). A long-running server keeps its peak instead. Nothing is
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
