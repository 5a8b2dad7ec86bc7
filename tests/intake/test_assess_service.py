"""assess_referral: the assessment and the pathway's start in one step, or nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from forlop.access.authorize import NotPermitted
from forlop.access.models import AccessLogEntry
from forlop.intake.services import assess_referral
from forlop.intake.services.assess import start_date
from forlop.pathways.models import Pathway, PathwayEvent, Referral
from tests import factories
from tests.conftest import TODAY
from tests.intake.conftest import referral

D = dt.date


def assess(waiting, by, **kwargs):
    kwargs.setdefault("assessed_on", TODAY)
    kwargs.setdefault("right_granted", True)
    kwargs.setdefault("type", "tsb")
    kwargs.setdefault("setting", "outpatient")
    return assess_referral(referral=waiting, by=by, today=TODAY, **kwargs)


def test_granted_starts_the_pathway_from_the_referral(waiting, clinician):
    pathway = assess(waiting, clinician)
    assert (pathway.referral_id, pathway.patient_id, pathway.unit_id, pathway.type) == (
        waiting.pk, waiting.patient_id, waiting.unit_id, "tsb")
    events = list(PathwayEvent.objects.filter(pathway=pathway).order_by("pk")
                  .values_list("event", "on", "outcome"))
    assert events == [("referral_received", waiting.received_on, ""),
                      ("referral_assessed", TODAY, "right_granted"),
                      ("pathway_start", waiting.received_on, "")]


def test_granted_records_the_assessment_and_who_made_it(waiting, clinician):
    assess(waiting, clinician)
    waiting.refresh_from_db()
    assert (waiting.assessed_on, waiting.right_granted, waiting.assessed_by) == (
        TODAY, True, clinician)


def test_not_granted_closes_the_referral_without_a_pathway(waiting, clinician):
    assert assess(waiting, clinician, right_granted=False, type="", setting="") is None
    waiting.refresh_from_db()
    assert (waiting.assessed_on, waiting.right_granted, Pathway.objects.count()) == (
        TODAY, False, 0)


def test_assessment_before_receipt_is_refused_next_to_the_date(waiting, clinician):
    with pytest.raises(ValidationError) as refused:
        assess(waiting, clinician, assessed_on=waiting.received_on - dt.timedelta(days=1))
    assert list(refused.value.message_dict) == ["assessed_on"]
    waiting.refresh_from_db()
    assert (waiting.assessed_on, Pathway.objects.count()) == (None, 0)


def test_assessment_in_the_future_is_refused(waiting, clinician):
    with pytest.raises(ValidationError) as refused:
        assess(waiting, clinician, right_granted=False, assessed_on=TODAY + dt.timedelta(1))
    assert list(refused.value.message_dict) == ["assessed_on"]


def test_eating_disorder_without_severity_is_the_kernels_refusal_next_to_severity(
        waiting, clinician):
    with pytest.raises(ValidationError) as refused:
        assess(waiting, clinician, type="spiseforstyrrelser")
    [message] = refused.value.message_dict["severity"]
    assert message.startswith("Alvorlighetsgrad mangler: velg alvorlig eller mindre alvorlig.")
    assert (Referral.objects.get().assessed_on, Pathway.objects.count()) == (None, 0)


def test_eating_disorder_with_severity_starts(waiting, clinician):
    assert assess(waiting, clinician, type="spiseforstyrrelser", severity="serious").severity \
        == "serious"


def test_granted_without_type_and_setting_names_both(waiting, clinician):
    with pytest.raises(ValidationError) as refused:
        assess(waiting, clinician, type="", setting="")
    assert sorted(refused.value.message_dict) == ["setting", "type"]


def test_an_open_pathway_of_the_type_in_the_trust_is_named(waiting, clinician, org):
    existing = factories.pathway(patient=waiting.patient, unit=org.unit_a2, by=clinician,
                                 today=TODAY, type="tsb")
    with pytest.raises(ValidationError) as refused:
        assess(waiting, clinician)
    [message] = refused.value.message_dict["type"]
    assert "BUP Test" in message and existing.started_on.strftime("%-d.%-m.%Y") in message
    waiting.refresh_from_db()
    assert (waiting.assessed_on, Pathway.objects.count()) == (None, 1)


def test_coordinator_from_another_unit_is_refused(waiting, clinician, outsider):
    with pytest.raises(ValidationError) as refused:
        assess(waiting, clinician, coordinator=outsider)
    assert list(refused.value.message_dict) == ["coordinator"]


def test_coordinator_of_the_unit_is_set(waiting, clinician, coordinator):
    assert assess(waiting, clinician, coordinator=coordinator).coordinator == coordinator


def test_forwarded_referral_carries_the_first_trust_to_the_pathway(org, secretary, clinician):
    forwarded = referral(unit=org.unit_a, by=secretary, received_on=D(2024, 5, 27),
                         first_trust=(D(2024, 4, 2), "Test HF B"))
    pathway = assess(forwarded, clinician)
    assert (pathway.first_trust_started_on, pathway.first_trust_name) == (
        D(2024, 4, 2), "Test HF B")


def test_an_assessed_referral_is_not_assessed_again(waiting, clinician):
    assess(waiting, clinician, right_granted=False, type="")
    with pytest.raises(ValidationError):
        assess(waiting, clinician)
    assert Pathway.objects.count() == 0


def test_assessment_is_logged_against_the_patient(waiting, clinician):
    assess(waiting, clinician)
    [row] = AccessLogEntry.objects.filter(what="referral_assessment")
    assert (row.patient_id, row.user_id, row.action, row.role) == (
        waiting.patient_id, clinician.pk, "write", "clinician")


@pytest.mark.parametrize("who", ["secretary", "leader", "outsider"])
def test_who_may_not_assess_is_refused(request, waiting, who):
    with pytest.raises(NotPermitted):
        assess(waiting, request.getfixturevalue(who))
    waiting.refresh_from_db()
    assert (waiting.assessed_on, Pathway.objects.count()) == (None, 0)


@pytest.mark.parametrize(("received", "assessed", "start"), [
    (D(2024, 5, 27), D(2024, 6, 3), D(2024, 5, 27)),  # npf-2023 starts at receipt
    (D(2025, 5, 26), D(2025, 6, 2), D(2025, 6, 2)),  # npf-revised at the granted assessment
])
def test_start_date_follows_the_rule_set_of_the_receipt(received, assessed, start):
    assert start_date(received, assessed) == start
