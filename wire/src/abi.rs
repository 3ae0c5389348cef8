//! The guest interface, declared once: every function the guest exports for the host to call, and every
//! function it imports from the host. The guest's `extern "C"` items carry these names, the host looks its
//! exports up and defines its imports by them, and a host test checks the real image against this table,
//! names and wasm types both. The table below is checked against the constants by this module's tests.
//!
//! | module                   | function              | params              | results | does |
//! |--------------------------|-----------------------|---------------------|---------|------|
//! | export                   | `_initialize`         |                     |         | runs static constructors (build time only) |
//! | export                   | `jscell_init`         |                     |         | creates the JS runtime and contexts (build time only) |
//! | export                   | `jscell_reserve`      | i32                 | i32     | the input buffer, with room for `len` bytes; 0 when memory is exhausted |
//! | export                   | `jscell_seed`         | i64                 |         | reseeds `Math.random` (the host seeds WASI's random bytes itself) |
//! | export                   | `jscell_eval`         | i32 i32 i32         | i64     | runs `input[name_len..len]` as JS source, with [`crate::flags`]; `input[..name_len]` names its file |
//! | export                   | `jscell_call`         | i32 i32 i32         | i64     | calls the function at the dotted path `input[..path_len]` with the encoded arguments `input[path_len..len]` |
//! | export                   | `jscell_global`       | i32 i32 i32         | i64     | one [`crate::global_op`] on the global `input[..name_len]`; a value to set follows |
//! | export                   | `jscell_define`       | i32 i32             | i64     | makes `input[..name_len]` a global function that calls host callback `id` |
//! | export                   | `jscell_reply`        | i32                 | i32     | the callback reply buffer, with room for `len` bytes (only during `jscell.callback`) |
//! | export                   | `jscell_gc`           |                     |         | runs the JS garbage collector |
//! | export                   | `jscell_heap_stats`   |                     | i64     | QuickJS's memory usage numbers, as an object |
//! | export                   | `jscell_set_limits`   | i32 i32             |         | QuickJS's heap and stack limits in bytes; 0 keeps the current one |
//! | export                   | `jscell_hook_data`    | i32                 | i64     | one [`crate::hook_op`] on the data `$storeResult`/`$terminate` stored |
//! | `jscell`                 | `interrupt_requested` |                     | i32     | nonzero when the host wants running JS stopped; QuickJS polls it |
//! | `jscell`                 | `sleep`               | f64                 | i32     | waits `ms` for a timer; nonzero when the host stopped the wait instead |
//! | `jscell`                 | `callback`            | i32 i32 i32         | i32     | runs host callback `id` with the encoded argument array at `ptr`, `len`; the host writes its reply through `jscell_reply`; nonzero when it could not |
//! | `jscell`                 | `console`             | i32 i32 i32         |         | one console message: `level`, then `len` bytes of WTF-8 at `ptr` |
//! | `wasi_snapshot_preview1` | `random_get`          | i32 i32             | i32     | random bytes (seeded per context) |
//! | `wasi_snapshot_preview1` | `clock_time_get`      | i32 i64 i32         | i32     | the clock |
//! | `wasi_snapshot_preview1` | `environ_get`         | i32 i32             | i32     | no environment |
//! | `wasi_snapshot_preview1` | `environ_sizes_get`   | i32 i32             | i32     | no environment |
//! | `wasi_snapshot_preview1` | `fd_close`            | i32                 | i32     | `EBADF`: there are no files |
//! | `wasi_snapshot_preview1` | `fd_fdstat_get`       | i32 i32             | i32     | `EBADF` |
//! | `wasi_snapshot_preview1` | `fd_seek`             | i32 i64 i32 i32     | i32     | `EBADF` |
//! | `wasi_snapshot_preview1` | `fd_write`            | i32 i32 i32 i32     | i32     | `EBADF` |
//! | `wasi_snapshot_preview1` | `proc_exit`           | i32                 |         | traps: the sandbox stops |
//!
//! The guest also exports its linear memory as `memory`.
//!
//! # Memory ownership
//!
//! - The guest owns every buffer. `jscell_reserve` returns the input buffer's address; the host writes its
//!   request there and must call `jscell_reserve` again before writing more bytes than it last asked for (the
//!   buffer may move then, and only then).
//! - Every `-> i64` export answers through the guest's output buffer and returns `(address << 32) | length`.
//!   The answer stays valid until the next export call; the host copies it out before that.
//! - An answer is one [`crate::Status`] byte and its payload, encoded as the crate documentation describes.
//! - Imports that take `(ptr, len)` read those bytes during the call and keep nothing.
//!
//! # Failure
//!
//! No export aborts on bad input: every problem comes back in the answer (`Status::Invalid` for a malformed
//! request). The guest can still trap when the host's limits stop it or its allocator cannot grow; the host
//! then treats the whole instance as dead and never calls it again.

