//! Snapshots: a context's whole state (its linear memory: QuickJS's heap, the atom table, the guest's own
//! state), captured between calls, and its byte format.
//!
//! The memory is kept in a sealed in-memory file. Contexts started from the snapshot map that file
//! copy-on-write (see `fork.rs`), so starting one does not copy the heap, and its pages are shared until it
//! writes them. Host-side settings (limits, console, registered functions) are not part of a snapshot: each
//! context started from it brings its own.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::fs::FileExt;
use std::ptr;
use std::sync::Arc;

use crate::error::Error;
use crate::pages::{PAGE_SIZE, WASM_PAGE};
use crate::reservation::Parked;

/// The first bytes of serialized snapshots, and the format's version.
const SNAPSHOT_MAGIC: &[u8; 8] = b"JSCELLSN";
const SNAPSHOT_VERSION: u32 = 1;

/// The length of the serialized header: magic, version, image identity, memory length.
const HEADER_LEN: usize = SNAPSHOT_MAGIC.len() + 4 + 8 + 8;

/// How often sealing is retried while the kernel reports a page of the file as busy (see `seal`).
const SEAL_ATTEMPTS: u32 = 100;

/// The largest memory a snapshot may hold: all that wasm32 addresses.
const MAX_MEMORY: usize = 4 << 30;

/// A context's state, captured between calls. Cloning it is cheap: clones share the memory.
#[derive(Clone)]
pub struct Snapshot {
    shared: Arc<Shared>,
}

/// What a snapshot and every context started from it share.
pub(crate) struct Shared {
    /// The captured memory, sealed so that it can never change.
    pub file: File,
    /// A read-only view of `file`.
    pub view: View,
    /// Whether the memory came from snapshot bytes (directly or through contexts started from such a snapshot):
    /// its contexts then run on the engine that can stop a guest that never polls.
    pub untrusted: bool,
    /// Memories of closed contexts, already reset to the snapshot's state, for the next ones (see `fork.rs`).
    pub parked: Parked,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Snapshot({} bytes)", self.len())
    }
}

impl Snapshot {
    /// A snapshot holding a copy of `memory`; `untrusted` when it came from bytes.
    ///
    /// # Errors
    /// [`Error::SnapshotStorage`] when the process cannot get the memory to keep it in.
    pub(crate) fn capture(memory: &[u8], untrusted: bool) -> Result<Snapshot, Error> {
        Snapshot::store(memory, untrusted).map_err(|e| Error::SnapshotStorage(e.to_string()))
    }

    fn store(memory: &[u8], untrusted: bool) -> io::Result<Snapshot> {
        let file = match memory_file() {
            // Each live snapshot holds a descriptor, and the usual soft limit of 1,024 is easily reached by a
            // program that keeps many; the hard limit is the real bound, as in most runtimes that hold many.
            Err(err) if err.raw_os_error() == Some(libc::EMFILE) && raise_open_files_limit() => memory_file()?,
            other => other?,
        };
        file.set_len(memory.len() as u64)?;
        // Pages that are all zero stay holes in the file: they read as zero and take no memory until read. A fresh context
        // has a few megabytes of them.
        let mut offset = 0;
        while offset < memory.len() {
            let is_zero = |at: usize| memory[at..(at + PAGE_SIZE).min(memory.len())].iter().all(|&byte| byte == 0);
            let mut end = offset;
            while end < memory.len() && !is_zero(end) {
                end += PAGE_SIZE;
            }
            if end > offset {
                let end = end.min(memory.len());
                file.write_all_at(&memory[offset..end], offset as u64)?;
                offset = end;
            } else {
                offset += PAGE_SIZE;
            }
        }
        seal(&file)?;
        let view = View::map(&file, memory.len())?;
        Ok(Snapshot { shared: Arc::new(Shared { file, view, untrusted, parked: Parked::default() }) })
    }

    /// What the contexts started from this snapshot share with it.
    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// The captured memory.
    pub fn memory(&self) -> &[u8] {
        self.shared.view.bytes()
    }

