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
        // Test modules too: they may not reach upward either.
        for used in used_paths(&text, &module_path(relative), true) {
            let Some(first) = used.first() else { continue };
            let Some(theirs) = rank(first) else { continue };
            if theirs > own {
                upward.push(format!(
                    "{} imports crate::{}",
                    relative.display(),
                    used.join("::")
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

/// The module path of a file under `src/`: `app/flow/grace.rs` is
/// `app::flow::grace`, `app/flow/mod.rs` is `app::flow`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut path: Vec<String> = relative
        .iter()
        .map(|part| part.to_str().unwrap().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(
        path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        path.pop();
    }
    path
}

/// Every path a `crate::` or `super::` use names, groups expanded, made
/// absolute; the test modules at the end of a file only `with_tests`.
fn used_paths(text: &str, module: &[String], with_tests: bool) -> Vec<Vec<String>> {
    let code = if with_tests {
        text
    } else {
        text.split("#[cfg(test)]").next().unwrap()
    };
    let code: String = code
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    // `super` is the parent of the module, whether it is a file or a folder's mod.rs.
    let parent = &module[..module.len().saturating_sub(1)];
    let mut found = Vec::new();
    for (root, base) in [("crate::", &[][..]), ("super::", parent)] {
        for (at, _) in code.match_indices(root) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            expand(&code[at + root.len()..], base.to_vec(), &mut found);
        }
    }
    found
}

/// Read one path (or a `{…}` group of them) at the start of `text`.
fn expand(text: &str, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut rest = text.trim_start();
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        expand(&group[start..i], prefix.clone(), out);
                        return;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&group[start..i], prefix.clone(), out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            return;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            break;
        }
        if name != "self" {
            prefix.push(name.clone());
        }
        rest = &rest[name.len()..];
        match rest.strip_prefix("::") {
            Some(more) => rest = more.trim_start(),
            None => break,
        }
    }
    out.push(prefix);
}

/// Whether `path` (under `src/`) is a module: a file or a folder.
fn is_module(src: &Path, path: &[String]) -> bool {
    let joined: std::path::PathBuf = path.iter().collect();
    src.join(&joined).is_dir() || src.join(joined).with_extension("rs").is_file()
}

#[test]
fn no_folder_has_an_import_circle_among_its_modules() {
    use std::collections::{BTreeMap, BTreeSet};
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Folder -> (module -> modules of the same folder it imports).
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let module = module_path(relative);
        let text = std::fs::read_to_string(file).unwrap();
        for used in used_paths(&text, &module, false) {
            let common = module.iter().zip(&used).take_while(|(a, b)| a == b).count();
            if common >= module.len() || common >= used.len() {
                continue;
            }
            if !is_module(&src, &used[..=common]) {
                continue;
            }
            graphs
                .entry(module[..common].to_vec())
                .or_default()
                .entry(module[common].clone())
                .or_default()
                .insert(used[common].clone());
        }
    }
    let mut circles = BTreeSet::new();
    for (folder, graph) in &graphs {
        // A module is in a circle when it can reach itself.
        for start in graph.keys() {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<Vec<&String>> = vec![vec![start]];
            while let Some(trail) = stack.pop() {
                let last = *trail.last().unwrap();
                for next in graph.get(last).into_iter().flatten() {
                    if next == start {
                        let mut names: Vec<&str> = trail.iter().map(|s| s.as_str()).collect();
                        names.sort();
                        circles.insert(format!("src/{}: {}", folder.join("/"), names.join(", ")));
                    } else if seen.insert(next) {
                        let mut longer = trail.clone();
                        longer.push(next);
                        stack.push(longer);
                    }
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules of one folder that import each other in a circle:\n{}",
        circles.into_iter().collect::<Vec<_>>().join("\n")
    );
}
