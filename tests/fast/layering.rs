//! The folders of `src/` in layers (DESIGN.md §5): each imports only the
//! ones below it. Listed lowest first; a `crate::X` in a module of a folder
//! that is not below it fails here, naming the file and the import.

use std::path::Path;

const LAYERS: &[&str] = &[
    "text",
    "exit",
    "cli",
    "private_files",
    "slack",
    "emulator",
    "model",
    "keys",
    "journal",
    "decision",
    "read_only",
    "cache",
    "config",
    "logging",
    "connect",
    "app",
    "ui",
    "runtime",
    "commands",
    // Unit tests that drive `update` and read the screen through `ui`.
    "tests",
];

fn rank(name: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == name)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_folder_imports_only_folders_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative.iter().next().unwrap().to_str().unwrap();
        let top = top.trim_end_matches(".rs");
        if top == "lib" || top == "main" {
            continue;
        }
        let own = rank(top).unwrap_or_else(|| panic!("{top} is in no layer: add it to LAYERS"));
        let text = std::fs::read_to_string(file).unwrap();
        for (at, _) in text.match_indices("crate::") {
            let used: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let Some(theirs) = rank(&used) else { continue };
            if theirs > own {
                let line = text[..at].lines().count();
                upward.push(format!(
                    "{}:{line} imports crate::{used}",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that go upward:\n{}",
        upward.join("\n")
    );
}

#[test]
fn every_folder_of_src_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let name = name.trim_end_matches(".rs");
        if name != "lib" && name != "main" {
            assert!(rank(name).is_some(), "src/{name} is in no layer");
        }
    }
}
