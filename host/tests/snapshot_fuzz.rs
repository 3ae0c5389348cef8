//! Corrupted, truncated and hand-edited snapshot bytes fed to the loader and then run: each must be refused with
//! a typed error, or load and then make only its own context fail. The process must never crash and every call
//! must end. A fixed seed keeps the run reproducible; `JSCELL_FUZZ_ITERATIONS` runs longer.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jscell_host::wire::Writer;
use jscell_host::{Context, ContextOptions, Error, Snapshot};

#[path = "common/rng.rs"]
mod rng;

use rng::Rng;

/// Where the header ends and the memory starts in snapshot bytes.
const HEADER: usize = 28;

/// Changes `bytes` in one of the ways a damaged file or an attacker would.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, live_pages: &[usize]) {
    let memory_len = bytes.len() - HEADER;
    let at_live = |rng: &mut Rng, width: usize| {
        let page = live_pages[rng.below(live_pages.len())];
        HEADER + (page + rng.below(4096 - width)).min(memory_len - width)
    };
    match rng.below(8) {
        0 => {
            let i = rng.below(HEADER);
            bytes[i] = rng.next() as u8;
        }
        1 => bytes.truncate(rng.below(bytes.len())),
        // A random word where QuickJS keeps its data.
        2 | 3 => {
            for _ in 0..=rng.below(8) {
                let i = at_live(rng, 4);
                bytes[i..i + 4].copy_from_slice(&(rng.next() as u32).to_le_bytes());
            }
        }
        // A plausible pointer: somewhere else in memory.
        4 => {
            let i = at_live(rng, 4);
            let target = rng.below(memory_len + (1 << 20)) as u32 & !3;
            bytes[i..i + 4].copy_from_slice(&target.to_le_bytes());
        }
        5 => {
            let i = at_live(rng, 64);
            bytes[i..i + 64].fill(if rng.below(2) == 0 { 0 } else { 0xff });
        }
        // One live region copied over another.
        6 => {
            let (from, to) = (at_live(rng, 256), at_live(rng, 256));
            bytes.copy_within(from..from + 256, to);
        }
        _ => {
            let i = at_live(rng, 1);
            bytes[i] ^= 1 << rng.below(8);
        }
    }
}

/// The kind of an outcome, for the summary.
fn kind(result: &Result<Vec<u8>, Error>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(Error::Thrown(_)) => "thrown",
        Err(Error::Syntax(_)) => "syntax error",
        Err(Error::Callback(_)) => "callback error",
        Err(Error::Terminated(_)) => "terminated",
        Err(Error::Timeout { .. }) => "timeout",
        Err(Error::OutOfMemory { .. }) => "out of memory",
        Err(Error::StoppedByForce) => "stopped by force",
        Err(Error::Trapped(_)) => "trapped",
        Err(Error::Dead(_)) => "dead",
        Err(Error::Protocol(_)) => "protocol",
        Err(Error::Unconvertible(_)) => "unconvertible",
        Err(Error::TooLarge(_)) => "too large",
        Err(_) => "other",
    }
}

#[test]
fn damaged_snapshots_fail_only_their_own_contexts() {
    let iterations: usize = std::env::var("JSCELL_FUZZ_ITERATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(3000);
    let mut original = Context::new(&ContextOptions::default()).unwrap();
    original
        .compile(
            b"var table = { a: [1, 2, 3], b: 'text' }; function sign(x) { return JSON.stringify([x, table]) }",
            b"",
            None,
        )
        .unwrap();
    let snapshot = original.snapshot().unwrap();
    let bytes = snapshot.to_bytes();
    let live_pages: Vec<usize> = (0..snapshot.len() / 4096)
        .map(|page| page * 4096)
        .filter(|&at| snapshot.memory()[at..at + 4096].iter().any(|&byte| byte != 0))
        .collect();
    let mut args = Writer::new();
    args.array(1);
    args.int(7);
    let args = args.into_vec();
    let options = ContextOptions { timeout: Some(Duration::from_millis(20)), ..ContextOptions::default() };

    // A damaged snapshot can make the guest loop without ever polling for interrupts; the host must stop it
    // anyway. A call that never ends fails the run instead of hanging it.
    let progress = Arc::new(AtomicUsize::new(0));
    let watched = Arc::clone(&progress);
    std::thread::spawn(move || loop {
        let seen = watched.load(Ordering::Relaxed);
        std::thread::sleep(Duration::from_secs(10));
        if watched.load(Ordering::Relaxed) == seen {
            eprintln!("damaged snapshot {seen} made a call that did not end within 10 s");
            std::process::exit(1);
        }
    });

    let mut rng = Rng(0x5EED);
    let mut outcomes = BTreeMap::<&str, usize>::new();
    let started = Instant::now();
    for _ in 0..iterations {
        let mut damaged = bytes.clone();
        for _ in 0..=rng.below(3) {
            if damaged.len() > HEADER + 4096 {
                mutate(&mut rng, &mut damaged, &live_pages);
            }
        }
        let outcome = match Snapshot::from_bytes(&damaged) {
            Err(Error::InvalidSnapshot(_)) => "refused",
            Err(other) => panic!("loading gave an untyped error: {other}"),
            Ok(loaded) => match Context::from_snapshot(&loaded, &options) {
                Err(Error::Start(_) | Error::Trapped(_)) => "failed to start",
                Err(other) => panic!("starting gave an unexpected error: {other}"),
                Ok(mut fork) => {
                    let called = fork.call(b"sign", &args, true, None);
                    let evaluated = fork.evaluate(b"Object.keys(globalThis).length", true, None);
                    *outcomes.entry(kind(&evaluated)).or_default() += 1;
                    kind(&called)
                }
            },
        };
        *outcomes.entry(outcome).or_default() += 1;
        progress.fetch_add(1, Ordering::Relaxed);
    }
    eprintln!("{iterations} damaged snapshots in {:.1?}: {outcomes:?}", started.elapsed());
    // The damage reached the engine: some snapshots loaded and ran, and some broke their context.
    assert!(outcomes.get("ok").copied().unwrap_or(0) > 0, "{outcomes:?}");
    assert!(outcomes.get("refused").copied().unwrap_or(0) > 0, "{outcomes:?}");
    // The original is untouched by all of it.
    assert_eq!(original.call(b"sign", &args, true, None).map(|_| ()).map_err(|e| e.to_string()), Ok(()));
}
