//! Creating, using, moving and dropping contexts.

use jscell_host::wire::Item;
use jscell_host::{Context, ContextOptions, Error};

use crate::{context, int_args, item};

#[test]
fn more_contexts_than_pool_slots_all_work() {
    let mut contexts: Vec<Context> = (0..300).map(|_| context()).collect();
    for (i, ctx) in contexts.iter_mut().enumerate() {
        ctx.compile(format!("var id = {i}").as_bytes(), b"", None).unwrap();
    }
    for (i, ctx) in contexts.iter_mut().enumerate() {
        assert_eq!(item(&ctx.evaluate(b"id", false, None).unwrap()), Item::Int(i as i64));
    }
}

#[test]
fn globals_persist_and_evaluate_stays_local() {
    let mut ctx = context();
    ctx.compile(b"function add(a, b) { return a + b }", b"", None).unwrap();
    assert_eq!(item(&ctx.call(b"add", &int_args(&[2, 3]), true, None).unwrap()), Item::Int(5));
    ctx.evaluate(b"const local = 1; local", true, None).unwrap();
    assert_eq!(item(&ctx.evaluate(b"typeof local", true, None).unwrap()), Item::String(b"undefined"));
    assert_eq!(ctx.stats().call_count, 1);
    assert_eq!(ctx.stats().evaluate_count, 2);
    assert_eq!(ctx.stats().compile_count, 1);
}

#[test]
fn a_context_moves_between_threads() {
    let mut ctx = context();
    ctx.compile(b"var calls = 0; function bump() { return ++calls }", b"", None).unwrap();
    let mut ctx = std::thread::spawn(move || {
        ctx.call(b"bump", &int_args(&[]), true, None).unwrap();
        ctx
    })
    .join()
    .unwrap();
    assert_eq!(item(&ctx.call(b"bump", &int_args(&[]), true, None).unwrap()), Item::Int(2));
}

#[test]
fn seeds_make_math_random_reproducible() {
    let draw = |seed: Option<u64>| {
        let mut ctx = Context::new(&ContextOptions { random_seed: seed, ..ContextOptions::default() }).unwrap();
        ctx.evaluate(b"String([Math.random(), Math.random()])", true, None).unwrap()
    };
    assert_eq!(draw(Some(42)), draw(Some(42)));
    assert_ne!(draw(Some(42)), draw(Some(43)));
    assert_ne!(draw(None), draw(None));
}

#[test]
fn exceptions_leave_the_context_usable() {
    let mut ctx = context();
    let Err(Error::Thrown(exception)) = ctx.evaluate(b"null.x", true, None) else { panic!("no exception") };
    assert_eq!(exception.name.as_deref(), Some("TypeError"));
    assert_eq!(item(&ctx.evaluate(b"1 + 1", true, None).unwrap()), Item::Int(2));
}

#[test]
fn heap_statistics_report_memory() {
    let mut ctx = context();
    let stats = ctx.heap_statistics().unwrap();
    assert!(stats.linear_memory_bytes >= 1 << 20);
    let mut reader = jscell_host::wire::Reader::new(&stats.quickjs);
    assert!(matches!(reader.item().unwrap(), Item::Object(n) if n > 5));
    ctx.gc().unwrap();
}

#[test]
fn runaway_recursion_is_a_catchable_range_error() {
    let mut ctx = context();
    ctx.compile(b"function down(n) { return down(n + 1) + 1 }", b"", None).unwrap();
    let Err(Error::Thrown(exception)) = ctx.call(b"down", &int_args(&[0]), true, None) else {
        panic!("the recursion did not throw");
    };
    assert_eq!(exception.name.as_deref(), Some("RangeError"));
    assert_eq!(exception.message, "Maximum call stack size exceeded");
    let caught = ctx.evaluate(b"try { down(0) } catch (e) { e instanceof RangeError }", true, None).unwrap();
    assert_eq!(item(&caught), Item::Bool(true));
}

#[test]
fn guest_calls_do_not_use_the_callers_stack() {
    // Rust's default test-thread stack is 2 MiB, far less than the guest's wasm stack: calls run on fibers.
    let handle = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(|| {
            let mut ctx = context();
            ctx.compile(b"function down(n) { return down(n + 1) + 1 }", b"", None).unwrap();
            matches!(ctx.call(b"down", &int_args(&[0]), true, None), Err(Error::Thrown(_)))
        })
        .unwrap();
    assert!(handle.join().unwrap());
}
