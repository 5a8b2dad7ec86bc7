"""The leaders' indicator pages, drill-down lists and exports."""

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from forlop.access.models import AccessLogEntry
from forlop.accounts.models import RoleAssignment
from forlop.organisations.models import OrgLevel, Unit
from forlop.pathways.services import register_event
from tests import factories

TODAY = dt.date(2024, 6, 3)
DECISION = "clinical_decision_within_time"


@pytest.fixture
def leader(org):
    return factories.user("leder", role="leader", unit=org.unit_a)


@pytest.fixture
def decided(org, coordinator):
    """Two TSB pathways in unit A decided in April 2024 (T1): one in time, one late."""
    made = []
    for decided_on in (dt.date(2024, 4, 1), dt.date(2024, 4, 2)):
        p = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                              today=TODAY, started_on=dt.date(2024, 3, 1))
        register_event(pathway=p, event="first_attendance", on=dt.date(2024, 3, 11),
                       by=coordinator, today=TODAY)
        register_event(pathway=p, event="clinical_decision", on=decided_on, outcome="CP",
                       by=coordinator, today=TODAY)
        made.append(p)
    return made


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def list_url(org, which, group=None):
    return (f"/indikatorer/forlop/?periode=2024-T1&indikator={DECISION}"
            f"&gruppe={group or f'unit:{org.unit_a.pk}'}&utvalg={which}")


def test_the_dashboard_shows_the_units_figures(leader, decided, org):
    response = client_for(leader).get("/indikatorer/?periode=2024-T1")
    assert response.status_code == 200
    table = next(t for t in response.context["tables"] if t.key == DECISION)
    unit_row = next(r for r in table.rows if r.group.key == f"unit:{org.unit_a.pk}")
    assert (unit_row.cell.numerator, unit_row.cell.denominator) == (1, 2)
    assert "data:image/svg+xml;base64," in response.content.decode()


def test_the_suppression_rule_is_written_on_the_page(leader):
    response = client_for(leader).get("/indikatorer/")
    assert "nevneren er under 5" in response.content.decode()


def test_figures_outside_the_unit_are_suppressed(leader, decided):
    response = client_for(leader).get("/indikatorer/?periode=2024-T1")
    table = next(t for t in response.context["tables"] if t.key == DECISION)
    nation = next(r for r in table.rows if r.group.kind == "nation")
    assert (nation.cell.hidden, nation.cell.percent, nation.links) == (True, "", {})


def test_the_breach_list_shows_the_late_pathway_and_logs_it(leader, decided, org):
    before = AccessLogEntry.objects.count()
    response = client_for(leader).get(list_url(org, "brudd"))
    assert [r["pathway"].pk for r in response.context["rows"]] == [decided[1].pk]
    assert AccessLogEntry.objects.count() == before + 1
    assert AccessLogEntry.objects.order_by("-pk").first().patient_id == decided[1].patient_id


def test_the_denominator_list_has_both(leader, decided, org):
    response = client_for(leader).get(list_url(org, "nevner"))
    assert sorted(r["pathway"].pk for r in response.context["rows"]) == sorted(
        p.pk for p in decided)


def test_a_list_of_another_units_figure_is_a_404(leader, decided, org):
    response = client_for(leader).get(list_url(org, "nevner", f"unit:{org.unit_b.pk}"))
    assert response.status_code == 404


def test_the_trust_total_is_not_listed_without_every_unit(leader, decided, org):
    response = client_for(leader).get(list_url(org, "nevner", f"trust:{org.trust_a.pk}"))
    assert response.status_code == 404


def test_a_clinician_may_not_open_the_dashboard(clinician):
    assert client_for(clinician).get("/indikatorer/").status_code == 403


def test_anonymous_goes_to_sign_in(db):
    assert Client().get("/indikatorer/").status_code == 302


def test_the_excel_export_holds_every_table(leader, decided):
    response = client_for(leader).get("/indikatorer/eksport.xlsx?periode=2024-T1")
    book = load_workbook(io.BytesIO(response.content))
    first = book.worksheets[0]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert first.cell(1, 1).value == "Enhet eller nivå"
    assert len(book.worksheets) == 11  # 5 indicators, 5 trends, the distribution


def test_the_pathway_list_exports_as_csv_and_is_logged(leader, decided, org):
    before = AccessLogEntry.objects.count()
    response = client_for(leader).get(
        list_url(org, "nevner").replace("/forlop/?", "/forlop/eksport.csv?"))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3
    assert AccessLogEntry.objects.count() == before + 2


def test_an_unknown_export_format_is_a_404(leader):
    assert client_for(leader).get("/indikatorer/eksport.pdf").status_code == 404


def test_the_table_csv_has_a_line_per_row(leader, decided):
    response = client_for(leader).get("/indikatorer/eksport.csv?periode=2024-T1")
    assert response.content.decode("utf-8-sig").splitlines()[0] == (
        "Klinisk beslutning innen forløpstid")


def test_a_clinic_director_sees_figures_but_lists_only_what_they_may_see(decided, org):
    clinic = OrgLevel.objects.create(trust=org.trust_a, kind="clinic", name="Klinikk")
    Unit.objects.filter(trust=org.trust_a).update(org_level=clinic)
    director = factories.user("direktor", role="clinician", unit=None)
    RoleAssignment.objects.filter(user=director).delete()
    RoleAssignment.objects.create(user=director, role="leader", org_level=clinic,
                                  valid_from=dt.date(2020, 1, 1))
    client = client_for(director)
    board = client.get("/indikatorer/?periode=2024-T1")
    table = next(t for t in board.context["tables"] if t.key == DECISION)
    level = next(r for r in table.rows if r.group.key == f"level:{clinic.pk}")
    listed = client.get(list_url(org, "nevner", f"level:{clinic.pk}"))
    assert (level.cell.numerator, level.cell.denominator) == (1, 2)
    assert (listed.context["rows"], listed.context["hidden"]) == ([], 2)


def test_a_leader_held_only_at_a_level_lands_on_the_indicators(org):
    clinic = OrgLevel.objects.create(trust=org.trust_a, kind="clinic", name="Klinikk")
    director = factories.user("direktor2", role="clinician", unit=None)
    RoleAssignment.objects.filter(user=director).delete()
    RoleAssignment.objects.create(user=director, role="leader", org_level=clinic,
                                  valid_from=dt.date(2020, 1, 1))
    response = client_for(director).get("/")
    assert (response.status_code, response["Location"]) == (302, "/indikatorer/")
