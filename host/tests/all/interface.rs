//! The built image against the interface table (`jscell_wire::abi`): the same exports and imports, with the
//! same names and wasm types, so neither side can drift from the declaration.

use jscell_host::wire::abi::{self, Function};

fn sorted(functions: &[Function]) -> Vec<(String, String, String)> {
    let mut rows: Vec<_> = functions
        .iter()
        .map(|f| (f.module.to_string(), f.name.to_string(), format!("{:?} -> {:?}", f.params, f.results)))
        .collect();
    rows.sort();
    rows
}

#[test]
fn the_image_matches_the_interface_table() {
    let image = jscell_host::image_interface().expect("the image loads");
    let shipped = abi::EXPORTS.iter().filter(|export| !abi::BUILD_ONLY.contains(export));
    let declared: Vec<Function> = shipped.chain(abi::IMPORTS.iter()).copied().collect();
    assert_eq!(sorted(&image), sorted(&declared));
}
