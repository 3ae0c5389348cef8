//! The host's functions, as the guest calls them (declared in `jscell_wire::abi`), and whether the host has
//! asked this request's JS to stop.

use std::cell::Cell;

use crate::local::Local;

#[link(wasm_import_module = "jscell")]
extern "C" {
    #[link_name = "interrupt_requested"]
    fn host_interrupt_requested() -> i32;
    #[link_name = "console"]
    fn host_console(level: u32, ptr: *const u8, len: u32);
    #[link_name = "sleep"]
    fn host_sleep(milliseconds: f64) -> i32;
    #[link_name = "callback"]
    fn host_callback(id: i32, ptr: *const u8, len: u32) -> i32;
}

/// Whether the host asked the current request to stop (its answer to a poll or a sleep). Reset by [`start`].
static STOP_REQUESTED: Local<Cell<bool>> = Local::new(Cell::new(false));

/// Forgets a stop request of an earlier request; called as each request starts.
pub fn start() {
    STOP_REQUESTED.get().set(false);
}

/// Whether the host asked this request's JS to stop. The exception such a stop leaves is then a stop, whatever
/// its text says.
pub fn stop_requested() -> bool {
    STOP_REQUESTED.get().get()
}

/// Whether the running JS must stop: `$terminate` ran, or the host wants it stopped. QuickJS's interrupt handler
/// calls this.
pub fn interrupt_requested() -> bool {
    if crate::hooks::terminated() {
        return true;
    }
    // SAFETY: a plain host function with no arguments; it never re-enters the guest.
    let stop = unsafe { host_interrupt_requested() != 0 };
    if stop {
        STOP_REQUESTED.get().set(true);
    }
    stop
}

/// Sleeps until the next timer is due; true when the host stopped the wait (time limit, interrupt).
pub fn sleep(milliseconds: f64) -> bool {
    // SAFETY: a plain host function; it never re-enters the guest.
    let stopped = unsafe { host_sleep(milliseconds) != 0 };
    if stopped {
        STOP_REQUESTED.get().set(true);
    }
    stopped
}

/// Calls host callback `id` with the encoded arguments; the host writes its reply through `jscell_reply`.
/// False when the host could not run it at all.
pub fn callback(id: i32, args: &[u8]) -> bool {
    // SAFETY: the host reads `len` bytes at `ptr` during the call and keeps nothing.
    unsafe { host_callback(id, args.as_ptr(), args.len() as u32) == 0 }
}

/// Hands one console message (WTF-8) to the host, at a `jscell_wire::console_level`.
pub fn console(level: u32, text: &[u8]) {
    // SAFETY: the host reads `len` bytes at `ptr` during the call and keeps nothing.
    unsafe { host_console(level, text.as_ptr(), text.len() as u32) }
}
