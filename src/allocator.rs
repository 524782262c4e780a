//! The binary's memory allocator, mimalloc, and how Folio tunes it.
//!
//! Building a site is allocation-heavy and multi-threaded; glibc's allocator spent a third of a
//! 10,000-page build in malloc and free (see benches/README.md).

use std::ffi::{c_int, c_long};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc also stands in for the C library's `malloc` and `free` (Cargo.toml's `override` feature):
// Oniguruma, which highlights code blocks, allocates a match stack, a region and a parameter block for
// every regex search — some 60 searches a line of code — and glibc's allocator took 7 % of the Markdown
// stage's instructions for them (callgrind, 1k pages).

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

/// Asks the kernel for no transparent huge pages for this process (mimalloc asks for them).
///
/// A huge page is zeroed whole, 2 MiB at a time, when first touched, and where memory is fragmented the
/// kernel first compacts it to find one. A `folio build` is a short process that touches fresh memory
/// all along: with huge pages, clearing pages was half the CPU of a 10,000-page rebuild with nothing
/// changed (`perf`: `clear_page_erms`; 1.4 s of CPU against 0.8 s without, on a loaded machine) and a
/// tenth of a full build's (10.9 s against 9.9 s, the same user time), for a larger peak memory.
/// `MIMALLOC_ALLOW_THP` set by the user is left to mimalloc.
pub fn no_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn prctl(option: c_int, ...) -> c_int;
        }
        /// `PR_SET_THP_DISABLE` in `linux/prctl.h`.
        const PR_SET_THP_DISABLE: c_int = 41;
        const ALLOW_THP: c_int = 43;
        // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` only sets a flag of the calling process (an
        // older kernel returns an error, which changes nothing); `mi_option_set` is a plain setter of
        // mimalloc's option table (`mi_option_allow_thp` in v3's `mi_option_e`), so new arenas are
        // not advised huge either.
        let (disable, unused): (std::ffi::c_ulong, std::ffi::c_ulong) = (1, 0);
        unsafe {
            prctl(PR_SET_THP_DISABLE, disable, unused, unused, unused);
            if mi_option_get(ALLOW_THP) == 1 {
                mi_option_set(ALLOW_THP, 0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::c_void;

    extern "C" {
        fn malloc(size: usize) -> *mut c_void;
        fn free(pointer: *mut c_void);
        fn mi_is_in_heap_region(pointer: *const c_void) -> bool;
    }

    #[test]
    fn c_libraries_allocate_with_mimalloc() {
        // SAFETY: a block is allocated, checked and freed by the same allocator.
        unsafe {
            let block = malloc(200);
            assert!(!block.is_null());
            assert!(mi_is_in_heap_region(block), "malloc is glibc's, not mimalloc's");
            free(block);
        }
    }
}
