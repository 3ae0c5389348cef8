//! The natives behind `URL` and `URLSearchParams` (engine-wasm/js/web/url.js): parsing, the setters and the
//! `application/x-www-form-urlencoded` format come from the `url` crate, which implements the WHATWG URL
//! standard (IDNA hosts, IPv4 and IPv6, percent-encoding sets, relative resolution) and its setters.

use ::url::{form_urlencoded, quirks, Url};
use rquickjs::qjs;

use crate::bytes::{arg, new_string, with_usv_string};
use crate::native::{arguments, NativeFn};
use crate::owned::{exception, is_undefined, Owned};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 4] = [
    (c"urlParse", url_parse, 2),
    (c"urlSet", url_set, 3),
    (c"formParse", form_parse, 1),
    (c"formEncode", form_encode, 1),
];

/// `urlParse(input, base)`: the URL's parts (see [`parts`]), or `null` when `input` (against `base`, unless
/// `base` is `undefined`) is not a valid URL.
unsafe extern "C" fn url_parse(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let base = if is_undefined(arg(args, 1)) {
            None
        } else {
            let Some(base) = with_usv_string(ctx, arg(args, 1), |base| Url::parse(base).ok()) else {
                return exception();
            };
            match base {
                Some(base) => Some(base),
                None => return qjs::JS_NULL,
            }
        };
        let Some(parsed) =
            with_usv_string(ctx, arg(args, 0), |input| Url::options().base_url(base.as_ref()).parse(input).ok())
        else {
            return exception();
        };
        match parsed {
            Some(url) => parts(ctx, &url),
            None => qjs::JS_NULL,
        }
    }
}

/// `urlSet(href, part, value)`: the parts of the URL `href` after the setter of `part` ran with `value`, or
/// `null` when `part` is "href" and `value` does not parse. The other setters ignore what they cannot use, as
/// the standard's setters do.
unsafe extern "C" fn url_set(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let Some(Ok(mut url)) = with_usv_string(ctx, arg(args, 0), Url::parse) else { return exception() };
        let Some(part) = with_usv_string(ctx, arg(args, 1), str::to_owned) else { return exception() };
        let Some(ok) = with_usv_string(ctx, arg(args, 2), |value| set(&mut url, &part, value)) else {
            return exception();
        };
        if ok {
            parts(ctx, &url)
        } else {
            qjs::JS_NULL
        }
    }
}

/// Runs the setter of `part`; false only when `href` is set to something that does not parse.
fn set(url: &mut Url, part: &str, value: &str) -> bool {
    // Failures of the other setters leave the URL as it was, which is what the standard asks for.
    let _ = match part {
        "href" => return quirks::set_href(url, value).is_ok(),
        "protocol" => quirks::set_protocol(url, value),
        "username" => quirks::set_username(url, value),
        "password" => quirks::set_password(url, value),
        "host" => quirks::set_host(url, value),
        "hostname" => quirks::set_hostname(url, value),
        "port" => quirks::set_port(url, value),
        "pathname" => {
            quirks::set_pathname(url, value);
            Ok(())
        }
        "search" => {
            quirks::set_search(url, value);
            Ok(())
        }
        "hash" => {
            quirks::set_hash(url, value);
            Ok(())
        }
        _ => Err(()),
    };
    true
}

/// `[href, origin, protocol, username, password, host, hostname, port, pathname, search, hash]`, the order
/// url.js reads them in.
///
/// # Safety
/// `ctx` is a live context.
unsafe fn parts(ctx: *mut qjs::JSContext, url: &Url) -> qjs::JSValue {
    let origin = quirks::origin(url);
    let values = [
        quirks::href(url),
        origin.as_str(),
        quirks::protocol(url),
        quirks::username(url),
        quirks::password(url),
        quirks::host(url),
        quirks::hostname(url),
        quirks::port(url),
        quirks::pathname(url),
        quirks::search(url),
        quirks::hash(url),
    ];
    // SAFETY: `ctx` is live; the array is owned by its guard until it is returned.
    unsafe { string_array(ctx, values.iter().copied()) }
}

/// `formParse(string)`: the name/value pairs of an `application/x-www-form-urlencoded` string, flattened:
/// `[name0, value0, name1, value1, ...]`.
unsafe extern "C" fn form_parse(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let Some(pairs) = with_usv_string(ctx, arg(args, 0), |text| {
            form_urlencoded::parse(text.as_bytes())
                .flat_map(|(k, v)| [k.into_owned(), v.into_owned()])
                .collect::<Vec<_>>()
        }) else {
            return exception();
        };
        string_array(ctx, pairs.iter().map(String::as_str))
    }
}

/// `formEncode(string)`: the string in `application/x-www-form-urlencoded` form (spaces as `+`), one name or
/// value of a query.
unsafe extern "C" fn form_encode(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        let Some(encoded) = with_usv_string(ctx, arg(args, 0), |text| {
            form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>()
        }) else {
            return exception();
        };
        new_string(ctx, &encoded)
    }
}

/// A new JS array of the strings `items`, or the exception marker.
///
/// # Safety
/// `ctx` is a live context.
unsafe fn string_array<'a>(ctx: *mut qjs::JSContext, items: impl Iterator<Item = &'a str>) -> qjs::JSValue {
    // SAFETY: `ctx` is live; the array is owned by its guard until it is returned.
    unsafe {
        let array = Owned::new(ctx, qjs::JS_NewArray(ctx));
        if array.is_exception() {
            return exception();
        }
        for (i, item) in items.enumerate() {
            if qjs::JS_SetPropertyUint32(ctx, array.raw(), i as u32, new_string(ctx, item)) < 0 {
                return exception();
            }
        }
        array.into_raw()
    }
}
