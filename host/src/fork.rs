//! Copy-on-write linear memories for contexts started from a snapshot.
//!
//! Wasmtime asks a [`MemoryCreator`] for each memory of the forking engines (see `image.rs`). This one reuses a
//! parked memory of the snapshot (below), or maps the snapshot's sealed file `MAP_PRIVATE` over the start of a
//! fresh reservation: two `mmap`s whatever the heap's size, and pages are copied only when the context writes
//! them. The forking
//! engine runs a variant of the image without data segments, so instantiation writes nothing into that memory.
//!
//! When such a context closes, its memory is reset to the snapshot's state and parked with the snapshot for the
//! next fork: the pages it wrote (found with `PAGEMAP_SCAN`, see `pagemap.rs`) are copied back from the
//! snapshot and stay resident, up to `KEEP_RESIDENT` bytes, and the rest are dropped. So a snapshot used for
//! one call after another (per-call sandboxes) takes no page faults on its hot pages, and a reset costs the
//! pages forks have written (those kept resident stay private copies, so each reset copies them again), not
//! the heap's size. A memory is parked only when the scan succeeded; otherwise it is
//! unmapped.
//!
//! Which snapshot a new memory belongs to is not something wasmtime passes along, so [`forking`] names it in a
//! thread-local for the duration of one instantiation.

use std::cell::RefCell;
use std::io;
use std::os::fd::AsRawFd;
use std::ptr;
use std::sync::Arc;

use wasmtime::{LinearMemory, MemoryCreator, MemoryType};

use crate::pagemap;
use crate::pages::KEEP_RESIDENT;
use crate::reservation::Reservation;
use crate::snapshot::Shared;

thread_local! {
    /// The snapshot whose context this thread is instantiating.
    static PENDING: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
}

/// Runs `instantiate` with memories created for `snapshot`.
pub fn forking<R>(snapshot: &Arc<Shared>, instantiate: impl FnOnce() -> R) -> R {
    /// Puts back what `PENDING` held before, even if instantiation panics, so the snapshot is not kept alive.
    struct Restore(Option<Arc<Shared>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            let _ = PENDING.try_with(|pending| pending.replace(previous));
        }
    }
    let _restore = Restore(PENDING.with(|pending| pending.replace(Some(Arc::clone(snapshot)))));
    instantiate()
}

/// The forking engine's memory creator.
pub struct ForkMemories;

// SAFETY: every memory it returns is a reservation of `reserved + guard` bytes, of which exactly the first
// `byte_size()` are readable and writable, and that nothing but the memory's owner touches. The memories are not
// zero-filled, as the trait asks, but hold the snapshot: that is their purpose, and it is sound because the
// forking engines run a module without data segments, so wasmtime neither writes into them nor builds a memory
// image for them.
unsafe impl MemoryCreator for ForkMemories {
    fn new_memory(
        &self,
        _ty: MemoryType,
        minimum: usize,
        maximum: Option<usize>,
        reserved_size_in_bytes: Option<usize>,
        guard_size_in_bytes: usize,
    ) -> Result<Box<dyn LinearMemory>, String> {
        let snapshot = PENDING
            .try_with(|pending| pending.borrow().clone())
            .ok()
            .flatten()
            .ok_or("a memory was requested outside of a fork")?;
        let len = snapshot.view.len;
        if len < minimum || maximum.is_some_and(|maximum| len > maximum) {
            return Err(format!("the snapshot's memory ({len} bytes) does not fit the image's memory type"));
        }
        // The engine's settings (`config.rs`) always ask for a fixed reservation, which compiled code relies on.
        let reserved = reserved_size_in_bytes.ok_or("the engine asked for a memory without a fixed reservation")?;
        if len > reserved {
            return Err(format!("the snapshot's memory ({len} bytes) is larger than a memory reservation"));
        }
        let parked = snapshot.parked.take(reserved, guard_size_in_bytes);
        let reservation = match parked {
            Some(reservation) => reservation,
            None => Reservation::map(snapshot.file.as_raw_fd(), len, reserved, guard_size_in_bytes)
                .map_err(|e| e.to_string())?,
        };
        Ok(Box::new(ForkMemory { reservation: Some(reservation), accessible: len, snapshot }))
    }
}

/// A context's linear memory: a reservation, of which the first `accessible` bytes are in use.
struct ForkMemory {
    /// Always `Some` until the memory is dropped.
    reservation: Option<Reservation>,
    accessible: usize,
    snapshot: Arc<Shared>,
}

impl ForkMemory {
    fn reservation(&self) -> &Reservation {
        self.reservation.as_ref().expect("a live memory has its reservation")
    }

    /// Puts every byte of `reservation` (this memory's, taken out of it as it is dropped) back to the snapshot's
    /// state and the size back to the snapshot's, so that it can serve another fork.
    fn reset(&self, reservation: &Reservation) -> io::Result<()> {
        let len = self.snapshot.view.len;
        reservation.advise(len..self.accessible, libc::MADV_DONTNEED)?;
        reservation.protect(len..self.accessible, libc::PROT_NONE)?;
        let start = reservation.start as usize;
        let source = self.snapshot.view.bytes();
        let mut kept = 0;
        let mut outcome = Ok(());
        pagemap::written_pages(start..start + len, |run| {
            let offset = run.start - start;
            if kept + run.len() <= KEEP_RESIDENT {
                kept += run.len();
                // SAFETY: the run is inside both the memory (written pages of `start..start + len`) and the
                // snapshot view, which is `len` bytes long; no wasm code runs on a memory being dropped.
                unsafe { ptr::copy_nonoverlapping(source.as_ptr().add(offset), run.start as *mut u8, run.len()) };
            } else if outcome.is_ok() {
                // Dropping a private copy brings back the file's page on next use.
                outcome = reservation.advise(offset..offset + run.len(), libc::MADV_DONTNEED);
            }
        })?;
        outcome
    }
}

// SAFETY: see `ForkMemories`.
unsafe impl LinearMemory for ForkMemory {
    fn byte_size(&self) -> usize {
        self.accessible
    }

    fn byte_capacity(&self) -> usize {
        self.reservation().reserved
    }

    fn grow_to(&mut self, new_size: usize) -> wasmtime::Result<()> {
        if new_size > self.accessible {
            self.reservation().protect(self.accessible..new_size, libc::PROT_READ | libc::PROT_WRITE)?;
            self.accessible = new_size;
        }
        Ok(())
    }

    fn as_ptr(&self) -> *mut u8 {
        self.reservation().start
    }
}

impl Drop for ForkMemory {
    fn drop(&mut self) {
        if let Some(reservation) = self.reservation.take() {
            if self.reset(&reservation).is_ok() {
                self.snapshot.parked.put(reservation);
            }
        }
    }
}