    /// The snapshot as bytes: a magic, the format version, the identity of the guest image it belongs to, the
    /// memory's length, then the memory.
    pub fn to_bytes(&self) -> Vec<u8> {
        let memory = self.memory();
        let mut bytes = Vec::with_capacity(HEADER_LEN + memory.len());
        bytes.extend_from_slice(SNAPSHOT_MAGIC);
        bytes.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&image_id().to_le_bytes());
        bytes.extend_from_slice(&(memory.len() as u64).to_le_bytes());
        bytes.extend_from_slice(memory);
        bytes
    }

    /// A snapshot from [`Snapshot::to_bytes`]. The bytes are untrusted: the header is checked here, and the
    /// memory can at worst make the contexts started from it fail with typed errors (it only ever runs inside
    /// their sandbox).
    ///
    /// # Errors
    /// [`Error::InvalidSnapshot`] for bytes that are not a snapshot of this build.
    pub fn from_bytes(bytes: &[u8]) -> Result<Snapshot, Error> {
        let invalid = |why: &str| Error::InvalidSnapshot(why.to_string());
        let rest =
            bytes.strip_prefix(SNAPSHOT_MAGIC).ok_or_else(|| invalid("these bytes are not a jscell snapshot"))?;
        let (version, rest) = rest.split_first_chunk::<4>().ok_or_else(|| invalid("the header is cut short"))?;
        if u32::from_le_bytes(*version) != SNAPSHOT_VERSION {
            return Err(invalid("the snapshot format version is not this build's"));
        }
        let (id, rest) = rest.split_first_chunk::<8>().ok_or_else(|| invalid("the header is cut short"))?;
        if u64::from_le_bytes(*id) != image_id() {
            return Err(invalid("the snapshot was made by a different jscell build"));
        }
        let (len, memory) = rest.split_first_chunk::<8>().ok_or_else(|| invalid("the header is cut short"))?;
        let len = u64::from_le_bytes(*len);
        let fits = usize::try_from(len).is_ok_and(|len| len == memory.len() && len % WASM_PAGE == 0 && len > 0);
        if !fits || memory.len() > MAX_MEMORY {
            return Err(invalid("the memory length does not match the bytes"));
        }
        Snapshot::capture(memory, true)
    }

    /// Whether the memory came from bytes (see [`Snapshot::from_bytes`]), directly or through contexts
    /// started from such a snapshot. Contexts started from it can be stopped even if their guest never polls
    /// for interrupts, at some cost in speed.
    pub fn is_untrusted(&self) -> bool {
        self.shared.untrusted
    }

    /// The size of the captured memory, in bytes.
    pub fn len(&self) -> usize {
        self.shared.view.len
    }

    /// Whether the captured memory is empty (it never is for a snapshot of a context).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Seals `file` so that its size and contents can never change again.
///
/// `F_SEAL_FUTURE_WRITE` (Linux 5.1) forbids every later write and writable mapping without waiting for the
/// writes already made: `F_SEAL_WRITE` fails with `EBUSY` while the kernel still holds any page of the file, which
/// it transiently does right after the file was written. Nothing ever mapped this file writable, so both seals
/// give the same guarantee. Older kernels get `F_SEAL_WRITE`, retried while it reports `EBUSY`.
fn seal(file: &File) -> io::Result<()> {
    let fixed = libc::F_SEAL_SHRINK | libc::F_SEAL_GROW;
    let add = |seals: libc::c_int| {
        // SAFETY: an fcntl on a descriptor the caller owns.
        if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_ADD_SEALS, seals) } == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    };
    match add(fixed | libc::F_SEAL_FUTURE_WRITE | libc::F_SEAL_SEAL) {
        Err(err) if err.raw_os_error() == Some(libc::EINVAL) => {}
        other => return other,
    }
    for _ in 1..SEAL_ATTEMPTS {
        match add(fixed | libc::F_SEAL_WRITE | libc::F_SEAL_SEAL) {
            Err(err) if err.raw_os_error() == Some(libc::EBUSY) => {
                std::thread::sleep(std::time::Duration::from_millis(1))
            }
            other => return other,
        }
    }
    add(fixed | libc::F_SEAL_WRITE | libc::F_SEAL_SEAL)
}

/// A new, empty, sealable in-memory file.
fn memory_file() -> io::Result<File> {
    // SAFETY: the name is a NUL-terminated string; the result is checked before it is used.
    let fd = unsafe { libc::memfd_create(c"jscell-snapshot".as_ptr(), libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` is a new descriptor that nothing else owns.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Raises this process's soft limit on open files to its hard limit; whether it rose.
fn raise_open_files_limit() -> bool {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: get/setrlimit with a valid `rlimit` for the current process.
    unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0
            && limit.rlim_cur < limit.rlim_max
            && libc::setrlimit(libc::RLIMIT_NOFILE, &libc::rlimit { rlim_cur: limit.rlim_max, ..limit }) == 0
    }
}

/// The identity of the guest image this library embeds (set by build.rs).
fn image_id() -> u64 {
    u64::from_str_radix(env!("JSCELL_IMAGE_ID"), 16).unwrap_or(0)
}

/// A read-only shared mapping of a whole file.
pub(crate) struct View {
    start: *const u8,
    pub len: usize,
}

// SAFETY: the mapping is read-only and its file sealed against writes, so the bytes never change; any thread
// may read them.
unsafe impl Send for View {}
// SAFETY: as above.
unsafe impl Sync for View {}

impl View {
    fn map(file: &File, len: usize) -> io::Result<View> {
        if len == 0 {
            return Ok(View { start: ptr::NonNull::dangling().as_ptr(), len });
        }
        // SAFETY: a new mapping of `len` bytes of a file that is `len` bytes long; the result is checked.
        let start = unsafe { libc::mmap(ptr::null_mut(), len, libc::PROT_READ, libc::MAP_SHARED, file.as_raw_fd(), 0) };
        if start == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(View { start: start.cast(), len })
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `len` readable bytes at `start`, unchanged for as long as the view lives.
        unsafe { std::slice::from_raw_parts(self.start, self.len) }
    }
}

impl Drop for View {
    fn drop(&mut self) {
        if self.len > 0 {
            // SAFETY: the mapping made in `map`, unmapped once.
            unsafe { libc::munmap(self.start.cast_mut().cast(), self.len) };
        }
    }
}
