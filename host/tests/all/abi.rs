//! Requests that break the ABI contract get typed errors, and a context that got one is not used again.

use jscell_host::wire::Writer;
use jscell_host::Error;

use crate::context;

#[test]
fn malformed_arguments_are_refused_and_kill_the_context() {
    let mut ctx = context();
    ctx.compile(b"function f() { return 1 }", b"", None).unwrap();
    let mut not_an_array = Writer::new();
    not_an_array.int(1);
    assert!(matches!(ctx.call(b"f", not_an_array.as_bytes(), true, None), Err(Error::Protocol(_))));
    assert!(ctx.dead_reason().is_some());
    assert!(matches!(ctx.evaluate(b"1", true, None), Err(Error::Dead(_))));
}

#[test]
fn truncated_arguments_are_refused() {
    let mut ctx = context();
    ctx.compile(b"function f(x) { return x }", b"", None).unwrap();
    let mut args = Writer::new();
    args.array(1);
    args.string(b"hello");
    let bytes = args.as_bytes();
    assert!(matches!(ctx.call(b"f", &bytes[..bytes.len() - 2], true, None), Err(Error::Protocol(_))));
}

#[test]
fn trailing_bytes_after_the_arguments_are_refused() {
    let mut ctx = context();
    ctx.compile(b"function f() { return 1 }", b"", None).unwrap();
    let mut args = Writer::new();
    args.array(0);
    args.null();
    assert!(matches!(ctx.call(b"f", args.as_bytes(), true, None), Err(Error::Protocol(_))));
}
