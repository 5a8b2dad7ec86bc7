"""Mappings, without the database: identifier systems and shapes."""

import datetime as dt
from types import SimpleNamespace

import orjson
import pytest

from forlop.fhir import systems
from forlop.fhir.resources.encounter import encounter
from forlop.fhir.resources.episode import episode_of_care
from forlop.fhir.resources.patient import patient
from forlop.fhir.resources.task import task, task_id, task_status
from forlop.fhir.validation import parse


@pytest.mark.parametrize(("kind", "system"), [
    ("fnr", "urn:oid:2.16.578.1.12.4.1.4.1"),
    ("dnr", "urn:oid:2.16.578.1.12.4.1.4.2"),
    ("fhnr", "urn:oid:2.16.578.1.12.4.1.4.3"),
])
def test_patient_identifier_carries_the_oid_of_its_kind(kind, system):
    row = SimpleNamespace(id=7, identifier="01810012345", identifier_kind=kind, name="Per",
                          birth_date=None)
    assert patient(row)["identifier"] == [{"use": "official", "system": system,
                                           "value": "01810012345"}]


def test_an_episode_of_care_carries_type_code_events_and_closure():
    p = SimpleNamespace(id=3, type="tsb", setting="outpatient", severity="",
                        ruleset="pakkeforlop-2019",
                        started_on=dt.date(2024, 1, 2), closed_on=dt.date(2024, 5, 1),
                        is_open=False, patient_id=9, unit_id=4, coordinator_id=None)
    events = [("pathway_start", dt.date(2024, 1, 2), "", {}),
              ("treatment_plan", dt.date(2024, 2, 1), "", {"together_with_patient": True}),
              ("pathway_end", dt.date(2024, 5, 1), "completed", {})]
    resource = episode_of_care(p, events)
    parse(resource)
    assert (resource["status"], resource["period"], resource["type"][0]["coding"][1],
            resource["extension"][-2]["extension"][-1]) == (
        "finished", {"start": "2024-01-02", "end": "2024-05-01"},
        {"system": systems.PATHWAY_TYPE_9321, "code": "D01"},
        {"url": "together_with_patient", "valueBoolean": True})


@pytest.mark.parametrize(("clock", "status"), [
    ({"done": "2024-02-01", "status": "met"}, "completed"),
    ({"done": "2024-03-01", "status": "breached"}, "completed"),
    ({"done": None, "status": "breached"}, "in-progress"),
    ({"done": None, "status": "open"}, "in-progress"),
    ({"done": None, "status": "closed"}, "cancelled"),
])
def test_task_status_follows_the_clock(clock, status):
    assert task_status(clock) == status


def test_a_task_has_its_due_date_as_restriction_period_end():
    clock = {"clock": "evaluation_interval", "n": 2, "from": "2024-01-01", "due": "2024-02-26",
             "done": None, "status": "open"}
    resource = task(clock, SimpleNamespace(id=5, patient_id=9, unit_id=4))
    parse(resource)
    assert (resource["id"], resource["restriction"]) == (
        "5.evaluation-interval.2", {"period": {"end": "2024-02-26"}})


def test_the_library_refuses_an_element_that_does_not_exist():
    with pytest.raises(ValueError, match="nonsense"):
        parse({"resourceType": "Patient", "id": "1", "nonsense": True})


# Every field and branch of the three busiest builders, written out whole and compared as
# the bytes orjson writes (key order included): what the bulk export wrote before its
# builders were made cheaper (ADR 71's "byte-for-byte"). The export hands dates over
# as PostgreSQL's ISO text; the endpoints as dates: both give the same.
PATHWAY = {"id": 3, "type": "tsb", "setting": "inpatient", "severity": "moderate",
           "ruleset": "pakkeforlop-2019", "started_on": dt.date(2024, 1, 2),
           "closed_on": dt.date(2024, 5, 1), "is_open": False, "patient_id": 9, "unit_id": 4,
           "coordinator_id": 11}
EVENTS = [("pathway_start", dt.date(2024, 1, 2), "", {}),
          ("patient_delay", dt.date(2024, 2, 1), "",
           {"postponed_to": "2024-02-09", "days": 8, "note": "ring", "gone": None,
            "on": dt.date(2024, 2, 2)}),
          ("pathway_end", dt.date(2024, 5, 1), "completed", {})]


def event(code, day, *more):
    return {"url": systems.EXT_EVENT, "extension": [
        {"url": "code", "valueCoding": {"system": systems.PATHWAY_EVENT, "code": code}},
        {"url": "date", "valueDate": day}, *more]}


