//! Page sizes, and how much of a closed context's memory stays resident for the next one.

/// The host's page: the unit of copy-on-write, `madvise` and the zero-page scan of snapshots.
pub const PAGE_SIZE: usize = 4096;

/// The unit wasm memories grow by; a snapshot's memory is a whole number of them.
pub const WASM_PAGE: usize = 64 << 10;

/// At most this many written bytes of a closed context's memory (and of its function table) are reset in
/// place and kept resident, so the next context in that memory takes no page faults for them; the rest is
/// given back to the kernel. A context typically writes 15-30 pages.
pub const KEEP_RESIDENT: usize = 1 << 20;
