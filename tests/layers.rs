//! The crate's layer order, enforced (in the spirit of rust-analyzer's tidy tests): every `crate::` and
//! `super::` path under `src/` is read, resolved to the module file it names, and checked against the
//! order below. An import against the order, or any cycle between module files, fails with the line.
//!
//! Re-exports (`pub use`) and `mod` declarations are not dependencies: a parent that re-exports its
//! children does not depend on them. Paths relative to the current module (`child::x`) are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import from its own layer (if no cycle results) or below.
/// `lib.rs` (the crate root's facade) is above everything; a module must not import through it.
const LAYERS: &[&[&str]] = &[
    // Leaves: they import nothing of the crate.
    &["text", "value"],
    &["number"],
    // The one registry of inputs: ids, link names, labels, units, header synonyms.
    &["fields"],
    // Rule packs as data: the ruleset, the pack reader, the built-in pack, the catalogue.
    &["rules"],
    // What a community is: validated inputs, the land-stage estimate.
    &["input", "estimate"],
    &["engine"],
    // Advice on a result, and the line saying which standards made it.
    &["plan", "standards"],
    // The widget's pure state (typed text, the link).
    &["form", "session", "comparison"],
    &["batch"],
    // The JS boundary: host values in and out, JSON text, the page's loaded packs.
    &["host"],
    &["json"],
    &["registry"],
    // Entry points.
    &["api", "ui"],
];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&top))
}

/// A module path (`["batch", "check"]`) for every `.rs` file under `src/` but the binaries.
fn module_files(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut files = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap().with_extension("");
            let mut module: Vec<String> = relative
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if module
                .last()
                .is_some_and(|last| last == "mod" || last == "lib")
            {
                module.pop();
            }
            files.insert(module, path);
        }
    }
    files
}

/// One `crate::`/`super::` path as written: where, and the module path it starts from.
#[derive(Debug)]
struct Import {
    line: usize,
    text: String,
    path: Vec<String>,
}

/// Strips `//` comments and string literals (so `"crate::x"` in a message is not an import).
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if chars.peek() == Some(&'/') => break,
            _ => out.push(c),
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths of a `use` tree or an expression starting at `rest` (just after `crate::`/`super::`):
/// `a::b`, `{a, b::{c, d}}`. Each returned path is relative to the start.
fn paths_after(rest: &str) -> Vec<Vec<String>> {
    let rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('{') {
        // Split the group's items at depth 0.
        let mut items = Vec::new();
        let (mut depth, mut start) = (0usize, 0usize);
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    items.push(&inner[start..i]);
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return items
            .into_iter()
            .filter(|item| !item.trim().is_empty())
            .flat_map(paths_after)
            .collect();
    }
    let ident: String = rest.chars().take_while(|&c| is_ident(c)).collect();
    if ident.is_empty() {
        return vec![vec![]];
    }
    let after = &rest[ident.len()..];
    if let Some(more) = after.strip_prefix("::") {
        return paths_after(more)
            .into_iter()
            .map(|mut tail| {
                tail.insert(0, ident.clone());
                tail
            })
            .collect();
    }
    vec![vec![ident]]
}

