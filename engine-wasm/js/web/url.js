// url.js: URL and URLSearchParams (the WHATWG URL standard), on the natives of engine-wasm/src/whatwg_url.rs, which
// parse, run the setters and read and write application/x-www-form-urlencoded text.

// The order of the parts native.urlParse and native.urlSet return.
const HREF = 0, ORIGIN = 1, PROTOCOL = 2, USERNAME = 3, PASSWORD = 4, HOST = 5, HOSTNAME = 6, PORT = 7,
    PATHNAME = 8, SEARCH = 9, HASH = 10;

// The URL a URLSearchParams belongs to, so each can update the other (the standard's "URL object").
const searchParamsOwner = new WeakMap();
// Set by URL's static block: writes a URL's query (a private field) for its URLSearchParams.
let updateSearch;

class URL {
    #parts;
    #searchParams;

    constructor(url, base = undefined) {
        if (arguments.length === 0) {
            throw new TypeError("Failed to construct 'URL': 1 argument required, but only 0 present.");
        }
        const parts = native.urlParse(String(url), base === undefined ? undefined : String(base));
        if (parts === null) {
            throw new TypeError(`Failed to construct 'URL': Invalid URL`);
        }
        this.#parts = parts;
        this.#searchParams = new URLSearchParams(parts[SEARCH]);
        searchParamsOwner.set(this.#searchParams, this);
    }

    static canParse(url, base = undefined) {
        return native.urlParse(String(url), base === undefined ? undefined : String(base)) !== null;
    }

    static parse(url, base = undefined) {
        try {
            return new URL(url, base);
        } catch {
            return null;
        }
    }

    // Runs the setter of `part`, and brings searchParams up to date.
    #set(part, value) {
        const parts = native.urlSet(this.#parts[HREF], part, String(value));
        if (parts === null) {
            throw new TypeError(`Failed to set the 'href' property on 'URL': Invalid URL`);
        }
        this.#parts = parts;
        replaceSearchParams(this.#searchParams, parts[SEARCH]);
    }

    static {
        // Called by a URL's URLSearchParams when it changes: the query becomes its serialisation (an empty one
        // leaves no "?" behind).
        updateSearch = (url, query) => {
            url.#parts = native.urlSet(url.#parts[HREF], "search", query);
        };
    }

    #part(index) {
        brand(isObject(this) && #parts in this ? this : undefined);
        return this.#parts[index];
    }

    get href() { return this.#part(HREF); }
    set href(value) { this.#part(HREF); this.#set("href", value); }
    get origin() { return this.#part(ORIGIN); }
    get protocol() { return this.#part(PROTOCOL); }
    set protocol(value) { this.#part(HREF); this.#set("protocol", value); }
    get username() { return this.#part(USERNAME); }
    set username(value) { this.#part(HREF); this.#set("username", value); }
    get password() { return this.#part(PASSWORD); }
    set password(value) { this.#part(HREF); this.#set("password", value); }
    get host() { return this.#part(HOST); }
    set host(value) { this.#part(HREF); this.#set("host", value); }
    get hostname() { return this.#part(HOSTNAME); }
    set hostname(value) { this.#part(HREF); this.#set("hostname", value); }
    get port() { return this.#part(PORT); }
    set port(value) { this.#part(HREF); this.#set("port", value); }
    get pathname() { return this.#part(PATHNAME); }
    set pathname(value) { this.#part(HREF); this.#set("pathname", value); }
    get search() { return this.#part(SEARCH); }
    set search(value) { this.#part(HREF); this.#set("search", value); }
    get searchParams() { this.#part(HREF); return this.#searchParams; }
    get hash() { return this.#part(HASH); }
    set hash(value) { this.#part(HREF); this.#set("hash", value); }

    toString() { return this.#part(HREF); }
    toJSON() { return this.#part(HREF); }
}
webInterface(URL);

// The list behind each URLSearchParams: [[name, value], ...].
const searchLists = new WeakMap();

function searchList(params) {
    const list = searchLists.get(params);
    return brand(list);
}

// The pairs of an application/x-www-form-urlencoded string.
function parseQuery(text) {
    const flat = native.formParse(text);
    const pairs = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
    return pairs;
}

function replaceSearchParams(params, search) {
    const list = searchList(params);
    list.length = 0;
    list.push(...parseQuery(search.startsWith("?") ? search.slice(1) : search));
}

// After a change: the owning URL's query follows.
function searchParamsChanged(params) {
    const url = searchParamsOwner.get(params);
    if (url !== undefined) updateSearch(url, params.toString());
}

// USVString conversion (lone surrogates become U+FFFD), as WebIDL does for these arguments.
function usv(value) {
    return String(value).toWellFormed();
}

const searchParamsIterator = pairIterator("URLSearchParams");

class URLSearchParams {
    constructor(init = "") {
        let list;
        if (typeof init === "object" && init !== null) {
            if (typeof init[Symbol.iterator] === "function") {
                list = Array.from(init, (pair) => {
                    const items = Array.from(pair);
                    if (items.length !== 2) {
                        throw new TypeError("Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements");
                    }
                    return [usv(items[0]), usv(items[1])];
                });
            } else {
                list = Object.keys(init).map((key) => [usv(key), usv(init[key])]);
            }
        } else {
            const text = usv(init);
            list = parseQuery(text.startsWith("?") ? text.slice(1) : text);
        }
        searchLists.set(this, list);
    }

    get size() {
        return searchList(this).length;
    }

    append(name, value) {
        searchList(this).push([usv(name), usv(value)]);
        searchParamsChanged(this);
    }

    delete(name, value = undefined) {
        const list = searchList(this);
        name = usv(name);
        const keep = list.filter(([n, v]) => n !== name || (value !== undefined && v !== usv(value)));
        list.length = 0;
        list.push(...keep);
        searchParamsChanged(this);
    }

    get(name) {
        name = usv(name);
        const found = searchList(this).find(([n]) => n === name);
        return found === undefined ? null : found[1];
    }

    getAll(name) {
        name = usv(name);
        return searchList(this).filter(([n]) => n === name).map(([, v]) => v);
    }

    has(name, value = undefined) {
        name = usv(name);
        return searchList(this).some(([n, v]) => n === name && (value === undefined || v === usv(value)));
    }

    set(name, value) {
        const list = searchList(this);
        name = usv(name);
        value = usv(value);
        const first = list.findIndex(([n]) => n === name);
        if (first < 0) {
            list.push([name, value]);
        } else {
            list[first][1] = value;
            const rest = list.filter(([n], i) => i <= first || n !== name);
            list.length = 0;
            list.push(...rest);
        }
        searchParamsChanged(this);
    }

    sort() {
        // Stable, by UTF-16 code units, as the standard says.
        const list = searchList(this);
        list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        searchParamsChanged(this);
    }

    forEach(callback, thisArg = undefined) {
        const list = searchList(this);
        forEachPair(this, () => list, callback, thisArg, execute("forEach", "URLSearchParams"));
    }

    keys() { const list = searchList(this); return searchParamsIterator(() => list, "keys"); }
    values() { const list = searchList(this); return searchParamsIterator(() => list, "values"); }
    entries() { const list = searchList(this); return searchParamsIterator(() => list, "entries"); }

    toString() {
        return searchList(this).map(([n, v]) => `${native.formEncode(n)}=${native.formEncode(v)}`).join("&");
    }
}
webInterface(URLSearchParams);

// For the files after this one, whatever page code later does to the globals.
const URLClass = URL;
const URLSearchParamsClass = URLSearchParams;
