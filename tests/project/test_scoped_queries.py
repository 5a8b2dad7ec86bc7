"""Fails the build when a view or API module reads patient data without scoping.

Every patient query in a view must go through ``visible_to(user)`` (directly or via
a selector that does). A view module may not name a patient-data model's manager.
"""

import ast
import pathlib

import pytest

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "forlop"
PATIENT_MODELS = {"Patient", "Pathway", "PathwayEvent", "PathwayState", "Referral",
                  "PathwayStatusChange", "CareTeamMember", "Consent", "Restriction",
                  "BreakGlass", "AccessLogEntry", "Notice"}
VIEW_MODULES = sorted(p for p in SRC.rglob("*.py") if p.name == "views.py" or "api" in p.parts
                      or p.parent.name == "views")


def unscoped_lookups(source: str) -> list[str]:
    """``Model.objects...`` chains on patient models that never call ``visible_to``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and node.attr == "objects"
                and isinstance(node.value, ast.Name) and node.value.id in PATIENT_MODELS):
            found.append(f"{node.value.id}.objects (line {node.lineno})")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in {"get_object_or_404", "get_list_or_404"} and node.args
                and isinstance(node.args[0], ast.Name) and node.args[0].id in PATIENT_MODELS):
            found.append(f"{node.func.id}({node.args[0].id}) (line {node.lineno})")
    scoped = {n.lineno for n in ast.walk(ast.parse(source))
              if isinstance(n, ast.Attribute) and n.attr == "visible_to"}
    return [f for f in found if int(f.rsplit(" ", 1)[1].rstrip(")")) not in scoped]


def test_there_are_view_modules_to_check():
    assert VIEW_MODULES


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_views_use_scoped_querysets_only(path):
    assert unscoped_lookups(path.read_text()) == []


def test_checker_catches_an_unscoped_lookup():
    assert unscoped_lookups("Pathway.objects.get(pk=1)") == ["Pathway.objects (line 1)"]


def test_checker_accepts_a_scoped_lookup():
    assert unscoped_lookups("Pathway.objects.visible_to(user).get(pk=1)") == []


def test_checker_catches_get_object_or_404_on_a_patient_model():
    assert unscoped_lookups("get_object_or_404(Consent, pk=1)") == [
        "get_object_or_404(Consent) (line 1)"]
