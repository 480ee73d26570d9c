//! Builds the syntax and theme sets the binary ships: our own compact grammars from
//! `assets/syntaxes` and two bundled themes, so start-up deserializes a few kilobytes
//! instead of syntect's full default set.

use std::path::PathBuf;

use syntect::dumps::dump_to_uncompressed_file;
use syntect::highlighting::ThemeSet;
use syntect::parsing::SyntaxSetBuilder;

/// Dark and light themes from syntect's bundled set.
const SHIPPED_THEMES: &[&str] = &["base16-ocean.dark", "InspiredGitHub"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=lessons");
    println!("cargo:rerun-if-changed=assets/syntaxes");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());

    let mut shipped = SyntaxSetBuilder::new();
    if let Err(error) = shipped.add_from_folder("assets/syntaxes", true) {
        panic!("assets/syntaxes has a grammar syntect cannot load: {error}");
    }
    let syntaxes = shipped.build();
    let unlinked = syntaxes.find_unlinked_contexts();
    assert!(
        unlinked.is_empty(),
        "shipped syntaxes reference missing contexts: {unlinked:?}"
    );
    if let Err(error) = dump_to_uncompressed_file(&syntaxes, out_dir.join("syntaxes.bin")) {
        panic!("cannot write the syntax dump: {error}");
    }

    let mut themes = ThemeSet::load_defaults();
    themes
        .themes
        .retain(|name, _| SHIPPED_THEMES.contains(&name.as_str()));
    assert_eq!(
        themes.themes.len(),
        SHIPPED_THEMES.len(),
        "a shipped theme is missing"
    );
    if let Err(error) = dump_to_uncompressed_file(&themes, out_dir.join("themes.bin")) {
        panic!("cannot write the theme dump: {error}");
    }
}
