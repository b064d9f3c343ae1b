"""The package's layout keeps its promises: one public face, no import cycle, no reaching into privates.

The modules are read as source (with :mod:`ast`), so these tests see every import, those
inside functions included; only the imports under ``if TYPE_CHECKING:`` are left out, as
they never run.
"""

from __future__ import annotations

import ast
import functools
import importlib
from pathlib import Path

import pytest

import eu_ca_partnership as eca

PACKAGE = Path(eca.__file__).parent
MODULES = {path.stem: path for path in sorted(PACKAGE.glob("*.py"))}


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text("utf-8"))


def _runs(tree: ast.AST) -> list[ast.AST]:
    """Every node that runs: the bodies of ``if TYPE_CHECKING:`` blocks are left out."""
    nodes: list[ast.AST] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        nodes.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return nodes


def _imports(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """``(module imported from, names imported)`` for every import of the package that runs."""
    found = []
    for node in _runs(_tree(name)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or (node.module or "").startswith("eu_ca_partnership"):
                found.append((node.module or "", tuple(alias.name for alias in node.names)))
        elif isinstance(node, ast.Import):
            found += [(alias.name, ()) for alias in node.names if alias.name.startswith("eu_ca_partnership")]
    return found


@functools.cache
def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name in MODULES:
        for module, names in _imports(name):
            if module:
                graph[name].add(module.removeprefix("eu_ca_partnership."))
            else:  # ``from . import x``: a submodule, or a name of the package face
                graph[name].update(n if n in MODULES else "__init__" for n in names)
    return graph


@pytest.mark.parametrize("name", [n for n in MODULES if n not in ("__init__", "__main__")])
def test_no_module_imports_from_the_package_face(name: str) -> None:
    assert "__init__" not in _graph()[name]
    assert "eu_ca_partnership" not in _graph()[name]


def test_there_is_no_import_cycle() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle: {' -> '.join((*path, name))}"
        if name in done:
            return
        for imported in sorted(graph.get(name, ())):
            visit(imported, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


@pytest.mark.parametrize("name", list(MODULES))
def test_no_module_uses_another_modules_private_names(name: str) -> None:
    modules_bound: set[str] = set()
    for module, names in _imports(name):
        private = [n for n in names if n.startswith("_") and not n.startswith("__") and n not in MODULES]
        assert not private, f"{name} imports private {private} from {module or '.'}"
        modules_bound.update(n for n in names if n in MODULES)
    for node in _runs(_tree(name)):
        bound = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        if bound and node.value.id in modules_bound and node.attr.startswith("_") and node.attr[1] != "_":
            pytest.fail(f"{name} uses {node.value.id}.{node.attr}")


def test_the_model_does_not_import_its_html_view() -> None:
    assert "_display" not in _graph()["_model"]


# -- the public face -------------------------------------------------------------------------------


def _face_modules() -> tuple[list[str], tuple[str, ...]]:
    """The modules the type checkers read (``from .x import *``) and those resolved at run time."""
    static = [
        node.module or ""
        for node in ast.walk(_tree("__init__"))
        if isinstance(node, ast.ImportFrom) and node.level == 1 and [a.name for a in node.names] == ["*"]
    ]
    face: tuple[str, ...] = vars(eca)["_FACE"]
    return static, face


def test_the_static_view_and_the_run_time_face_read_the_same_modules() -> None:
    static, face = _face_modules()
    assert sorted(m for m in static if m != "exceptions") == sorted(face)


def test_all_is_the_union_of_the_modules_declarations() -> None:
    _, face = _face_modules()
    declared = {"__version__", *eca.exceptions.__all__}
    for module in face:
        names = importlib.import_module(f"eu_ca_partnership.{module}").__all__
        assert not declared & set(names), f"{module} declares a name another module declares"
        declared.update(names)
    assert sorted(declared) == eca.__all__


def test_every_public_name_resolves_and_dir_lists_it() -> None:
    listed = set(dir(eca))
    for name in eca.__all__:
        assert name in listed
        assert getattr(eca, name) is not None


def test_lazy_resolution_gives_the_object_of_the_defining_module() -> None:
    _, face = _face_modules()
    for module_name in face:
        module = importlib.import_module(f"eu_ca_partnership.{module_name}")
        for name in module.__all__:
            assert getattr(eca, name) is getattr(module, name), name


def test_a_private_or_unknown_name_is_not_resolved() -> None:
    for name in ("_not_a_module", "NOT_A_NAME", "__wrapped__"):
        with pytest.raises(AttributeError):
            getattr(eca, name)
