// WebIDL's shape for the interfaces the other files define as classes, so page code that inspects them sees
// what a browser shows: members on the prototype, enumerable; `constructor` after them; the interface name as
// `Symbol.toStringTag`; Chrome's `length`; and "Illegal invocation" for a member used on the wrong object.

function illegalInvocation() {
    return new TypeError("Illegal invocation");
}

// Gives `Class` WebIDL's shape. `length`, when given, is the constructor's (a class takes its constructor's
// parameter count, which internal constructors need to differ from). `order` lists the prototype's own keys
// where Chrome does not put `constructor` last.
function webInterface(Class, name, length = undefined, order = undefined) {
    const proto = Class.prototype;
    const keys = order ?? [...Reflect.ownKeys(proto).filter((key) => key !== "constructor"), "constructor"];
    const descriptors = keys.map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)]);
    for (const [key] of descriptors) delete proto[key];
    for (const [key, descriptor] of descriptors) {
        // WebIDL makes operations and attributes enumerable; `constructor` and symbols stay as they are.
        if (key !== "constructor" && typeof key === "string") descriptor.enumerable = true;
        Object.defineProperty(proto, key, descriptor);
    }
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
    if (length !== undefined) Object.defineProperty(Class, "length", { value: length, configurable: true });
}

// The prototype of an interface's iterators ("URLSearchParams Iterator", ...): `next` over the pairs `list`
// gives keys, values or entries.
function iteratorPrototype(tag) {
    const ArrayIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    const proto = Object.create(ArrayIteratorPrototype);
    const state = new WeakMap();
    Object.defineProperty(proto, "next", {
        value: {
            next() {
                const it = state.get(this);
                if (it === undefined) throw illegalInvocation();
                if (it.index >= it.list.length) return { value: undefined, done: true };
                const [key, value] = it.list[it.index++];
                return { value: it.kind === "keys" ? key : it.kind === "values" ? value : [key, value], done: false };
            },
        }.next,
        writable: true,
        enumerable: true,
        configurable: true,
    });
    Object.defineProperty(proto, Symbol.toStringTag, { value: tag, configurable: true });
    return (list, kind) => {
        const iterator = Object.create(proto);
        state.set(iterator, { list, kind, index: 0 });
        return iterator;
    };
}
