"""The coordinating unit appoints a municipal coordinator (services' checks), and the
one selector every page asks for both coordinators."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from forlop.access.authorize import NotPermitted
from forlop.municipal import services
from forlop.municipal.models import CoordinatorAppointment
from forlop.municipal.selectors import municipal_coordinator_for


def _appoint(by, org, person, coordinator, **kw):
    return services.appoint_coordinator(
        by=by, municipality=org.municipality, patient=person, person_name=person.name,
        coordinator=coordinator, service=kw.pop("service", "Psykisk helse og rus"),
        phone=kw.pop("phone", "400 00 001"), email=kw.pop("email", ""), **kw)


def test_lead_appoints_and_every_page_reads_the_contact(org, lead, kommune, person):
    _appoint(lead, org, person, kommune)
    contact = municipal_coordinator_for(person)
    assert (contact.name, contact.service, contact.phone) == (
        "Kjell Kommunesen", "Psykisk helse og rus", "400 00 001")
    assert municipal_coordinator_for(person.pk) == contact
    html = Template("{% load municipal %}{% coordinators p %}").render(Context({"p": person}))
    assert "Kjell Kommunesen" in html and "400 00 001" in html


@pytest.mark.parametrize("actor", ["kommune", "coordinator", "other_lead"])
def test_only_the_municipalitys_lead_appoints(actor, org, lead, kommune, coordinator, person,
                                              elsewhere):
    from tests import factories

    by = {"kommune": kommune, "coordinator": coordinator,
          "other_lead": factories.user("annen-leder", role="coordinating_unit_lead",
                                       municipality=elsewhere)}[actor]
    with pytest.raises(NotPermitted):
        _appoint(by, org, person, kommune)
    assert not CoordinatorAppointment.objects.exists()


def test_appointee_must_be_a_coordinator_in_that_municipality(org, lead, other_coordinator,
                                                               person):
    with pytest.raises(ValidationError) as refused:
        _appoint(lead, org, person, other_coordinator)
    assert "coordinator" in refused.value.error_dict
    assert not CoordinatorAppointment.objects.exists()


def test_appointment_needs_a_way_to_reach_the_coordinator(org, lead, kommune, person):
    with pytest.raises(ValidationError) as refused:
        _appoint(lead, org, person, kommune, phone="", email="", service=" ")
    assert set(refused.value.error_dict) == {"phone", "service"}


def test_a_new_appointment_ends_the_last(org, lead, kommune, person):
    from tests import factories

    second = factories.user("kommune2", role="municipal_coordinator",
                            municipality=org.municipality)
    _appoint(lead, org, person, kommune)
    _appoint(lead, org, person, second, service="Hjemmetjenesten")
    assert CoordinatorAppointment.objects.current().get().coordinator == second
    assert municipal_coordinator_for(person).service == "Hjemmetjenesten"


def test_the_database_keeps_one_current_coordinator_per_person(org, lead, kommune, person):
    from django.db import IntegrityError, transaction

    _appoint(lead, org, person, kommune)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoordinatorAppointment.objects.create(
            municipality=org.municipality, patient=person, person_name="x",
            coordinator=kommune, service="x", appointed_by=lead)


def test_the_database_pairs_a_handled_notice_with_who_and_when(org, kommune, person):
    from django.db import IntegrityError, transaction

    from forlop.municipal.models import NeedNotice

    with pytest.raises(IntegrityError), transaction.atomic():
        NeedNotice.objects.create(municipality=org.municipality, patient=person,
                                  need="coordinator", description="x",
                                  source="municipal_staff", sent_by=kommune,
                                  person_name="x", state="handled")
