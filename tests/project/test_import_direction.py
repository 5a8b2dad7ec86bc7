"""Imports go one way (ADR 15): no cycle between apps or modules, and no app imports
a layer above its own. The graph is read statically (``ast``) from every module of
``src/forlop``, imports inside functions included: a cycle "broken" by an import
inside a function is still a cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "forlop"

# Lowest first. A module may import its own layer and those below, never above.
# Within a layer, any direction without a cycle.
LAYERS = [
    ("kernel", {"kernel"}),
    # Shared by every app; they import nothing of forlop but the kernel.
    ("foundation", {"site", "appendonly", "hotpath", "websecurity", "bulkcopy", "ids"}),
    ("people and places", {"organisations", "patients", "accounts"}),
    ("pathways", {"pathways"}),
    ("access", {"access"}),
    ("pages", {"intake", "worklist", "reminders", "portal", "plans", "npr", "indicators",
               "collaboration", "followup", "api", "fhir", "messaging", "municipal",
               "gpcare",
               "pathways[pages]"}),
    ("tools", {"demo", "bench", "devtools"}),
    ("project", {"settings", "urls", "cli", "wsgi", "__main__", "__init__"}),
]

# The one exception, with its reason (ADR 15). The pathway's write services check
# the actor with ``access.authorize`` and its pages use ``access.guards``: they sit
# above access, in the pages layer, though they live in the pathways app. Moving
# them to an app of their own is the fix, left for later (a large move of services,
# views, templates and URLs). Counted as their own "app" for the cycle check.
PATHWAYS_PAGES = ("services", "views", "moves", "forms", "offer", "templatetags", "urls",
                  "management")
EXCEPTION_APP = "pathways[pages]"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def read_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the forlop modules it imports, at module level or inside functions."""
    files = {module_name(p): p for p in package.rglob("*.py") if "migrations" not in p.parts}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        here = module if path.name == "__init__.py" else module.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                # ``from a import b``: the module a.b when it is one, else a.
                targets |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                            for alias in node.names}
        graph[module] = {t for t in targets if t in files and t != module}
    return graph


def app_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    if parts[1] == "pathways" and len(parts) > 2 and parts[2] in PATHWAYS_PAGES:
        return EXCEPTION_APP
    return parts[1]


def layer_of(app: str) -> int:
    return next(i for i, (_, apps) in enumerate(LAYERS) if app in apps)


def app_graph(graph) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """App -> app it imports -> the module imports that make the edge."""
    apps: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for module, targets in graph.items():
        for target in targets:
            if app_of(module) != app_of(target):
                apps[app_of(module)][app_of(target)].append((module, target))
    return apps


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected component with more than one node
    (Tarjan), as a path that ends where it starts."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(_path_round(node, component, edges))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _path_round(start, component, edges) -> list[str]:
    """A shortest path from ``start`` back to itself inside ``component``."""
    paths, seen = [[start]], set()
    while paths:
        path = paths.pop(0)
        for nxt in sorted(edges.get(path[-1], ())):
            if nxt == start:
                return [*path, start]
            if nxt in component and nxt not in seen:
                seen.add(nxt)
                paths.append([*path, nxt])
    raise AssertionError("a component without a cycle")


def app_cycles(graph) -> list[str]:
    apps = app_graph(graph)
    return [" -> ".join(cycle) + "  (" + "; ".join(
        f"{apps[a][b][0][0]} imports {apps[a][b][0][1]}" for a, b in pairwise(cycle)) + ")"
        for cycle in cycles({a: set(b) for a, b in apps.items()})]


def against_the_layers(graph) -> list[str]:
    return sorted(f"{module} imports {target} ({app_of(module)} is below {app_of(target)})"
                  for module, targets in graph.items() for target in targets
                  if layer_of(app_of(module)) < layer_of(app_of(target)))


GRAPH = read_graph()


def test_the_graph_holds_imports_at_module_level_and_inside_functions():
    # worklist.views imports the guards at module level; access.apps installs the
    # pathway scopes from inside ``ready``.
    assert ({"forlop.access.guards"} <= GRAPH["forlop.worklist.views"],
            {"forlop.pathways.selectors"} <= GRAPH["forlop.access.apps"]) == (True, True)


def test_every_app_has_a_layer():
    unplaced = sorted({app_of(m) for m in GRAPH} - set().union(*(a for _, a in LAYERS)))
    assert unplaced == []


def test_no_cycle_between_apps():
    assert app_cycles(GRAPH) == []


def test_no_cycle_between_modules():
    assert [" -> ".join(c) for c in cycles(GRAPH)] == []


def test_the_kernel_imports_only_the_kernel():
    assert sorted(f"{m} imports {t}" for m, ts in GRAPH.items() if app_of(m) == "kernel"
                  for t in ts if app_of(t) != "kernel") == []


def test_no_app_imports_a_layer_above_its_own():
    assert against_the_layers(GRAPH) == []


def test_the_exception_is_still_needed():
    # When the pathway's services and pages move out of pathways, drop the exception.
    pages_import_access = {t for m, ts in GRAPH.items() if app_of(m) == EXCEPTION_APP
                           for t in ts if app_of(t) == "access"}
    assert pages_import_access != set()


# The checker itself can fail: a made-up graph with a cycle and an upward import.

def test_a_cycle_between_apps_is_reported_with_the_imports_that_make_it():
    graph = {"forlop.pathways.models": {"forlop.access.policy"},
             "forlop.access.policy": {"forlop.pathways.models"}}
    assert app_cycles(graph) == [
        "access -> pathways -> access  (forlop.access.policy imports forlop.pathways.models; "
        "forlop.pathways.models imports forlop.access.policy)"]


def test_a_cycle_between_modules_is_reported():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]


def test_an_import_against_the_layers_is_reported():
    graph = {"forlop.site.paging": {"forlop.worklist.views"}, "forlop.worklist.views": set()}
    assert against_the_layers(graph) == [
        "forlop.site.paging imports forlop.worklist.views (site is below worklist)"]


def test_the_pathway_pages_sit_above_access_and_the_pathway_models_below():
    assert (layer_of(app_of("forlop.pathways.services.register"))
            > layer_of("access") > layer_of(app_of("forlop.pathways.models"))) is True
