//! The WASI preview 1 functions the guest imports, implemented here with no ambient authority.
//!
//! The guest sees no files, no directories, no environment variables, no arguments and no sockets: every
//! file-descriptor call fails with `EBADF`, and there is nothing else it could name. What it does get, on
//! purpose, is a clock (for `Date`) and random bytes (seeded per context, so `random_seed` makes them
//! reproducible). `proc_exit` stops the instance with a trap.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use jscell_wire::abi;
use wasmtime::{Caller, Extern, Linker};

const ERRNO_SUCCESS: i32 = 0;
const ERRNO_BADF: i32 = 8;
const ERRNO_FAULT: i32 = 21;
const ERRNO_INVAL: i32 = 28;
const CLOCK_REALTIME: i32 = 0;

/// Per-context WASI state: the random source behind `random_get`.
pub struct Wasi {
    random: u64,
}

impl Wasi {
    /// State whose random bytes follow from `seed`.
    pub fn new(seed: u64) -> Wasi {
        Wasi { random: seed }
    }

    /// The next 8 random bytes.
    fn next(&mut self) -> u64 {
        jscell_wire::splitmix64(&mut self.random)
    }
}

/// Defines every import of the guest in `linker`; `wasi` finds the state in a store's data.
///
/// # Errors
/// When a name is already defined in `linker`.
pub fn add_to_linker<T: 'static>(linker: &mut Linker<T>, wasi: fn(&mut T) -> &mut Wasi) -> wasmtime::Result<()> {
    linker.func_wrap(abi::WASI, abi::RANDOM_GET.name, move |mut caller: Caller<'_, T>, ptr: i32, len: i32| {
        let mut bytes = vec![0u8; len as u32 as usize];
        for chunk in bytes.chunks_mut(8) {
            let word = wasi(caller.data_mut()).next().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        write_memory(&mut caller, ptr, &bytes)
    })?;
    linker.func_wrap(abi::WASI, abi::ENVIRON_GET.name, |_: Caller<'_, T>, _environ: i32, _buf: i32| ERRNO_SUCCESS)?;
    linker.func_wrap(abi::WASI, abi::ENVIRON_SIZES_GET.name, |mut caller: Caller<'_, T>, count: i32, size: i32| {
        match write_memory(&mut caller, count, &0u32.to_le_bytes()) {
            ERRNO_SUCCESS => write_memory(&mut caller, size, &0u32.to_le_bytes()),
            errno => errno,
        }
    })?;
    linker.func_wrap(
        abi::WASI,
        abi::CLOCK_TIME_GET.name,
        |mut caller: Caller<'_, T>, id: i32, _precision: i64, out: i32| {
            let Some(nanos) = clock_nanos(id) else { return ERRNO_INVAL };
            write_memory(&mut caller, out, &nanos.to_le_bytes())
        },
    )?;
    linker.func_wrap(abi::WASI, abi::FD_CLOSE.name, |_: Caller<'_, T>, _fd: i32| ERRNO_BADF)?;
    linker.func_wrap(abi::WASI, abi::FD_FDSTAT_GET.name, |_: Caller<'_, T>, _fd: i32, _out: i32| ERRNO_BADF)?;
    linker.func_wrap(
        abi::WASI,
        abi::FD_SEEK.name,
        |_: Caller<'_, T>, _fd: i32, _offset: i64, _whence: i32, _out: i32| ERRNO_BADF,
    )?;
    linker.func_wrap(
        abi::WASI,
        abi::FD_WRITE.name,
        |_: Caller<'_, T>, _fd: i32, _iovs: i32, _len: i32, _out: i32| ERRNO_BADF,
    )?;
    linker.func_wrap(abi::WASI, abi::PROC_EXIT.name, |_: Caller<'_, T>, code: i32| -> wasmtime::Result<()> {
        wasmtime::bail!("the sandbox called proc_exit({code})")
    })?;
    Ok(())
}

/// Nanoseconds on the clock `id`: wall time for the realtime clock, time since the first use for the others.
fn clock_nanos(id: i32) -> Option<u64> {
    static START: OnceLock<Instant> = OnceLock::new();
    match id {
        CLOCK_REALTIME => Some(SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_nanos() as u64),
        1..=3 => Some(START.get_or_init(Instant::now).elapsed().as_nanos() as u64),
        _ => None,
    }
}

/// Copies `bytes` into guest memory at `ptr`, or answers `EFAULT` when that range is not inside it.
fn write_memory<T>(caller: &mut Caller<'_, T>, ptr: i32, bytes: &[u8]) -> i32 {
    let Some(Extern::Memory(memory)) = caller.get_export(abi::MEMORY) else { return ERRNO_FAULT };
    let start = ptr as u32 as usize;
    let Some(target) = memory.data_mut(caller).get_mut(start..start.saturating_add(bytes.len())) else {
        return ERRNO_FAULT;
    };
    target.copy_from_slice(bytes);
    ERRNO_SUCCESS
}
