// node's answers to a probe file (tests/fixtures/node_probes/*.json: a list of JS expressions), serialized by
// tests/fixtures/node_serialize.js, printed as one JSON list. Used by tests/test_node_probes.py.
const fs = require("fs");
const path = require("path");

const serialize = eval(fs.readFileSync(path.join(__dirname, "fixtures", "node_serialize.js"), "utf8"));
globalThis.require = require;

async function answer(probe) {
    try {
        return serialize(await (0, eval)(`(${probe})`));
    } catch (error) {
        return { threw: error && error.name, code: error && error.code };
    }
}

async function main() {
    const probes = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const answers = [];
    for (const probe of probes) {
        answers.push(await answer(probe));
    }
    process.stdout.write(JSON.stringify(answers));
}
main();
