"""``page_rows`` (the worklist's hand-built page statement) returns exactly what the
reference queryset ``worklist_for`` returns, page for page, in order, with the total;
and the scope query compiled once binds to the right user and day."""

import datetime as dt

import pytest
from django.utils import timezone

from forlop.access.models import CareTeamMember, Restriction
from forlop.accounts.models import RoleAssignment
from forlop.pathways.models import PathwayState
from forlop.worklist import selectors
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def mixed(org, coordinator, outsider):
    """Seven pathways in the coordinator's unit with shared, distinct and no due
    dates; two elsewhere reached through the care team and as coordinator; one barred
    patient; one closed."""
    made = [factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                              today=TODAY) for _ in range(7)]
    dues = [TODAY, TODAY, TODAY - dt.timedelta(days=3), None, None, TODAY + dt.timedelta(9),
            TODAY - dt.timedelta(days=3)]
    for pathway, due in zip(made, dues, strict=True):
        PathwayState.objects.filter(pathway=pathway).update(next_due=due)
    team = factories.pathway(patient=factories.patient(), unit=org.unit_b, by=outsider,
                             today=TODAY)
    CareTeamMember.objects.create(pathway=team, user=coordinator, added_by=outsider)
    led = factories.pathway(patient=factories.patient(), unit=org.unit_b, by=outsider,
                            today=TODAY, coordinator=coordinator)
    PathwayState.objects.filter(pathway=led).update(next_due=None)
    Restriction.objects.create(patient=made[5].patient, barred_user=coordinator,
                               created_by=outsider)
    PathwayState.objects.filter(pathway=made[6]).update(is_open=False)
    return made


def reference(user, scope):
    return [s.pathway_id for s in selectors.worklist_for(user, scope)]


@pytest.mark.parametrize("per_page", [1, 2, 3, 50])
def test_every_page_matches_the_reference(mixed, coordinator, per_page):
    scope = selectors.resolve_scope(coordinator)
    expected = reference(coordinator, scope)
    assert len(expected) == 7  # 7 - barred - closed + care team + coordinated
    for offset in range(0, len(expected) + per_page, per_page):
        rows, total = selectors.page_rows(scope, offset, per_page)
        assert [r.pathway_id for r in rows] == expected[offset:offset + per_page]
        assert total == (len(expected) if rows else None)
    assert selectors.count(scope) == len(expected)


def test_rows_carry_names_and_plain_values(mixed, coordinator):
    scope = selectors.resolve_scope(coordinator)
    rows, _ = selectors.page_rows(scope, 0, 50)
    states = {s.pathway_id: s for s in selectors.worklist_for(coordinator, scope)}
    for row in rows:
        state = states[row.pathway_id]
        assert (row.next_due, row.state, row.next_clock, row.breached, row.next_basis,
                row.patient_name, row.unit_name, row.patient_id, row.unit_id, row.type) == (
            state.next_due, state.state, state.next_clock, state.breached, state.next_basis,
            state.pathway.patient.name, state.pathway.unit.name, state.pathway.patient_id,
            state.pathway.unit_id, state.pathway.type)


def test_empty_scope_reads_nothing(outsider, django_assert_num_queries):
    scope = selectors.Scope()
    with django_assert_num_queries(0):
        assert selectors.page_rows(scope, 0, 50) == ([], 0)
        assert selectors.count(scope) == 0


def test_compiled_scope_binds_the_user_and_the_day(mixed, coordinator, clinician, org):
    """The same compiled SQL answers for different users, and for a later day on
    which the coordinator's role has ended."""
    RoleAssignment.objects.filter(user=coordinator).update(valid_to=TODAY + dt.timedelta(5))
    now = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(12)))
    for user in (coordinator, clinician):
        for when in (now, now + dt.timedelta(days=10)):
            on = timezone.localdate(when)
            orm = sorted(selectors.scope_rows(user, on=on, now=when))
            with_sql = selectors.resolve_scope(user, now=when)
            assert set(with_sql.unit_roles) == {pk for tag, pk, _ in orm if tag == "u"}
            assert set(with_sql.extra) == {pk for tag, pk, _ in orm if tag in "ctbmg"}
            assert with_sql.barred == {pk for tag, pk, _ in orm if tag == "x"}
    later = selectors.resolve_scope(coordinator, now=now + dt.timedelta(days=10))
    assert later.unit_roles == {}
    assert selectors.resolve_scope(coordinator, now=now).unit_roles == {org.unit_a.pk:
                                                                          "coordinator"}


def test_prepared_path_returns_the_same_page(mixed, coordinator, settings):
    """On PostgreSQL the hot statements run prepared (server-side binding) unless
    queries are being logged; both paths give the same rows."""
    from django.db import connection

    scope = selectors.resolve_scope(coordinator)
    assert not connection.queries_logged
    prepared = [selectors.page_rows(scope, 0, 50) for _ in range(7)]  # past psycopg's 5
    connection.force_debug_cursor = True
    try:
        logged = selectors.page_rows(scope, 0, 50)
    finally:
        connection.force_debug_cursor = False
    assert all(p == logged for p in prepared)
    assert [r.pathway_id for r in logged[0]] == reference(coordinator, scope)
