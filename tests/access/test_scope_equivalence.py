"""The worklist's resolved scope, ``visible_to`` and ``access_to`` agree, for every
persona of a world with every basis, and for small random worlds (hypothesis)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forlop.access.permissions import Permission
from forlop.access.policy import access_to
from forlop.accounts.models import User
from forlop.pathways.models import Pathway
from forlop.worklist.selectors import page_rows, resolve_scope, worklist_for
from tests import factories
from tests.access import builders as b
from tests.access.world import EXPECTED_OPEN, PERSONAS, build_world


def disagreements(user) -> list[str]:
    """Where the worklist, ``visible_to`` and ``access_to`` disagree for this user."""
    problems = []
    scope = resolve_scope(user)
    rows = {state.pathway_id: state.pathway for state in worklist_for(user, scope)}
    seen = dict(Pathway.objects.visible_to(user).values_list("pk", "is_open"))
    if set(rows) != {pk for pk, is_open in seen.items() if is_open}:
        problems.append(f"worklist {sorted(rows)} != visible_to.open {sorted(seen)}")
    fast, total = page_rows(scope, 0, 1000)
    if [r.pathway_id for r in fast] != list(rows) or (fast and total != len(rows)):
        problems.append(f"page_rows {[r.pathway_id for r in fast]} ({total}) != {list(rows)}")
    access = {p.pk: access_to(user, p) for p in Pathway.objects.select_related("patient")}
    viewable = {pk for pk, a in access.items() if a.can(Permission.VIEW_PATHWAY)}
    if viewable != set(seen):
        problems.append(f"access_to {sorted(viewable)} != visible_to {sorted(seen)}")
    for pk, pathway in rows.items():
        touch, bases = scope.touch(pathway), access[pk].bases
        if touch.basis not in bases:
            problems.append(f"logged basis {touch.basis} for {pk}, access_to has {bases}")
    return problems


@pytest.fixture
def world(org):
    return build_world(org)


def test_every_persona_sees_what_it_should_everywhere_alike(world):
    names = {p.pk: name for name, p in world.pathways.items()}
    problems = {}
    for persona in PERSONAS:
        user = world.users[persona]
        seen = {names[pk] for pk in b.on_worklist(user)}
        if seen != EXPECTED_OPEN[persona]:
            problems[persona] = [f"worklist shows {sorted(seen)}"]
        problems[persona] = problems.get(persona, []) + disagreements(user)
    assert {k: v for k, v in problems.items() if v} == {}


def test_unit_rows_are_logged_with_role_and_unit(world, org):
    scope = resolve_scope(world.users["leader"])
    touch = scope.touch(world.pathways["P2.voksne"])
    assert (touch.basis, touch.role, touch.unit_id) == ("unit", "leader", org.unit_a2.pk)
    glass = resolve_scope(world.users["glass"])
    assert glass.touch(world.pathways["P4.tsb"]).basis == "break_glass"
    assert world.patients["P1"].pk in glass.barred
    assert world.pathways["P4.tsb"].pk not in resolve_scope(world.users["glass_b"]).extra


# ---- small random worlds ------------------------------------------------------------

ROLES = [("coordinator", "unit_a"), ("clinician", "unit_b"), ("secretary", "unit_a2"),
         ("leader", "unit_a"), ("municipal_coordinator", "municipality"),
         ("coordinating_unit_lead", "municipality"), ("gp", None), ("relative", None)]
N_USERS, STATUSES = 3, ["active", "revoked", "expired", "not_started"]
idx = st.integers(min_value=0, max_value=N_USERS - 1)
pathway_idx = st.integers(min_value=0, max_value=4)  # five pathways in the base below

WORLDS = st.fixed_dictionaries({
    "roles": st.lists(st.tuples(idx, st.sampled_from(ROLES), st.booleans()), max_size=5),
    "care_team": st.sets(st.tuples(pathway_idx, idx), max_size=3),
    "coordinators": st.lists(st.tuples(pathway_idx, idx), max_size=2),
    "consents": st.lists(st.tuples(
        st.integers(0, 2), st.sampled_from(["municipality", "meeting", "relative"]), idx,
        st.one_of(st.none(), pathway_idx), st.sampled_from(STATUSES)), max_size=4),
    "glass": st.lists(st.tuples(idx, st.integers(0, 2), st.booleans()), max_size=2),
    "bars": st.lists(st.tuples(st.integers(0, 2), st.one_of(
        idx, st.sampled_from(["unit_a", "unit_a2", "unit_b"])), st.booleans()), max_size=3),
})


@pytest.fixture
def base(org, coordinator):
    """Three patients, five pathways (one closed, two patients with two), three users."""
    patients = [factories.patient() for _ in range(3)]
    pathways = [b.pathway(patients[0], org.unit_a, coordinator),
                b.pathway(patients[0], org.unit_b, coordinator, type="voksne"),
                b.pathway(patients[1], org.unit_a2, coordinator),
                b.pathway(patients[1], org.unit_b, coordinator),
                b.pathway(patients[2], org.unit_a, coordinator, type="ocd")]
    b.close(pathways[3], by=coordinator)
    users = [User.objects.create_user(f"person{i}") for i in range(N_USERS)]
    places = {"unit_a": org.unit_a, "unit_a2": org.unit_a2, "unit_b": org.unit_b,
              "municipality": org.municipality}
    return patients, pathways, users, places, coordinator


def _furnish(world, patients, pathways, users, places, by):
    for who, (role, place), ended in world["roles"]:
        key = "municipality" if place == "municipality" else "unit"
        b.grant_role(users[who], role, expired=ended, **({key: places[place]} if place else {}))
    for path, who in world["care_team"]:
        b.care_team(pathways[path], users[who], by=by)
    for path, who in world["coordinators"]:
        b.set_coordinator(pathways[path], users[who])
    for pat, kind, who, path, status in world["consents"]:
        target = ({"municipality": places["municipality"]} if kind == "municipality"
                  else {"person": users[who], "participant": kind})
        one = pathways[path] if path is not None else None  # maybe another patient's
        b.consent(patients[pat], by=by, pathway=one, status=status, **target)
    for who, pat, expired in world["glass"]:
        b.break_glass(users[who], patients[pat], expired=expired)
    for pat, whom, lifted in world["bars"]:
        target = {"unit": places[whom]} if isinstance(whom, str) else {"user": users[whom]}
        b.restriction(patients[pat], by=by, lifted=lifted, **target)


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(world=WORLDS)
def test_random_worlds_agree(base, world):
    patients, pathways, users, places, by = base
    with transaction.atomic():
        _furnish(world, patients, pathways, users, places, by)
        problems = {u.username: disagreements(User.objects.get(pk=u.pk)) for u in users}
        transaction.set_rollback(True)
    assert {k: v for k, v in problems.items() if v} == {}
