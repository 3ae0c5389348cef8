//! Random and mutated guest answers fed to the host's decoder: it must return a typed error or a checked
//! answer, never panic or read out of bounds, and every value it accepts must decode in full (the host checks
//! `Ok` values itself, so a malformed one kills the context instead of reaching the embedder). A fixed seed keeps
//! the run reproducible; `JSCELL_FUZZ_ITERATIONS` runs longer.

use jscell_host::wire::{Reader, Writer};
use jscell_host::{decode_answer, Answer, Error};

#[path = "common/rng.rs"]
mod rng;

use rng::Rng;

/// A valid answer with some nesting, to mutate.
fn seed_answer(rng: &mut Rng) -> Vec<u8> {
    let mut w = Writer::new();
    w.raw_byte(rng.below(8) as u8);
    w.object(2);
    w.key(b"list");
    w.array(3);
    w.int(rng.next() as i64 % 1000);
    w.float(1.5);
    w.string("h\u{e9}llo".as_bytes());
    w.key(b"more");
    w.array(2);
    w.bigint(b"-123456789012345678901234567890");
    w.bytes(&[1, 2, 3]);
    w.into_vec()
}

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            1 if !bytes.is_empty() => bytes.truncate(rng.below(bytes.len())),
            2 => {
                let i = rng.below(bytes.len() + 1);
                bytes.insert(i, rng.next() as u8);
            }
            3 if bytes.len() >= 4 => {
                // A plausible but wrong length or count.
                let i = rng.below(bytes.len() - 3);
                bytes[i..i + 4].copy_from_slice(&(rng.next() as u32).to_le_bytes());
            }
            _ => bytes.extend((0..rng.below(16)).map(|_| rng.next() as u8)),
        }
    }
}

#[test]
fn random_and_mutated_answers_never_panic() {
    let iterations: usize =
        std::env::var("JSCELL_FUZZ_ITERATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let mut rng = Rng(0x5EED);
    let mut outcomes = [0usize; 2];
    for i in 0..iterations {
        let mut bytes =
            if i % 4 == 0 { (0..rng.below(64)).map(|_| rng.next() as u8).collect() } else { seed_answer(&mut rng) };
        mutate(&mut rng, &mut bytes);
        let accepted = match decode_answer(&bytes) {
            Ok(Answer::Value(value)) => Some(value),
            Ok(Answer::Exception(_, exception)) => Some(exception.value),
            Err(Error::Protocol(_) | Error::Unconvertible(_)) => None,
            Err(other) => panic!("the decoder gave an error it has no business giving: {other}"),
        };
        if let Some(value) = &accepted {
            let mut reader = Reader::new(value);
            assert!(reader.skip_value().and_then(|()| reader.finish()).is_ok(), "an accepted value does not decode");
        }
        outcomes[usize::from(accepted.is_some())] += 1;
    }
    // Both paths are exercised: some mutations stay valid, most do not.
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
}
