//! Per-context limits, and how running JS is asked to stop.
//!
//! | limit           | enforced by                                                                        |
//! |-----------------|------------------------------------------------------------------------------------|
//! | time            | QuickJS's interrupt handler, polled every few thousand bytecodes and during regexp   |
//! |                 | backtracking, calls the host import `jscell.interrupt_requested`, which compares     |
//! |                 | the clock with the call's deadline. QuickJS then throws an uncatchable error.        |
//! | interruption    | the same import also reads an [`InterruptHandle`] that any thread may set.          |
//! | timers          | a call waiting for a timer sleeps in the host (`jscell.sleep`), checking the same    |
//! |                 | deadline and requests every 10 ms at most, and waking at the deadline.               |
//! | memory          | QuickJS's own allocation limit (a catchable "out of memory"), with wasmtime's        |
//! |                 | `StoreLimits` as a hard cap on linear memory a little above it.                      |
//! | stack           | QuickJS's stack check on the guest's shadow stack (a catchable `RangeError`), with   |
//! |                 | wasmtime's `max_wasm_stack` as the hard cap on native stack.                         |
//!
//! Checks that cost nothing while JS runs were chosen on purpose: wasmtime's epoch and fuel checks cost 13-30%
//! on CPU-bound JS. The price is that a native built-in that runs long without executing bytecode is only
//! stopped when it returns to bytecode.
//!
//! Contexts whose memory came from snapshot bytes are the exception. That memory is untrusted and can make the
//! guest loop forever without polling, so their engine's code checks wasmtime's epoch, which a ticker thread
//! advances every [`EPOCH_TICK`]. At each tick the host asks [`Watch::unresponsive`]: once the guest has been
//! asked to stop and has not for [`STOP_GRACE`], the call traps and that context is dead.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a wait for a timer sleeps before it looks for stop requests again.
const SLEEP_SLICE: Duration = Duration::from_millis(10);

/// How often the epoch advances for contexts whose memory came from snapshot bytes.
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

/// How long such a context's guest may ignore a request to stop before the host stops it by force: long
/// enough for QuickJS's own poll (and the slowest built-in between two polls) to stop it cleanly first.
pub const STOP_GRACE: Duration = Duration::from_millis(200);

/// Asks a context's running JS to stop, from any thread. Cloning is cheap; every clone controls the same context.
#[derive(Clone, Debug, Default)]
pub struct InterruptHandle(Arc<AtomicBool>);

impl InterruptHandle {
    /// Stops the JS this context is running now. Without running JS it has no effect.
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Why JS was stopped from the outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The call's time limit passed.
    Timeout(Duration),
    /// An [`InterruptHandle`] was used.
    Interrupted,
    /// The embedder's own check (see [`Watch::set_check`]) asked to stop.
    External,
}

/// A check the embedder runs at each interrupt poll; `true` stops JS.
pub type ExternalCheck = Box<dyn FnMut() -> bool + Send>;

/// What the interrupt import consults: the current call's deadline and the stop requests.
#[derive(Default)]
pub struct Watch {
    deadline: Option<(Instant, Duration)>,
    handle: InterruptHandle,
    check: Option<ExternalCheck>,
    stopped: Option<Stop>,
    /// When the host first saw that the running call must stop.
    stop_seen: Option<Instant>,
    /// Whether the running call was stopped by force (see [`Watch::unresponsive`]).
    forced: bool,
}

impl Watch {
    /// The handle other threads use to interrupt this context.
    pub fn handle(&self) -> InterruptHandle {
        self.handle.clone()
    }

    /// Installs (or removes) the embedder's own check.
    pub fn set_check(&mut self, check: Option<ExternalCheck>) {
        self.check = check;
    }

    /// Starts a call with `timeout`, forgetting interrupts that arrived while no JS ran.
    pub(crate) fn start(&mut self, timeout: Option<Duration>) {
        self.handle.0.store(false, Ordering::Relaxed);
        self.deadline = timeout.map(|t| (Instant::now() + t, t));
        self.stopped = None;
        self.stop_seen = None;
        self.forced = false;
    }

    /// Why the call just finished was stopped, if it was.
    pub(crate) fn finish(&mut self) -> Option<Stop> {
        self.deadline = None;
        self.stopped.take()
    }

    /// The sleep import: waits `duration` for a timer, in slices short enough to notice a stop request; true
    /// when it stopped early because the JS must stop.
    pub(crate) fn sleep(&mut self, duration: Duration) -> bool {
        let until = Instant::now() + duration;
        loop {
            if self.should_stop() {
                return true;
            }
            let now = Instant::now();
            if now >= until {
                return false;
            }
            let mut slice = (until - now).min(SLEEP_SLICE);
            if let Some((deadline, _)) = self.deadline {
                slice = slice.min(deadline.saturating_duration_since(now));
            }
            std::thread::sleep(slice);
        }
    }

    /// Whether the running call was asked to stop at least `STOP_GRACE` ago and is still running; once it says
    /// so, the host stops the guest by force, and [`Watch::forced`] remembers it.
    pub(crate) fn unresponsive(&mut self) -> bool {
        if !self.should_stop() {
            return false;
        }
        self.forced = self.stop_seen.get_or_insert_with(Instant::now).elapsed() >= STOP_GRACE;
        self.forced
    }

    /// Whether the host stopped the running (or last) call by force.
    pub(crate) fn forced(&self) -> bool {
        self.forced
    }

    /// The interrupt import: whether running JS must stop now.
    pub(crate) fn should_stop(&mut self) -> bool {
        if self.stopped.is_some() {
            return true;
        }
        let stop = if self.handle.0.load(Ordering::Relaxed) {
            Some(Stop::Interrupted)
        } else if let Some((_, timeout)) = self.deadline.filter(|(deadline, _)| Instant::now() >= *deadline) {
            Some(Stop::Timeout(timeout))
        } else if self.check.as_mut().is_some_and(|check| check()) {
            Some(Stop::External)
        } else {
            None
        };
        self.stopped = stop;
        stop.is_some()
    }
}
