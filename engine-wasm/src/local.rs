//! [`Local`]: a static cell for state that only this single-threaded instance touches.

use std::cell::UnsafeCell;

/// A cell for per-instance state reached from exports and native functions.
pub struct Local<T>(UnsafeCell<T>);

// SAFETY: wasm32-wasip1 instances run on one thread; nothing here is ever shared across threads.
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    /// A cell holding `value`.
    pub const fn new(value: T) -> Local<T> {
        Local(UnsafeCell::new(value))
    }

    /// Shared access; `T` (a `Cell` or `RefCell`) checks mutation itself.
    pub fn get(&self) -> &T {
        // SAFETY: single-threaded, and only shared references are ever handed out.
        unsafe { &*self.0.get() }
    }
}