/// A wasm value type in a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
}

/// One function of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Function {
    /// The import module, or [`EXPORT`] for a function the guest exports.
    pub module: &'static str,
    /// The function's name.
    pub name: &'static str,
    /// Its parameter types.
    pub params: &'static [Ty],
    /// Its result types.
    pub results: &'static [Ty],
}

/// The `module` of exported functions.
pub const EXPORT: &str = "export";
/// The module of jscell's own imports.
pub const HOST: &str = "jscell";
/// The module of the WASI preview 1 imports.
pub const WASI: &str = "wasi_snapshot_preview1";
/// The name of the guest's exported linear memory.
pub const MEMORY: &str = "memory";

use Ty::{F64, I32, I64};

const fn f(module: &'static str, name: &'static str, params: &'static [Ty], results: &'static [Ty]) -> Function {
    Function { module, name, params, results }
}

/// Runs the static constructors; the build calls it once, before `jscell_init`.
pub const INITIALIZE: Function = f(EXPORT, "_initialize", &[], &[]);
/// Creates the JS runtime and contexts; the build calls it once and snapshots the result.
pub const INIT: Function = f(EXPORT, "jscell_init", &[], &[]);
/// `(len) -> address`: the input buffer with room for `len` bytes, or 0.
pub const RESERVE: Function = f(EXPORT, "jscell_reserve", &[I32], &[I32]);
/// `(seed)`: reseeds the guest's random numbers.
pub const SEED: Function = f(EXPORT, "jscell_seed", &[I64], &[]);
/// `(flags, name_len, len) -> answer`: runs source, named by a file name.
pub const EVAL: Function = f(EXPORT, "jscell_eval", &[I32, I32, I32], &[I64]);
/// `(flags, path_len, len) -> answer`: calls a function by its dotted path.
pub const CALL: Function = f(EXPORT, "jscell_call", &[I32, I32, I32], &[I64]);
/// `(op, name_len, len) -> answer`: one operation on a global.
pub const GLOBAL: Function = f(EXPORT, "jscell_global", &[I32, I32, I32], &[I64]);
/// `(id, name_len) -> answer`: defines a global function that calls a host callback.
pub const DEFINE: Function = f(EXPORT, "jscell_define", &[I32, I32], &[I64]);
/// `(len) -> address`: the callback reply buffer, or 0.
pub const REPLY: Function = f(EXPORT, "jscell_reply", &[I32], &[I32]);
/// `()`: runs the garbage collector.
pub const GC: Function = f(EXPORT, "jscell_gc", &[], &[]);
/// `() -> answer`: QuickJS's memory numbers.
pub const HEAP_STATS: Function = f(EXPORT, "jscell_heap_stats", &[], &[I64]);
/// `(memory, stack)`: QuickJS's limits.
pub const SET_LIMITS: Function = f(EXPORT, "jscell_set_limits", &[I32, I32], &[]);
/// `(op) -> answer`: reads or clears the hook data.
pub const HOOK_DATA: Function = f(EXPORT, "jscell_hook_data", &[I32], &[I64]);

/// `() -> stop`: whether running JS must stop.
pub const INTERRUPT_REQUESTED: Function = f(HOST, "interrupt_requested", &[], &[I32]);
/// `(ms) -> stopped`: waits for a timer.
pub const SLEEP: Function = f(HOST, "sleep", &[F64], &[I32]);
/// `(id, ptr, len) -> failed`: runs a host callback.
pub const CALLBACK: Function = f(HOST, "callback", &[I32, I32, I32], &[I32]);
/// `(level, ptr, len)`: one console message.
pub const CONSOLE: Function = f(HOST, "console", &[I32, I32, I32], &[]);

