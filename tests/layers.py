"""The import rules of the house, read off the source (tests/test_layers.py applies them).

- Apps depend downward by rank: an app imports only apps of lower rank (same rank: never).
- `plantskola.access` imports models (and itself) only; models never import it.
- Within an app: models ← access ← selectors/services ← forms ← views/urls/admin/commands.
- `plantskola.composition` imports nothing of Django or of the rest of Plantskola.
- No function-local `from plantskola…` import outside `apps.py` and migrations.
- No cycle between modules (imports at module level; `if TYPE_CHECKING:` blocks excluded).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "plantskola"

# The apps, lowest first. Apps of the same rank must not import each other.
APP_RANKS: Mapping[str, int] = {
    "core": 0,
    "privacy": 1,
    "competencies": 2,
    "programmes": 3,
    "admissions": 4,
    "development": 4,
    "diplomas": 4,
    "events": 4,
    "evaluations": 5,
    "insights": 6,
    "api": 7,
    "demo": 8,
}
ACCESS = "access"
COMPOSITION = "composition"

# Roles of modules inside an app, by the last part of their dotted name; a module's role may
# import roles of the same or a lower level only. Modules of other names have no role.
ROLE_LEVELS: Mapping[str, int] = {
    "models": 0,
    "selectors": 2,
    "services": 2,
    "forms": 3,
    "views": 4,
    "urls": 4,
    "admin": 4,
}
ACCESS_LEVEL = 1


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (or package)
    line: int
    local: bool  # inside a function or method
    type_checking: bool  # inside `if TYPE_CHECKING:`


@dataclass
class Module:
    name: str
    path: Path
    imports: list[Import] = field(default_factory=list)


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(
    node: ast.AST, *, local: bool, type_checking: bool
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, local, type_checking
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _walk(child, local=True, type_checking=type_checking)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield from _walk_stmt(stmt, local=local, type_checking=True)
            for stmt in child.orelse:
                yield from _walk_stmt(stmt, local=local, type_checking=type_checking)
        else:
            yield from _walk(child, local=local, type_checking=type_checking)


def _walk_stmt(
    stmt: ast.stmt, *, local: bool, type_checking: bool
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool, bool]]:
    if isinstance(stmt, ast.Import | ast.ImportFrom):
        yield stmt, local, type_checking
    else:
        yield from _walk(stmt, local=local, type_checking=type_checking)


def parse_imports(name: str, source: str, known: set[str]) -> list[Import]:
    """Every import of a `plantskola` module in `source`, resolved to the module it loads:
    `from plantskola.a import b` is `plantskola.a.b` when that is a module, else `plantskola.a`."""
    tree = ast.parse(source)
    found: list[Import] = []
    package = name if name in known and _is_package(name, known) else name.rpartition(".")[0]
    for node, local, type_checking in _walk(tree, local=False, type_checking=False):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = []
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                targets.append(candidate if candidate in known else base)
        for target in targets:
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                found.append(Import(name, target, node.lineno, local, type_checking))
    return found


def _is_package(name: str, known: set[str]) -> bool:
    prefix = name + "."
    return any(other.startswith(prefix) for other in known)


def load_modules(root: Path = ROOT) -> dict[str, Module]:
    paths = [p for p in sorted((root / PACKAGE).rglob("*.py")) if "migrations" not in p.parts]
    modules = {module_name(p, root): Module(module_name(p, root), p) for p in paths}
    known = set(modules)
    for module in modules.values():
        module.imports = parse_imports(module.name, module.path.read_text(), known)
    return modules


# --- the rules -----------------------------------------------------------------------------


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def role_of(module: str) -> int | None:
    parts = module.split(".")
    if app_of(module) == ACCESS:
        return ACCESS_LEVEL
    if "management" in parts:
        return ROLE_LEVELS["views"]
    return ROLE_LEVELS.get(parts[-1])


def _is_models(module: str) -> bool:
    return module.split(".")[-1] == "models"


def violations(modules: Mapping[str, Module]) -> list[str]:
    problems: list[str] = []
    for module in modules.values():
        for imp in module.imports:
            problems.extend(_check(imp, module))
    problems.extend(f"import cycle: {' -> '.join(c)}" for c in cycles(modules))
    return problems


def _check(imp: Import, module: Module) -> Iterable[str]:
    where = f"{imp.source} (line {imp.line}) imports {imp.target}"
    source_app, target_app = app_of(imp.source), app_of(imp.target)
    if imp.local and module.path.name != "apps.py":
        yield f"function-local import: {where}"
    if source_app == COMPOSITION and target_app != COMPOSITION:
        yield f"composition depends on Plantskola: {where}"
    if source_app == ACCESS and not (target_app == ACCESS or _is_models(imp.target)):
        yield f"access imports more than models: {where}"
    if _is_models(imp.source) and target_app == ACCESS:
        yield f"models import the access layer: {where}"
    source_rank = APP_RANKS.get(source_app or "")
    target_rank = APP_RANKS.get(target_app or "")
    if (
        source_rank is not None
        and target_rank is not None
        and source_app != target_app
        and target_rank >= source_rank
    ):
        yield f"{source_app} imports the app {target_app}, not below it: {where}"
    source_role, target_role = role_of(imp.source), role_of(imp.target)
    if source_role is not None and target_role is not None and target_role > source_role:
        yield f"lower layer imports a higher one: {where}"


def cycles(modules: Mapping[str, Module]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), over the imports a
    module executes when it is loaded."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for module in modules.values():
        for imp in module.imports:
            if not imp.local and not imp.type_checking and imp.target in modules:
                if imp.target != module.name:
                    graph[module.name].add(imp.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found
