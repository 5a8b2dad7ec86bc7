"""An evaluation with the checklist registers the kernel's evaluation event in the
same transaction, so the evaluation clock moves; a refusal saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forlop.collaboration.models import Evaluation
from forlop.collaboration.selectors import evaluation_due
from forlop.collaboration.services import add_relative, record_evaluation
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.models import PathwayEvent
from forlop.pathways.services import register_event
from forlop.site.dates import norwegian_date
from tests import factories

TODAY = dt.date.today()
LIFESTYLE = {"smoking": {"asked": True, "agreed": "Røykeslutt-kurs"}}


@pytest.fixture
def treated(org, clinician):
    """A TSB outpatient pathway with a treatment decision (CP) 3 days ago: its first
    evaluation is due 7 days after the decision."""
    made = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=clinician,
                             today=TODAY, started_on=TODAY - dt.timedelta(days=20))
    register_event(pathway=made, event="first_attendance", on=TODAY - dt.timedelta(days=15),
                   by=clinician)
    register_event(pathway=made, event="clinical_decision", outcome="CP",
                   on=TODAY - dt.timedelta(days=3), by=clinician)
    made.refresh_from_db()
    return made


def evaluate(pathway, by, **changes):
    kwargs = {"on": TODAY, "still_right": "yes", "goals_progress": "Sover bedre",
              "user_involved": True, "children": "none", "satisfaction_asked": True,
              "lifestyle": LIFESTYLE, "tool": "honos", "score": "12"} | changes
    return record_evaluation(pathway=pathway, by=by, **kwargs)


def test_the_evaluation_registers_the_kernel_event_and_moves_the_clock(treated, clinician):
    before = evaluation_due(treated)
    made = evaluate(treated, clinician)
    treated.refresh_from_db()
    assert (before, made.event.event, made.event.data) == (
        TODAY + dt.timedelta(days=4), "evaluation",
        {"standardised_tool": True, "user_involved": True})
    assert evaluation_due(treated) == TODAY + dt.timedelta(days=56)  # TSB: between evaluations


def test_no_tool_is_registered_as_no_standardised_tool(treated, clinician):
    made = evaluate(treated, clinician, tool="", score="")
    assert made.event.data["standardised_tool"] is False


def test_a_kernel_refusal_saves_neither_event_nor_checklist(treated, clinician):
    with pytest.raises(PathwayRuleError):
        evaluate(treated, clinician, on=TODAY - dt.timedelta(days=400))  # before the start
    assert (Evaluation.objects.count(),
            PathwayEvent.objects.filter(event="evaluation").count()) == (0, 0)


def test_a_tool_needs_its_score(treated, clinician):
    with pytest.raises(ValidationError) as refused:
        evaluate(treated, clinician, score="")
    assert list(refused.value.error_dict) == ["score"]


def test_no_children_is_refused_when_the_register_has_a_minor(treated, clinician):
    add_relative(pathway=treated, by=clinician, name="Ella", relation="child", minor="child",
                 birth_year=TODAY.year - 8)
    with pytest.raises(ValidationError) as refused:
        evaluate(treated, clinician, children="none")
    assert (list(refused.value.error_dict), PathwayEvent.objects.filter(
        event="evaluation").count()) == (["children"], 0)


def test_a_secretary_may_not_evaluate(treated, org):
    from forlop.access.authorize import NotPermitted

    secretary = factories.user("sekretaer", role="secretary", unit=org.unit_a)
    with pytest.raises(NotPermitted):
        evaluate(treated, secretary)


def post_body(**changes):
    return {"on": TODAY.isoformat(), "still_right": "adjust", "goals_progress": "Bedre søvn",
            "user_involved": "on", "tool": "phq9", "score": "9", "children": "none",
            "satisfaction_asked": "on", "sleep_asked": "on", "sleep_agreed": "Søvndagbok"
            } | changes


def test_the_evaluation_page_saves_the_checklist(client, treated, clinician):
    client.force_login(clinician)
    response = client.post(reverse("collaboration:evaluation", args=[treated.pk]), post_body())
    saved = Evaluation.objects.get()
    assert (response.status_code, saved.lifestyle["sleep"], saved.tool) == (
        302, {"asked": True, "agreed": "Søvndagbok"}, "phq9")


def test_the_page_names_an_agreement_on_a_topic_not_asked(client, treated, clinician):
    client.force_login(clinician)
    response = client.post(reverse("collaboration:evaluation", args=[treated.pk]),
                           post_body(sleep_asked=""))
    assert (response.status_code, list(response.context["form"].errors)) == (
        400, ["sleep_asked"])


def test_the_page_has_the_self_report_slot_and_shows_the_due_date(client, treated, clinician):
    client.force_login(clinician)
    page = client.get(reverse("collaboration:evaluation", args=[treated.pk])).content.decode()
    due = norwegian_date(TODAY + dt.timedelta(days=4))
    assert ('id="self-report"' in page, f"frist {due}" in page) == (True, True)
