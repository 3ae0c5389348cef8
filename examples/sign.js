// A page-style signing function, for the command-line part of the demo (scripts/demo.sh).
function sign(data, ts) {
    let h = 0x811c9dc5;
    for (const ch of data + ':' + ts) {
        h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    }
    return { data, ts, signature: h.toString(16).padStart(8, '0') };
}
