//! How the process hands memory back. glibc's malloc gives each thread that
//! allocates an arena of its own and keeps what is freed in it: the pages
//! of a large org are decoded on blocking threads and freed once the app
//! has made its rows, which left some 50 MB of 100,000 invites' worth of
//! pages resident and unused. Two arenas, and a trim once a list has
//! loaded, keep the resident set close to what the rows take.

/// Cap malloc's arenas; called once at start, before any thread exists.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is
    // called before the runtime starts any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
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
