//! Builds what the binary carries: the syntax and theme sets (our own compact grammars
//! from `assets/syntaxes` and two bundled themes, so start-up deserializes a few
//! kilobytes instead of syntect's full default set), the course with each file deflated,
//! and the shell completions and manual page generated from the command line's
//! definitions, deflated too. Packing them here keeps the binary small for classroom
//! laptops (issue 18): the course shrinks to a quarter, and the generators stay out of it.
//! The two dumps stay as they are: deflating them would save 20 KB and cost every start
//! an inflate.

use std::fs;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use syntect::dumps::dump_to_uncompressed_file;
use syntect::highlighting::ThemeSet;
use syntect::parsing::SyntaxSetBuilder;

/// Dark and light themes from syntect's bundled set.
const SHIPPED_THEMES: &[&str] = &["base16-ocean.dark", "InspiredGitHub"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=lessons");
    println!("cargo:rerun-if-changed=assets/syntaxes");
    println!("cargo:rerun-if-changed=src/cli.rs");
    // The version in `manabi --version` and the manual page.
    println!("cargo:rerun-if-changed=Cargo.toml");
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

    let course = out_dir.join("course");
    if let Err(error) = fs::remove_dir_all(&course)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        panic!("cannot clear {}: {error}", course.display());
    }
    pack_folder(Path::new("lessons"), &course);
    pack_shell_files(&out_dir);
}

/// The command line's definitions, compiled here only to describe them.
#[allow(dead_code)]
#[path = "src/cli.rs"]
mod cli;

/// Every file under `from` deflated into the same place under `to`, for the binary to
/// embed with `include_dir!` and inflate when the course reads it.
fn pack_folder(from: &Path, to: &Path) {
    if let Err(error) = fs::create_dir_all(to) {
        panic!("cannot make {}: {error}", to.display());
    }
    let entries = match fs::read_dir(from) {
        Ok(entries) => entries,
        Err(error) => panic!("cannot read {}: {error}", from.display()),
    };
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(error) => panic!("cannot read {}: {error}", from.display()),
        };
        let Some(name) = path.file_name() else {
            continue;
        };
        if path.is_dir() {
            pack_folder(&path, &to.join(name));
        } else {
            match fs::read(&path) {
                Ok(bytes) => write_packed(&to.join(name), &bytes),
                Err(error) => panic!("cannot read {}: {error}", path.display()),
            }
        }
    }
}

/// `manabi completions bash|zsh|fish` and `manabi man` print these, inflated.
fn pack_shell_files(out_dir: &Path) {
    let mut command = cli::Cli::command();
    for (shell, file) in [
        (Shell::Bash, "manabi.bash"),
        (Shell::Zsh, "_manabi"),
        (Shell::Fish, "manabi.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, "manabi", &mut script);
        write_packed(&out_dir.join(file), &script);
    }
    let mut page = Vec::new();
    if let Err(error) = clap_mangen::Man::new(command).render(&mut page) {
        panic!("cannot render the manual page: {error}");
    }
    write_packed(&out_dir.join("manabi.1"), &page);
}

fn write_packed(path: &Path, bytes: &[u8]) {
    let packed = miniz_oxide::deflate::compress_to_vec(bytes, 10);
    if let Err(error) = fs::write(path, packed) {
        panic!("cannot write {}: {error}", path.display());
    }
}
