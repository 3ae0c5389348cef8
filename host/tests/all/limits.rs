//! Time, memory and interruption limits: each stops JS with its own error and leaves the context usable.

use std::time::{Duration, Instant};

use jscell_host::wire::Item;
use jscell_host::{Context, ContextOptions, Error};

use crate::{context, item};

fn with(options: ContextOptions) -> Context {
    Context::new(&options).expect("a context")
}

#[test]
fn a_timeout_stops_an_endless_loop() {
    let mut ctx = with(ContextOptions { timeout: Some(Duration::from_millis(100)), ..ContextOptions::default() });
    let started = Instant::now();
    let Err(Error::Timeout { limit, .. }) =
        ctx.evaluate(b"for (;;) { try { while (true) {} } catch (e) {} }", true, None)
    else {
        panic!("the loop was not stopped");
    };
    assert_eq!(limit, Duration::from_millis(100));
    assert!(started.elapsed() >= limit);
    assert_eq!(item(&ctx.evaluate(b"1 + 1", true, None).unwrap()), Item::Int(2));
}

#[test]
fn a_call_timeout_overrides_the_context_one() {
    let mut ctx = context();
    let limit = Some(Duration::from_millis(50));
    assert!(matches!(ctx.evaluate(b"while (true) {}", true, limit), Err(Error::Timeout { .. })));
    assert!(ctx.evaluate(b"let n = 0; for (let i = 0; i < 1e5; i++) n++; n", true, None).is_ok());
}

#[test]
fn another_thread_can_interrupt() {
    let mut ctx = context();
    let handle = ctx.interrupt_handle();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        handle.interrupt();
    });
    let outcome = ctx.evaluate(b"while (true) {}", true, None);
    stopper.join().unwrap();
    assert!(matches!(outcome, Err(Error::Interrupted { external: false, .. })));
    assert!(ctx.evaluate(b"1", true, None).is_ok());
}

#[test]
fn an_interrupt_without_running_js_does_not_stop_the_next_call() {
    let mut ctx = context();
    ctx.interrupt_handle().interrupt();
    assert!(ctx.evaluate(b"let n = 0; for (let i = 0; i < 1e6; i++) n++; n", true, None).is_ok());
}

#[test]
fn the_memory_limit_is_an_out_of_memory_error() {
    let mut ctx = with(ContextOptions { memory_limit: Some(32 << 20), ..ContextOptions::default() });
    let outcome = ctx.evaluate(b"const keep = []; while (true) keep.push(new Array(10000).fill(1))", true, None);
    let Err(Error::OutOfMemory { limit, .. }) = outcome else { panic!("no out-of-memory error") };
    assert_eq!(limit, 32 << 20);
    let caught = ctx.evaluate(
        b"try { const k = []; while (true) k.push(new Array(10000).fill(1)) } catch (e) { e.message }",
        true,
        None,
    );
    assert_eq!(item(&caught.unwrap()), Item::String(b"out of memory"));
}

#[test]
fn options_out_of_range_are_refused() {
    for options in [
        ContextOptions { memory_limit: Some(1000), ..ContextOptions::default() },
        ContextOptions { memory_limit: Some(8 << 30), ..ContextOptions::default() },
        ContextOptions { stack_limit: Some(10), ..ContextOptions::default() },
        ContextOptions { stack_limit: Some(4 << 20), ..ContextOptions::default() },
    ] {
        assert!(matches!(Context::new(&options), Err(Error::InvalidOption(_))));
    }
}

#[test]
fn a_smaller_stack_limit_allows_less_recursion() {
    let mut small = with(ContextOptions { stack_limit: Some(64 << 10), ..ContextOptions::default() });
    let mut large = context();
    let code = b"function d(n) { return n ? 1 + d(n - 1) : 0 } d(1000)";
    assert!(
        matches!(small.evaluate(code, true, None), Err(Error::Thrown(e)) if e.name.as_deref() == Some("RangeError"))
    );
    assert_eq!(item(&large.evaluate(code, true, None).unwrap()), Item::Int(1000));
}
