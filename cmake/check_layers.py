#!/usr/bin/env python3
"""The include check of provident's layers (cmake/layers.txt, docs/architecture.md).

Every C/C++ file under a folder of the layer map may include headers of its own
layer and of the layers below it, never above; no folders include each other
(directly or through others); every folder of src/ must have a layer. A
violation names the file, the line, the header and both layers (or the folders
of the cycle), and the check exits 1. Run by the build (target provident_layers) and by ctest
(layers.includes).

  check_layers.py ROOT                   check the includes
  check_layers.py ROOT --docs FILE       also check FILE's layer table against the map
  check_layers.py ROOT --table           print the layer table (for docs/architecture.md)
  check_layers.py --self-test            plant violations in a scratch tree and require them reported

Standard library only.
"""
import os
import re
import sys
import tempfile

MAP = os.path.join("cmake", "layers.txt")
SOURCES = (".c", ".cc", ".cpp", ".h", ".hpp")
SCANNED = ("src", os.path.join("include", "provident"), "capi", "bindings")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
TABLE_BEGIN, TABLE_END = "<!-- layers:begin -->", "<!-- layers:end -->"


def read_map(root):
    """[(layer, [folders], what)] bottom to top."""
    layers = []
    with open(os.path.join(root, MAP), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, folders, what = (x.strip() for x in line.split("|"))
            layers.append((name, folders.split(), what))
    return layers


def folder_of(path, folders):
    """The mapped folder of a repository-relative path (its longest mapped prefix), or None."""
    best = None
    for folder in folders:
        if (path == folder or path.startswith(folder + "/")) and (best is None or len(folder) > len(best)):
            best = folder
    return best


def layer_of(path, folders):
    """The layer index of a repository-relative path, or None."""
    folder = folder_of(path, folders)
    return folders[folder] if folder else None


def cycles(edges):
    """The sets of folders that include each other, directly or through others (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def files_of(root):
    for top in SCANNED:
        for d, dirs, fs in os.walk(os.path.join(root, top)):
            dirs[:] = [x for x in dirs if not x.startswith(".") and x != "build" and x != "__pycache__"]
            for f in fs:
                if f.endswith(SOURCES):
                    yield os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/")


def resolve(root, path, quote, target):
    """The repository file an #include names, or None (a system or generated header)."""
    candidates = [os.path.join("src", target), os.path.join("include", target)]
    if quote == '"':
        candidates.insert(0, os.path.join(os.path.dirname(path), target))
    for c in candidates:
        c = os.path.normpath(c).replace(os.sep, "/")
        if os.path.isfile(os.path.join(root, c)):
            return c
    return None


def check(root):
    layers = read_map(root)
    names = [name for name, _, _ in layers]
    folders = {folder: i for i, (_, fs, _) in enumerate(layers) for folder in fs}
    problems, edges = [], {}
    src = os.path.join(root, "src")
    for d in sorted(os.listdir(src)) if os.path.isdir(src) else []:
        if os.path.isdir(os.path.join(src, d)) and layer_of("src/" + d, folders) is None:
            problems.append(f"src/{d}: a folder without a layer: give it one in {MAP}")
    for path in sorted(files_of(root)):
        mine = layer_of(path, folders)
        if mine is None:
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for m in INCLUDE.finditer(text):
            target = resolve(root, path, m.group(1), m.group(2))
            theirs = layer_of(target, folders) if target else None
            if theirs is not None and folder_of(target, folders) != folder_of(path, folders):
                edges.setdefault(folder_of(path, folders), set()).add(folder_of(target, folders))
            if theirs is not None and theirs > mine:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{path}:{line}: includes {target} ({names[theirs]}) from the lower layer {names[mine]}")
    problems += ["cycle between folders: " + " <-> ".join(c) for c in cycles(edges)]
    return problems


def table(root):
    rows = ["| layer | folders | what it holds |", "|---|---|---|"]
    for name, fs, what in read_map(root):
        rows.append(f"| {name} | {' '.join('`' + f + '`' for f in fs)} | {what} |")
    return "\n".join(rows)


def check_docs(root, doc):
    with open(os.path.join(root, doc), encoding="utf-8") as f:
        text = f.read()
    if TABLE_BEGIN not in text or TABLE_END not in text:
        return [f"{doc}: no layer table between {TABLE_BEGIN} and {TABLE_END}"]
    shown = text.split(TABLE_BEGIN, 1)[1].split(TABLE_END, 1)[0].strip()
    if shown != table(root):
        return [f"{doc}: the layer table differs from {MAP}; replace it with the output of "
                f"`python3 cmake/check_layers.py . --table`"]
    return []


def self_test():
    """The check must be able to fail: a call up, a folder without a layer, a stale table."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "cmake"))
        with open(os.path.join(here, MAP), encoding="utf-8") as f, open(os.path.join(root, MAP), "w", encoding="utf-8") as g:
            g.write(f.read())
        planted = {
            "src/state/world.hpp": '#include "engine/dispatcher.hpp"\n#include "json/json.hpp"\n',
            "src/engine/dispatcher.hpp": '#include "state/world.hpp"\n',
            "src/json/json.hpp": "\n",
            "src/hpf/a.hpp": '#include "si/b.hpp"\n',
            "src/si/b.hpp": '#include "hpf/a.hpp"\n',
            "src/unmapped/x.cpp": "\n",
            "docs/architecture.md": f"{TABLE_BEGIN}\n| layer |\n{TABLE_END}\n",
        }
        for p, text in planted.items():
            os.makedirs(os.path.dirname(os.path.join(root, p)), exist_ok=True)
            with open(os.path.join(root, p), "w", encoding="utf-8") as f:
                f.write(text)
        found = check(root) + check_docs(root, "docs/architecture.md")
    expected = ["src/state/world.hpp:1: includes src/engine/dispatcher.hpp (engine) from the lower layer state",
                "src/unmapped: a folder without a layer", "cycle between folders: src/engine <-> src/state",
                "cycle between folders: src/hpf <-> src/si", "docs/architecture.md: the layer table differs"]
    missing = [e for e in expected if not any(p.startswith(e) for p in found)]
    if missing or len(found) != len(expected):
        print("check_layers self-test failed:\n  found: " + "\n  found: ".join(found) + "\n  missing: " + "; ".join(missing))
        return 1
    print("check_layers self-test: the planted call up, cycles, unmapped folder and stale table are reported")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) < 2:
        print(__doc__)
        return 2
    root = argv[1]
    if argv[2:] == ["--table"]:
        print(table(root))
        return 0
    problems = check(root)
    if argv[2:3] == ["--docs"] and len(argv) == 4:
        problems += check_docs(root, argv[3])
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layer problem(s): see docs/architecture.md (what may include what)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
