//! Runs guest calls on a native stack big enough for them, whatever stack the calling thread has.
//!
//! QuickJS recurses natively far more than it uses of the shadow stack its own check watches, so the guest may
//! use up to `config::MAX_WASM_STACK` (12 MiB) of native stack, and wasmtime traps if it tries to use more. A
//! Python thread has 8 MiB at best, and a thread made with `threading.stack_size()` may have far less. So a call
//! that would not fit runs on a stack of jscell's own instead: mapped once per thread on first use (only the
//! pages a call touches become resident, and a guard page sits below it), kept for that thread's later calls,
//! and unmapped when the thread ends. A call made while one is already running on such a stack with room to
//! spare runs in place; one without room gets a stack of its own.
//!
//! Switching stacks costs tens of nanoseconds; wasmtime's own fibers (its `async` support) did the same job at
//! about 400 ns per call, which was most of a small call's cost.

use std::cell::RefCell;
use std::io;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::ptr;

use crate::config::CALL_STACK;
use crate::pages::PAGE_SIZE;

/// One guard page below each stack: running off its end faults instead of writing over other memory.
const GUARD: usize = PAGE_SIZE;

thread_local! {
    /// Stacks of this thread that no call is using.
    static SPARE: RefCell<Vec<CallStack>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with at least `CALL_STACK` bytes of native stack available.
///
/// # Errors
/// When a new stack cannot be mapped (the process is out of address space).
pub fn with_call_stack<R>(f: impl FnOnce() -> R) -> io::Result<R> {
    if stacker::remaining_stack().is_some_and(|left| left >= CALL_STACK) {
        return Ok(f());
    }
    let stack = match SPARE.with(|spare| spare.borrow_mut().pop()) {
        Some(stack) => stack,
        None => CallStack::map()?,
    };
    // SAFETY: `stack` is a live, page-aligned mapping of `CALL_STACK` writable bytes above a guard page, used
    // by nothing else until it goes back to SPARE; the callback cannot unwind through the switch, because
    // `catch_unwind` stops any panic inside it.
    let outcome = unsafe { psm::on_stack(stack.base(), CALL_STACK, || catch_unwind(AssertUnwindSafe(f))) };
    SPARE.with(|spare| spare.borrow_mut().push(stack));
    Ok(outcome.unwrap_or_else(|panic| resume_unwind(panic)))
}

/// A private anonymous mapping: a guard page, then `CALL_STACK` bytes of stack.
struct CallStack {
    start: *mut u8,
}

impl CallStack {
    fn map() -> io::Result<CallStack> {
        let len = GUARD + CALL_STACK;
        // SAFETY: a fresh anonymous mapping that nothing else refers to; its result is checked.
        let start = unsafe {
            libc::mmap(
                ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
                -1,
                0,
            )
        };
        if start == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let stack = CallStack { start: start.cast() };
        // SAFETY: the first page of the mapping just made.
        if unsafe { libc::mprotect(start, GUARD, libc::PROT_NONE) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(stack)
    }

    /// The lowest address of the usable stack (it grows down from `base + CALL_STACK`).
    fn base(&self) -> *mut u8 {
        // SAFETY: within the mapping: it is `GUARD + CALL_STACK` bytes long.
        unsafe { self.start.add(GUARD) }
    }
}

impl Drop for CallStack {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `map`, unmapped once, when no call runs on it.
        unsafe { libc::munmap(self.start.cast(), GUARD + CALL_STACK) };
    }
}