/// WASI `random_get(buf, len) -> errno`.
pub const RANDOM_GET: Function = f(WASI, "random_get", &[I32, I32], &[I32]);
/// WASI `clock_time_get(id, precision, out) -> errno`.
pub const CLOCK_TIME_GET: Function = f(WASI, "clock_time_get", &[I32, I64, I32], &[I32]);
/// WASI `environ_get(environ, buf) -> errno`.
pub const ENVIRON_GET: Function = f(WASI, "environ_get", &[I32, I32], &[I32]);
/// WASI `environ_sizes_get(count, size) -> errno`.
pub const ENVIRON_SIZES_GET: Function = f(WASI, "environ_sizes_get", &[I32, I32], &[I32]);
/// WASI `fd_close(fd) -> errno`.
pub const FD_CLOSE: Function = f(WASI, "fd_close", &[I32], &[I32]);
/// WASI `fd_fdstat_get(fd, out) -> errno`.
pub const FD_FDSTAT_GET: Function = f(WASI, "fd_fdstat_get", &[I32, I32], &[I32]);
/// WASI `fd_seek(fd, offset, whence, out) -> errno`.
pub const FD_SEEK: Function = f(WASI, "fd_seek", &[I32, I64, I32, I32], &[I32]);
/// WASI `fd_write(fd, iovs, len, out) -> errno`.
pub const FD_WRITE: Function = f(WASI, "fd_write", &[I32, I32, I32, I32], &[I32]);
/// WASI `proc_exit(code)`: never returns.
pub const PROC_EXIT: Function = f(WASI, "proc_exit", &[I32], &[]);

/// The exports only the build calls, before it pre-initialises the guest; the image it writes no longer has
/// them (Wizer removes its initialisation functions).
pub const BUILD_ONLY: [Function; 2] = [INITIALIZE, INIT];

/// Every export, in the order of the table above.
pub const EXPORTS: [Function; 13] =
    [INITIALIZE, INIT, RESERVE, SEED, EVAL, CALL, GLOBAL, DEFINE, REPLY, GC, HEAP_STATS, SET_LIMITS, HOOK_DATA];

/// Every import, in the order of the table above.
pub const IMPORTS: [Function; 13] = [
    INTERRUPT_REQUESTED,
    SLEEP,
    CALLBACK,
    CONSOLE,
    RANDOM_GET,
    CLOCK_TIME_GET,
    ENVIRON_GET,
    ENVIRON_SIZES_GET,
    FD_CLOSE,
    FD_FDSTAT_GET,
    FD_SEEK,
    FD_WRITE,
    PROC_EXIT,
];

/// An answer's address and length, packed into the `i64` the answering exports return.
pub fn pack_answer(address: u32, len: u32) -> u64 {
    (u64::from(address) << 32) | u64::from(len)
}

/// The address and length of a packed answer.
pub fn unpack_answer(packed: u64) -> (u32, u32) {
    ((packed >> 32) as u32, packed as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the table in this module's documentation, as (module, name, params, results).
    fn documented() -> Vec<(String, String, String, String)> {
        include_str!("abi.rs")
            .lines()
            .filter_map(|line| line.strip_prefix("//! | "))
            .map(|row| row.split('|').map(|cell| cell.trim().trim_matches('`').to_string()).collect::<Vec<_>>())
            .filter(|cells| cells.len() >= 4 && cells[0] != "module" && !cells[0].starts_with('-'))
            .map(|cells| (cells[0].clone(), cells[1].clone(), cells[2].clone(), cells[3].clone()))
            .collect()
    }

    fn types(types: &[Ty]) -> String {
        let names: Vec<&str> = types
            .iter()
            .map(|ty| match ty {
                Ty::I32 => "i32",
                Ty::I64 => "i64",
                Ty::F64 => "f64",
            })
            .collect();
        names.join(" ")
    }

    #[test]
    fn the_documented_table_is_the_declared_one() {
        let declared: Vec<_> = EXPORTS
            .iter()
            .chain(IMPORTS.iter())
            .map(|f| (f.module.to_string(), f.name.to_string(), types(f.params), types(f.results)))
            .collect();
        assert_eq!(documented(), declared);
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = EXPORTS.iter().chain(IMPORTS.iter()).map(|f| (f.module, f.name)).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), EXPORTS.len() + IMPORTS.len());
    }

    #[test]
    fn answers_pack_and_unpack() {
        assert_eq!(unpack_answer(pack_answer(0x1234_5678, 9)), (0x1234_5678, 9));
        assert_eq!(unpack_answer(pack_answer(u32::MAX, u32::MAX)), (u32::MAX, u32::MAX));
    }
}
