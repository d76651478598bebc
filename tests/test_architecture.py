"""The house as the pipeline: a tree a new engineer can read the flow from, and imports one way only."""

from __future__ import annotations

import ast

from conftest import REPO

PACKAGE = REPO / "src" / "orgcheck"
# The order of the pipeline (pyproject.toml's layers contract holds it for every import).
PIPELINE = ("doors", "survey", "questionnaire", "report", "engine", "answers", "pack", "store", "yamlio")


def _graph():
    import grimp

    return grimp.build_graph("orgcheck")


def test_there_is_no_circle_of_imports_anywhere_in_the_package():
    """Function-level and TYPE_CHECKING imports count too: a circle hidden that way is still one."""
    graph = _graph()
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if not imported.startswith("orgcheck"):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert circles == []


def test_the_top_of_the_package_holds_the_shared_base_and_the_pipeline_its_packages():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 6, modules
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(PIPELINE)


def test_every_package_says_what_it_owns_and_names_each_of_its_modules():
    for init in sorted(PACKAGE.rglob("__init__.py")):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init.relative_to(REPO)} has no docstring"
        if init.parent.name in PIPELINE:
            for module in sorted(init.parent.glob("*.py")):
                if module.name != "__init__.py":
                    assert module.name in docstring, f"{init.relative_to(REPO)} does not name {module.name}"
