//! Address-space reservations that hold a snapshot's memory copy-on-write, and the list of reset ones each
//! snapshot keeps for its next forks (see `fork.rs`).

use std::io;
use std::ops::Range;
use std::os::fd::RawFd;
use std::ptr;
use std::sync::Mutex;

/// Reset memories each snapshot keeps for its next forks: enough for as many threads forking it at once.
const MAX_PARKED: usize = 8;

/// Reset memories of one snapshot, ready for its next forks.
#[derive(Default)]
pub struct Parked(Mutex<Vec<Reservation>>);

impl Parked {
    /// A parked reservation of exactly this shape, if one is waiting.
    pub fn take(&self, reserved: usize, guard: usize) -> Option<Reservation> {
        let mut parked = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let index = parked.iter().rposition(|r| r.reserved == reserved && r.guard == guard)?;
        Some(parked.swap_remove(index))
    }

    /// Keeps `reservation` for a later fork, or drops it when enough are kept.
    pub fn put(&self, reservation: Reservation) {
        let mut parked = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if parked.len() < MAX_PARKED {
            parked.push(reservation);
        }
    }
}

/// An address range of `reserved + guard` bytes whose first bytes map a file copy-on-write; the rest is
/// inaccessible until the memory grows into it.
pub struct Reservation {
    pub start: *mut u8,
    pub reserved: usize,
    pub guard: usize,
}

// SAFETY: the reservation is plain memory owned by one memory (or one parking list) at a time.
unsafe impl Send for Reservation {}
// SAFETY: what wasmtime reaches through a shared reference (`byte_size`, `byte_capacity`, `as_ptr`) only reads
// fields; protections and contents change only through `&mut ForkMemory` (growing) or when it is dropped.
unsafe impl Sync for Reservation {}

impl Reservation {
    /// A new reservation whose first `len` bytes map the file `fd` `MAP_PRIVATE`.
    pub fn map(fd: RawFd, len: usize, reserved: usize, guard: usize) -> io::Result<Reservation> {
        let total = reserved.checked_add(guard).ok_or_else(|| io::Error::other("the reservation overflows"))?;
        if len > reserved {
            return Err(io::Error::other("the file is larger than the reservation"));
        }
        // SAFETY: a new inaccessible mapping that nothing else refers to; the result is checked.
        let start = unsafe {
            libc::mmap(
                ptr::null_mut(),
                total,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if start == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let reservation = Reservation { start: start.cast(), reserved, guard };
        // SAFETY: replaces the first `len <= reserved` bytes of the reservation just made.
        let mapped = unsafe {
            libc::mmap(start, len, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_FIXED, fd, 0)
        };
        if mapped == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(reservation)
    }

    /// `madvise(advice)` on `range` (offsets into the reservation).
    pub fn advise(&self, range: Range<usize>, advice: libc::c_int) -> io::Result<()> {
        // SAFETY: `on` passes a range inside the reservation, which only this reservation's owner uses.
        self.on(range, |at, len| unsafe { libc::madvise(at, len, advice) })
    }

    /// `mprotect(protection)` on `range` (offsets into the reservation).
    pub fn protect(&self, range: Range<usize>, protection: libc::c_int) -> io::Result<()> {
        // SAFETY: as in `advise`.
        self.on(range, |at, len| unsafe { libc::mprotect(at, len, protection) })
    }

    /// Runs a memory-management call on `range`, checked to lie inside the reservation.
    fn on(&self, range: Range<usize>, call: impl FnOnce(*mut libc::c_void, usize) -> libc::c_int) -> io::Result<()> {
        if range.is_empty() {
            return Ok(());
        }
        if range.end > self.reserved {
            return Err(io::Error::other("a range outside the memory's reservation"));
        }
        // SAFETY: `range.start < self.reserved`, inside the mapping.
        let at = unsafe { self.start.add(range.start) };
        if call(at.cast(), range.len()) != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `map`, unmapped once, when no memory uses it.
        unsafe { libc::munmap(self.start.cast(), self.reserved + self.guard) };
    }
}
