//! The natives behind `TextEncoder` and `TextDecoder` (engine-wasm/js/web/encoding.js): the WHATWG Encoding
//! standard's labels and decoders come from `encoding_rs`, so every legacy encoding page code meets (GBK,
//! gb18030, Big5, Shift_JIS, EUC-KR, windows-1252, UTF-16LE/BE, ...) decodes as a browser decodes it.

use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};
use rquickjs::qjs;

use crate::bytes::{
    arg, is_lone_surrogate, new_string, new_uint8_array, or_exception, type_error, uint8_slice, usv, with_usv_string,
};
use crate::from_js::with_wtf8;
use crate::handle;
use crate::native::{arguments, NativeFn};
use crate::owned::{exception, undefined, Owned};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 5] = [
    (c"encodingName", encoding_name, 1),
    (c"encodeUtf8", encode_utf8, 1),
    (c"encodeUtf8Into", encode_utf8_into, 2),
    (c"newDecoder", new_decoder, 2),
    (c"decode", decode, 4),
];

/// One `TextDecoder`'s state between `decode(..., {stream: true})` calls.
struct Stream {
    encoding: &'static Encoding,
    ignore_bom: bool,
    decoder: Decoder,
}

impl Stream {
    fn new(encoding: &'static Encoding, ignore_bom: bool) -> Stream {
        Stream { encoding, ignore_bom, decoder: fresh_decoder(encoding, ignore_bom) }
    }

    /// Starts over, as a decode that is not streamed ends with.
    fn reset(&mut self) {
        self.decoder = fresh_decoder(self.encoding, self.ignore_bom);
    }
}

/// A decoder that removes a leading BOM of its own encoding unless `ignoreBOM` asked to keep it, as the
/// Encoding standard's `TextDecoder` does (a BOM of another encoding does not switch the encoding).
fn fresh_decoder(encoding: &'static Encoding, ignore_bom: bool) -> Decoder {
    if ignore_bom {
        encoding.new_decoder_without_bom_handling()
    } else {
        encoding.new_decoder_with_bom_removal()
    }
}

/// `encodingName(label)`: the encoding's name, lower-cased as `TextDecoder.encoding` gives it, or `undefined`
/// for an unknown label and for "replacement" (which `TextDecoder` refuses).
unsafe extern "C" fn encoding_name(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        or_exception(with_usv_string(ctx, arg(args, 0), |label| {
            match Encoding::for_label_no_replacement(label.as_bytes()) {
                Some(encoding) => new_string(ctx, &encoding.name().to_ascii_lowercase()),
                None => undefined(),
            }
        }))
    }
}

/// `encodeUtf8(string)`: a `Uint8Array` of the string's UTF-8 (lone surrogates become U+FFFD).
unsafe extern "C" fn encode_utf8(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        with_wtf8(ctx, arg(args, 0), |wtf8| new_uint8_array(ctx, usv(wtf8).as_bytes())).unwrap_or_else(|_| exception())
    }
}

/// `encodeUtf8Into(string, target)`: writes as many whole characters of the string's UTF-8 as fit into the
/// `Uint8Array` `target`, and returns `[read, written]`: UTF-16 code units read and bytes written.
unsafe extern "C" fn encode_utf8_into(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`; the target's bytes are written before any JS runs.
    unsafe {
        let args = arguments(argc, argv);
        let counts = with_wtf8(ctx, arg(args, 0), |wtf8| {
            let target = uint8_slice(ctx, arg(args, 1))?;
            let target = std::slice::from_raw_parts_mut(target.as_ptr().cast_mut(), target.len());
            Some(encode_into(wtf8, target))
        });
        let Ok(Some((read, written))) = counts else { return exception() };
        let pair = Owned::new(ctx, qjs::JS_NewArray(ctx));
        for (i, n) in [read, written].into_iter().enumerate() {
            if qjs::JS_SetPropertyUint32(ctx, pair.raw(), i as u32, qjs::JS_NewFloat64(n as f64)) < 0 {
                return exception();
            }
        }
        pair.into_raw()
    }
}

/// Copies whole characters of `wtf8` (as UTF-8) into `target` while they fit; `(UTF-16 units read, bytes
/// written)`.
fn encode_into(wtf8: &[u8], target: &mut [u8]) -> (usize, usize) {
    let (mut i, mut read, mut written) = (0, 0, 0);
    while i < wtf8.len() {
        let lead = wtf8[i];
        let len = match lead {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let replacement = "\u{FFFD}".as_bytes();
        let bytes = if is_lone_surrogate(wtf8, i) { replacement } else { &wtf8[i..i + len] };
        if written + bytes.len() > target.len() {
            break;
        }
        target[written..written + bytes.len()].copy_from_slice(bytes);
        written += bytes.len();
        read += if len == 4 { 2 } else { 1 };
        i += len;
    }
    (read, written)
}

/// `newDecoder(name, ignoreBOM)`: a handle holding a decoder for the encoding `encodingName` returned.
unsafe extern "C" fn new_decoder(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`; the handle owns the boxed stream from here on.
    unsafe {
        let args = arguments(argc, argv);
        let Some(encoding) = with_usv_string(ctx, arg(args, 0), |name| Encoding::for_label(name.as_bytes())) else {
            return exception();
        };
        let Some(encoding) = encoding else { return type_error(ctx, "unknown encoding") };
        let ignore_bom = qjs::JS_ToBool(ctx, arg(args, 1)) == 1;
        handle::new(ctx, Stream::new(encoding, ignore_bom))
    }
}

/// `decode(handle, bytes, stream, fatal)`: the text of `bytes` (a `Uint8Array`); with `stream`, an incomplete
/// sequence at the end waits for the next call. With `fatal`, malformed input throws a `TypeError` (as in
/// browsers) instead of decoding to U+FFFD.
unsafe extern "C" fn decode(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`; the stream is the handle's own and no JS runs while it
    // is borrowed.
    unsafe {
        let args = arguments(argc, argv);
        let Some(stream) = handle::get::<Stream>(ctx, arg(args, 0)) else { return exception() };
        let Some(input) = uint8_slice(ctx, arg(args, 1)) else { return exception() };
        let last = qjs::JS_ToBool(ctx, arg(args, 2)) != 1;
        let fatal = qjs::JS_ToBool(ctx, arg(args, 3)) == 1;
        let text = decode_chunk(stream, input, last, fatal);
        if last || text.is_none() {
            stream.reset();
        }
        match text {
            Some(text) => new_string(ctx, &text),
            None => type_error(ctx, "Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid."),
        }
    }
}

/// Decodes `input` on `stream`; `None` when `fatal` and the input is malformed.
fn decode_chunk(stream: &mut Stream, input: &[u8], last: bool, fatal: bool) -> Option<String> {
    let capacity = stream.decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
    let mut text = String::with_capacity(capacity);
    if fatal {
        let (result, _) = stream.decoder.decode_to_string_without_replacement(input, &mut text, last);
        matches!(result, DecoderResult::InputEmpty).then_some(text)
    } else {
        let (result, _, _) = stream.decoder.decode_to_string(input, &mut text, last);
        debug_assert!(matches!(result, CoderResult::InputEmpty), "the buffer was sized for the worst case");
        Some(text)
    }
}
