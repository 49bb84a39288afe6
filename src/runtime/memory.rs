//! How the process hands memory back. glibc's malloc gives each thread that
//! allocates an arena of its own and keeps what is freed in it: the pages
//! of a large org are decoded on blocking threads and freed once the app
//! has made its rows, which left some 50 MB of 100,000 invites' worth of
//! pages resident and unused. Two arenas, and a trim once a list has
//! loaded, keep the resident set close to what the rows take.
//!
//! A fixed mmap threshold keeps every block of 128 KiB or more (a page's
//! body, its decoded items) out of the heap: freed, it goes straight back
//! to the system. glibc's default raises the threshold after each such
//! free, so pages ended up in the heap and the high-water mark of a
//! 100,000-invite load sat 12 MB above what stays.

/// Cap malloc's arenas, and for a process that `holds_rows` (the TUI, the
/// emulator) fix its thresholds; called once at start, before any thread
/// exists. A command that streams a list (`list`) keeps glibc's own: each
/// of its pages, taken from fresh zeroed memory, cost some 280 page faults.
pub fn limit_arenas(holds_rows: bool) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is
    // called before the runtime starts any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        if holds_rows {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 512 * 1024);
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = holds_rows;
}

/// Give freed memory back to the system (a list finished loading, and its
/// pages are gone). A few milliseconds, once per load.
pub fn return_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own
    // heaps; it takes the allocator's locks and is safe from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
