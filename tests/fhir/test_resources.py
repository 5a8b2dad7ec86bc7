"""Mappings, without the database: identifier systems and shapes."""

import datetime as dt
from types import SimpleNamespace

import pytest

from forlop.fhir import systems
from forlop.fhir.resources.episode import episode_of_care
from forlop.fhir.resources.patient import patient
from forlop.fhir.resources.task import task, task_status
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
