"""Layering of the generator package: no import cycles, and the derived model below render and export.

Imports are read from the source (every `import` and `from … import`, also inside functions),
so a cycle hidden behind a deferred import counts as well. A module importing a submodule of a
package (`from generator.enrich import domain`) depends on that submodule, and on the packages
Python runs on the way (`generator/enrich/__init__.py`) unless it lives inside them itself.
"""
from __future__ import annotations

import ast
import functools
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = REPO_ROOT / "generator"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The generator modules `name` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                out.add(full if full in known else base)
    with_parents = set()
    for target in out:
        parts = target.split(".")
        for depth in range(2, len(parts) + 1):
            ancestor = ".".join(parts[:depth])
            if depth == len(parts) or not (name == ancestor or name.startswith(ancestor + ".")):
                with_parents.add(ancestor)
    return {m for m in with_parents if m in known and m != name}


@functools.lru_cache(maxsize=1)
def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(out)


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_the_import_reader_sees_deferred_and_submodule_imports(tmp_path):
    source = tmp_path / "generator" / "x.py"
    source.parent.mkdir()
    source.write_text("def f():\n    from generator.enrich import domain\n    import generator.search\n", encoding="utf-8")
    known = {"generator.enrich", "generator.enrich.domain", "generator.search"}
    assert imports_of("generator.x", source, known) == {"generator.enrich", "generator.enrich.domain", "generator.search"}


def test_a_module_does_not_depend_on_the_package_it_lives_in(tmp_path):
    source = tmp_path / "generator" / "render" / "home.py"
    source.parent.mkdir(parents=True)
    source.write_text("from generator.render import base\n", encoding="utf-8")
    known = {"generator.render", "generator.render.base", "generator.render.home"}
    assert imports_of("generator.render.home", source, known) == {"generator.render.base"}


def test_no_import_cycle_inside_the_generator_package():
    assert cycles(graph()) == []


def test_domain_model_imports_nothing_from_render_export_or_commands():
    edges = graph()
    below = [m for m in edges if m.startswith("generator.enrich")]
    above = ("generator.render", "generator.export", "generator.commands", "generator.search", "generator.ideas")
    offending = {m: sorted(t for t in edges[m] if t.startswith(above)) for m in below}
    assert {m: t for m, t in offending.items() if t} == {}


def test_search_and_ideas_do_not_import_the_exporters():
    edges = graph()
    for module in ("generator.search", "generator.ideas"):
        assert not [t for t in edges[module] if t.startswith("generator.export")], module