EPISODE = {
    "resourceType": "EpisodeOfCare", "id": "3",
    "extension": [
        {"url": systems.EXT_SETTING, "valueCode": "inpatient"},
        {"url": systems.EXT_SEVERITY, "valueCode": "moderate"},
        {"url": systems.EXT_RULESET, "valueString": "pakkeforlop-2019"},
        event("pathway_start", "2024-01-02"),
        event("patient_delay", "2024-02-01", {"url": "days", "valueInteger": 8},
              {"url": "note", "valueString": "ring"}, {"url": "on", "valueDate": "2024-02-02"},
              {"url": "postponed_to", "valueDate": "2024-02-09"}),
        event("pathway_end", "2024-05-01", {"url": "outcome", "valueCode": "completed"})],
    "status": "finished",
    "type": [{"coding": [{"system": systems.PATHWAY_TYPE, "code": "tsb"},
                         {"system": systems.PATHWAY_TYPE_9321, "code": "D01"}]}],
    "patient": {"reference": "Patient/9",
                "identifier": {"system": systems.DNR, "value": "41010112345"}},
    "managingOrganization": {"reference": "Organization/unit-4",
                             "identifier": {"system": systems.RESH, "value": "974589095"}},
    "period": {"start": "2024-01-02", "end": "2024-05-01"},
    "careManager": {"reference": "Practitioner/11",
                    "identifier": {"system": systems.HPR, "value": "9144889"}}}
ENCOUNTER = {
    "resourceType": "Encounter", "id": "21", "status": "finished",
    "class": {"system": systems.ACT_CODE, "code": "IMP", "display": "inpatient encounter"},
    "type": [{"coding": [{"system": systems.PATHWAY_EVENT, "code": "evaluation"}]}],
    "subject": {"reference": "Patient/9"}, "episodeOfCare": [{"reference": "EpisodeOfCare/3"}],
    "period": {"start": "2024-03-04", "end": "2024-03-04"},
    "serviceProvider": {"reference": "Organization/unit-4"}}
TASK = {
    "resourceType": "Task", "id": "3.evaluation-interval.2", "status": "completed",
    "businessStatus": {"coding": [{"system": systems.CLOCK_STATUS, "code": "met"}]},
    "intent": "plan",
    "code": {"coding": [{"system": systems.PATHWAY_CLOCK, "code": "evaluation_interval"}]},
    "focus": {"reference": "EpisodeOfCare/3"}, "for": {"reference": "Patient/9"},
    "owner": {"reference": "Organization/unit-4"},
    "executionPeriod": {"start": "2024-01-01", "end": "2024-02-20"},
    "restriction": {"period": {"end": "2024-02-26"}}}


def as_text(day):
    return day.isoformat() if isinstance(day, dt.date) else day


@pytest.mark.parametrize("dates", [lambda day: day, as_text], ids=["dates", "iso-text"])
def test_the_busiest_builders_write_every_field_in_order(dates):
    p = SimpleNamespace(**{k: dates(v) for k, v in PATHWAY.items()})
    events = [(code, dates(day), outcome, data) for code, day, outcome, data in EVENTS]
    clock = {"clock": "evaluation_interval", "n": 2, "from": "2024-01-01", "due": "2024-02-26",
             "done": "2024-02-20", "status": "met"}
    made = (episode_of_care(p, events, resh="974589095", patient=("dnr", "41010112345"),
                            hpr="9144889"),
            encounter(SimpleNamespace(id=21, event="evaluation", on=dates(dt.date(2024, 3, 4))),
                      p),
            task(clock, p))
    assert [orjson.dumps(r) for r in made] == [orjson.dumps(r) for r in (EPISODE, ENCOUNTER,
                                                                         TASK)]
    for resource in made:
        parse(resource)


@pytest.mark.parametrize(("n", "rid"), [(None, "3.referral-to-assessment.1"),
                                        (1, "3.referral-to-assessment.1"),
                                        (2, "3.referral-to-assessment.2")])
def test_a_clock_that_runs_once_is_round_one_in_its_task_id(n, rid):
    """The kernel stores ``n`` None for a clock that does not repeat: the id says 1,
    never Python's ``None``."""
    assert task_id(3, {"clock": "referral_to_assessment", "n": n}) == rid
    assert task_id(3, {"clock": "referral_to_assessment"}) == "3.referral-to-assessment.1"
