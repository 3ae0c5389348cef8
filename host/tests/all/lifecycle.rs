//! Creating, using, moving and dropping contexts.

use std::sync::Mutex;

use jscell_host::wire::Item;
use jscell_host::{live_contexts, Context, ContextOptions, Error};

use crate::{context, int_args, item};

/// Tests that count live contexts run one at a time.
static COUNTING: Mutex<()> = Mutex::new(());

#[test]
fn dropping_frees_the_store_at_once() {
    let _serial = COUNTING.lock().unwrap_or_else(|e| e.into_inner());
    let before = live_contexts();
    let contexts: Vec<Context> = (0..5).map(|_| context()).collect();
    assert_eq!(live_contexts(), before + 5);
    drop(contexts);
    assert_eq!(live_contexts(), before);
}

#[test]
fn more_contexts_than_pool_slots_all_work() {
    let _serial = COUNTING.lock().unwrap_or_else(|e| e.into_inner());
    let mut contexts: Vec<Context> = (0..300).map(|_| context()).collect();
    for (i, ctx) in contexts.iter_mut().enumerate() {
        ctx.compile(format!("var id = {i}").as_bytes()).unwrap();
    }
    for (i, ctx) in contexts.iter_mut().enumerate() {
        assert_eq!(item(&ctx.evaluate(b"id", false).unwrap()), Item::Int(i as i64));
    }
}

#[test]
fn globals_persist_and_evaluate_stays_local() {
    let mut ctx = context();
    ctx.compile(b"function add(a, b) { return a + b }").unwrap();
    assert_eq!(item(&ctx.call(b"add", &int_args(&[2, 3]), true).unwrap()), Item::Int(5));
    ctx.evaluate(b"const local = 1; local", true).unwrap();
    assert_eq!(item(&ctx.evaluate(b"typeof local", true).unwrap()), Item::String(b"undefined"));
    assert_eq!(ctx.stats().call_count, 1);
    assert_eq!(ctx.stats().evaluate_count, 2);
    assert_eq!(ctx.stats().compile_count, 1);
}

#[test]
fn a_context_moves_between_threads() {
    let mut ctx = context();
    ctx.compile(b"var calls = 0; function bump() { return ++calls }").unwrap();
    let mut ctx = std::thread::spawn(move || {
        ctx.call(b"bump", &int_args(&[]), true).unwrap();
        ctx
    })
    .join()
    .unwrap();
    assert_eq!(item(&ctx.call(b"bump", &int_args(&[]), true).unwrap()), Item::Int(2));
}

#[test]
fn seeds_make_math_random_reproducible() {
    let draw = |seed: Option<u64>| {
        let mut ctx = Context::new(&ContextOptions { random_seed: seed }).unwrap();
        ctx.evaluate(b"String([Math.random(), Math.random()])", true).unwrap()
    };
    assert_eq!(draw(Some(42)), draw(Some(42)));
    assert_ne!(draw(Some(42)), draw(Some(43)));
    assert_ne!(draw(None), draw(None));
}

#[test]
fn exceptions_leave_the_context_usable() {
    let mut ctx = context();
    let Err(Error::Thrown(exception)) = ctx.evaluate(b"null.x", true) else { panic!("no exception") };
    assert_eq!(exception.name.as_deref(), Some("TypeError"));
    assert_eq!(item(&ctx.evaluate(b"1 + 1", true).unwrap()), Item::Int(2));
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
