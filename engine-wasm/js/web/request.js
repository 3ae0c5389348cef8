// request.js: the one way out of the sandbox for fetch and XMLHttpRequest, native.request(method, url,
// headers, body). Nothing leaves by default. With Context(on_request=...), the host puts its callback on the
// internal object as native.hostRequest (see engine-wasm/src/callbacks.rs), and this turns the request into
// the dictionary Python receives and its answer into the response fetch.js expects.

const NO_REQUESTS = "fetch: no request leaves the sandbox; pass Context(on_request=...) to answer requests from Python";

native.request = (method, url, headers, body) => {
    const host = native.hostRequest;
    if (host === undefined) return Promise.reject(new TypeError(NO_REQUESTS));
    return Promise.resolve(host({ method, url, headers, body: body ?? null })).then((answer) => {
        if (!isObject(answer)) throw new TypeError("on_request must return a dict with the response (status, headers, body)");
        const body = answer.body ?? new Uint8Array(0);
        const headers = answer.headers ?? [];
        return {
            status: answer.status === undefined ? 200 : Number(answer.status),
            statusText: answer.statusText === undefined ? "" : str(answer.statusText),
            headers: Array.isArray(headers) ? headers.map(([n, v]) => [str(n), str(v)]) : Object.entries(headers).map(([n, v]) => [n, str(v)]),
            body: typeof body === "string" ? utf8(body) : copyBytes(body),
            url: answer.url === undefined ? url : str(answer.url),
        };
    });
};
