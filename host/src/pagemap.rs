//! Finds the pages of a private file mapping that its owner has written to, with Linux's `PAGEMAP_SCAN` ioctl
//! (Linux 6.7 and later).
//!
//! A write to a page of a `MAP_PRIVATE` file mapping makes the kernel give that page a private anonymous copy.
//! So the pages that may differ from the file are exactly the ones that are no longer file pages: present
//! anonymous pages, and anonymous pages swapped out. The scan walks only the page tables that exist, so its
//! cost follows the pages touched, not the size of the range.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::fd::AsRawFd;
use std::sync::{Arc, Mutex};

/// `_IOWR('f', 16, struct pm_scan_arg)` from `<linux/fs.h>`.
const PAGEMAP_SCAN: libc::c_ulong = 0xC060_6610;

/// Page categories of `<linux/fs.h>`.
const PAGE_IS_FILE: u64 = 1 << 2;
const PAGE_IS_PRESENT: u64 = 1 << 3;
const PAGE_IS_SWAPPED: u64 = 1 << 4;

/// `struct pm_scan_arg`.
#[repr(C)]
struct ScanArg {
    size: u64,
    flags: u64,
    start: u64,
    end: u64,
    walk_end: u64,
    vec: u64,
    vec_len: u64,
    max_pages: u64,
    category_inverted: u64,
    category_mask: u64,
    category_anyof_mask: u64,
    return_mask: u64,
}

/// `struct page_region`.
#[repr(C)]
#[derive(Clone, Copy, Default)]
struct PageRegion {
    start: u64,
    end: u64,
    categories: u64,
}

/// This process's `/proc/self/pagemap`. A descriptor opened before `fork()` still describes the parent's
/// address space in the child, so the file is opened again whenever the process id changes.
fn pagemap() -> io::Result<Arc<File>> {
    static PAGEMAP: Mutex<Option<(u32, Arc<File>)>> = Mutex::new(None);
    let mut cached = PAGEMAP.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let pid = std::process::id();
    match &*cached {
        Some((owner, file)) if *owner == pid => Ok(Arc::clone(file)),
        _ => {
            let file = Arc::new(File::open("/proc/self/pagemap")?);
            *cached = Some((pid, Arc::clone(&file)));
            Ok(file)
        }
    }
}

/// Calls `each` with every run of written pages in `range` of this process's address space, in order.
///
/// # Errors
/// When the kernel has no `PAGEMAP_SCAN` (before Linux 6.7) or `/proc` is not mounted: the caller must then
/// assume every page was written.
pub fn written_pages(range: Range<usize>, mut each: impl FnMut(Range<usize>)) -> io::Result<()> {
    let file = pagemap()?;
    let mut regions = [PageRegion::default(); 64];
    let mut start = range.start as u64;
    let end = range.end as u64;
    while start < end {
        let mut arg = ScanArg {
            size: size_of::<ScanArg>() as u64,
            flags: 0,
            start,
            end,
            walk_end: 0,
            vec: regions.as_mut_ptr() as u64,
            vec_len: regions.len() as u64,
            max_pages: 0,
            // Not a file page, and present or swapped out.
            category_inverted: PAGE_IS_FILE,
            category_mask: PAGE_IS_FILE,
            category_anyof_mask: PAGE_IS_PRESENT | PAGE_IS_SWAPPED,
            return_mask: PAGE_IS_PRESENT | PAGE_IS_SWAPPED,
        };
        // SAFETY: `arg` is a valid `pm_scan_arg` whose `vec` points at `regions.len()` writable regions; the
        // ioctl only reads page tables and writes `regions` and `arg.walk_end`.
        let found = unsafe { libc::ioctl(file.as_raw_fd(), PAGEMAP_SCAN, &mut arg as *mut ScanArg) };
        if found < 0 {
            return Err(io::Error::last_os_error());
        }
        for region in &regions[..found as usize] {
            each(region.start as usize..region.end as usize);
        }
        // The walk stops early only when `regions` is full; it says where to go on.
        if arg.walk_end <= start {
            return Err(io::Error::other("PAGEMAP_SCAN made no progress"));
        }
        start = arg.walk_end;
    }
    Ok(())
}