/// Every `crate::`/`super::` path of a file, resolved against `module` (its module path) and the
/// inline `mod x { … }` blocks the path sits in. `use` statements spanning lines are joined first.
fn imports(text: &str, module: &[String]) -> Vec<Import> {
    let mut found = Vec::new();
    // Inline modules open at a brace depth: (name, depth inside it).
    let mut inline: Vec<(String, i64)> = Vec::new();
    let mut depth: i64 = 0;
    let lines: Vec<String> = text.lines().map(code_of).collect();
    let mut i = 0;
    while i < lines.len() {
        let mut code = lines[i].clone();
        let first = i;
        let trimmed = code.trim_start();
        let is_use = trimmed.starts_with("use ") || trimmed.starts_with("pub use ");
        if is_use {
            while !code.contains(';') && i + 1 < lines.len() {
                i += 1;
                code.push_str(&lines[i]);
            }
        }
        let trimmed = code.trim_start().to_string();
        let reexport = trimmed.starts_with("pub use ") || trimmed.starts_with("pub(crate) use ");
        let declaration = trimmed.starts_with("mod ") || trimmed.starts_with("pub mod ");
        if !reexport && !declaration {
            let here: Vec<String> = module
                .iter()
                .cloned()
                .chain(inline.iter().map(|(name, _)| name.clone()))
                .collect();
            for (at, _) in code.match_indices("crate::") {
                if code[..at].ends_with(|c: char| is_ident(c) || c == ':') {
                    continue; // `facility_calc::crate::` cannot occur; `$crate::` in macros is skipped
                }
                for path in paths_after(&code[at + "crate::".len()..]) {
                    found.push(Import {
                        line: first + 1,
                        text: lines[first].trim().to_string(),
                        path,
                    });
                }
            }
            let mut search = 0;
            while let Some(offset) = code[search..].find("super::") {
                let at = search + offset;
                search = at + 1;
                if code[..at].ends_with(|c: char| is_ident(c) || c == ':') {
                    continue; // the second `super` of `super::super::` is handled with the first
                }
                let mut base = here.clone();
                let mut rest = &code[at..];
                while let Some(more) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = more;
                }
                for tail in paths_after(rest) {
                    let mut path = base.clone();
                    path.extend(tail);
                    found.push(Import {
                        line: first + 1,
                        text: lines[first].trim().to_string(),
                        path,
                    });
                }
            }
        }
        // Track inline modules by brace depth.
        let opens_inline = declaration && code.contains('{');
        for c in code.chars() {
            match c {
                '{' => depth += 1,
                '}' => {
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        if opens_inline {
            let name: String = code
                .trim_start()
                .trim_start_matches("pub ")
                .trim_start_matches("mod ")
                .chars()
                .take_while(|&c| is_ident(c))
                .collect();
            inline.push((name, depth));
        }
        i += 1;
    }
    found
}

/// The module file a path names: its longest prefix that is a file.
fn resolve<'a>(
    path: &[String],
    files: &'a BTreeMap<Vec<String>, PathBuf>,
) -> Option<&'a Vec<String>> {
    (0..=path.len())
        .rev()
        .find_map(|n| files.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// A module file's imports: (the file it imports, line, the line's text).
type Edges = Vec<(Vec<String>, usize, String)>;

struct Graph {
    edges: BTreeMap<Vec<String>, Edges>,
    violations: Vec<String>,
}

fn graph(src: &Path) -> Graph {
    let files = module_files(src);
    let mut edges: BTreeMap<Vec<String>, Edges> = BTreeMap::new();
    let mut violations = Vec::new();
    for (module, path) in &files {
        if module.is_empty() {
            continue; // lib.rs: the facade, above everything
        }
        let text = std::fs::read_to_string(path).unwrap();
        let from_layer = layer_of(&module[0]);
        let shown = path.strip_prefix(src.parent().unwrap()).unwrap().display();
        if from_layer.is_none() {
            violations.push(format!(
                "{shown}: module `{}` has no place in LAYERS (tests/layers.rs)",
                module[0]
            ));
        }
        for import in imports(&text, module) {
            let Some(target) = resolve(&import.path, &files) else {
                continue;
            };
            if target == module {
                continue;
            }
            if target.is_empty() {
                violations.push(format!(
                    "{shown}:{}: `{}` imports through the crate root (lib.rs); name the module it lives in",
                    import.line, import.text
                ));
                continue;
            }
            if let (Some(from), Some(to)) = (from_layer, layer_of(&target[0]))
                && to > from
            {
                violations.push(format!(
                    "{shown}:{}: `{}`: `{}` (layer {from}) imports `{}` (layer {to}), which is above it",
                    import.line,
                    import.text,
                    module.join("::"),
                    target.join("::"),
                ));
            }
            edges.entry(module.clone()).or_default().push((
                target.clone(),
                import.line,
                import.text.clone(),
            ));
        }
    }
    Graph { edges, violations }
}

/// A cycle between module files, as the chain of imports that closes it.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &Vec<String>,
        graph: &Graph,
        marks: &mut BTreeMap<Vec<String>, Mark>,
        stack: &mut Vec<(Vec<String>, String)>,
    ) -> Option<Vec<String>> {
        marks.insert(node.clone(), Mark::Open);
        for (next, line, text) in graph.edges.get(node).into_iter().flatten() {
            let step = format!("{}:{line}: {text}", node.join("::"));
            match marks.get(next) {
                Some(Mark::Open) => {
                    let start = stack.iter().position(|(n, _)| n == next).unwrap_or(0);
                    let mut chain: Vec<String> =
                        stack[start..].iter().map(|(_, s)| s.clone()).collect();
                    chain.push(step);
                    return Some(chain);
                }
                Some(Mark::Done) => {}
                None => {
                    stack.push((node.clone(), step));
                    if let Some(cycle) = visit(next, graph, marks, stack) {
                        return Some(cycle);
                    }
                    stack.pop();
                }
            }
        }
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    let nodes: BTreeSet<&Vec<String>> = graph.edges.keys().collect();
    for node in nodes {
        if !marks.contains_key(node) {
            let mut stack = Vec::new();
            if let Some(cycle) = visit(node, graph, &mut marks, &mut stack) {
                return Some(cycle);
            }
        }
    }
    None
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_import_follows_the_layer_order() {
    let graph = graph(&src());
    assert!(
        graph.violations.is_empty(),
        "imports against the layer order (see LAYERS in tests/layers.rs and ARCHITECTURE.md):\n{}",
        graph.violations.join("\n")
    );
}

#[test]
fn no_module_file_imports_itself_through_a_cycle() {
    let graph = graph(&src());
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "an import cycle between module files:\n{}",
            cycle.join("\n")
        );
    }
}

/// The checker itself: an inverted import and a cycle in a made-up tree are found, with their lines.
#[test]
fn the_checker_finds_an_inverted_import_and_a_cycle() {
    let dir = std::env::temp_dir().join(format!("layers-test-{}", std::process::id()));
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("batch")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod number;\npub mod engine;\n").unwrap();
    std::fs::write(
        src.join("number.rs"),
        "// crate::engine in a comment is not an import\nuse crate::engine::Figures;\nconst S: &str = \"crate::ui\";\n",
    )
    .unwrap();
    std::fs::write(src.join("engine.rs"), "use crate::number::parse;\n").unwrap();
    std::fs::write(
        src.join("batch/mod.rs"),
        "pub mod a;\npub mod b;\npub use a::X;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("batch/a.rs"),
        "use super::b::Y;\n#[cfg(test)]\nmod tests {\n    use super::Z;\n}\n",
    )
    .unwrap();
    std::fs::write(
        src.join("batch/b.rs"),
        "use crate::batch::{a::X, mod_level};\n",
    )
    .unwrap();
    let graph = graph(&src);
    assert_eq!(
        graph.violations,
        vec!["src/number.rs:2: `use crate::engine::Figures;`: `number` (layer 1) imports `engine` (layer 5), which is above it".to_string()],
    );
    let cycle = find_cycle(&graph).expect("engine ⇄ number, a ⇄ b");
    assert!(cycle.len() == 2, "{cycle:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
