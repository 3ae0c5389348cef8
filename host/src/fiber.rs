//! Driving guest calls to completion on the calling thread.
//!
//! Every guest call is made with wasmtime's `call_async`, which runs it on a fiber: a stack of its own, sized
//! by `config::CALL_STACK`, whatever the calling thread's stack is. None of the guest's imports ever waits, so
//! the future is ready after its first poll; this is the whole executor.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Polls `future` until it is ready.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
