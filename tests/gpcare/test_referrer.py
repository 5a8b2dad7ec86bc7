"""The referral records its referrer fully: the GP office and the GP (a user here, or
name and HPR), or another referrer; the referral list and the pathway page show it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from forlop.pathways.models import Referral
from tests.conftest import TODAY
from tests.intake.conftest import new_number, referral


def test_a_gp_user_at_the_office_is_recorded_with_name_and_hpr(org, gp, coordinator):
    made = referral(unit=org.unit_a, by=coordinator, referrer_kind="gp", referrer_name="",
                    gp_office=org.gp_office, referring_gp=gp)

    assert (made.referring_gp, made.referrer_name, made.referrer_hpr) == (
        gp, "Frida Fastlege", "9144889")


def test_a_gp_from_another_office_is_refused(org, other_gp, coordinator):
    with pytest.raises(ValidationError) as refused:
        referral(unit=org.unit_a, by=coordinator, referrer_kind="gp", referrer_name="",
                 gp_office=org.gp_office, referring_gp=other_gp)

    assert "referring_gp" in refused.value.error_dict


def test_the_database_refuses_a_gp_user_without_a_gp_office(org, gp, coordinator, patient):
    with pytest.raises(IntegrityError):
        Referral.objects.create(patient=patient, unit=org.unit_a, received_on=TODAY,
                                referrer_kind="other", referring_gp=gp, created_by=coordinator)


def test_the_form_takes_the_gp_or_a_name(client, org, gp, coordinator):
    client.force_login(coordinator)
    base = {"identifier": new_number(), "name": "Hanne Henvist", "unit": org.unit_a.pk,
            "received_on": TODAY.isoformat(), "referrer_kind": "gp",
            "gp_office": org.gp_office.pk}

    without = client.post(reverse("intake:register"), base)
    with_gp = client.post(reverse("intake:register"), base | {"referring_gp": gp.pk})

    assert (without.status_code, with_gp.status_code) == (200, 302)
    assert "Skriv navnet på henviseren" in without.content.decode()
    assert Referral.objects.get().referring_gp == gp


def test_the_list_and_the_pathway_page_show_the_referrer(client, org, gp, coordinator,
                                                          frozen):
    from forlop.intake.services import assess_referral

    made = referral(unit=org.unit_a, by=coordinator, referrer_kind="gp", referrer_name="",
                    gp_office=org.gp_office, referring_gp=gp)
    client.force_login(coordinator)
    listed = client.get(reverse("intake:list")).content.decode()
    pathway = assess_referral(referral=made, by=coordinator, assessed_on=TODAY,
                              right_granted=True, type="voksne", setting="outpatient")
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()

    expected = "Frida Fastlege (HPR 9144889), Testvik legesenter"
    assert (expected in listed, expected in page) == (True, True)


def test_another_referrer_is_shown_by_kind(client, org, coordinator, patient, frozen):
    made = referral(unit=org.unit_a, by=coordinator, referrer_kind="child_welfare",
                    referrer_name="Barnevernet Testvik", referrer_hpr="")
    client.force_login(coordinator)

    assert "Barnevernet Testvik" in client.get(reverse("intake:list")).content.decode()
    assert made.referring_gp is None


def test_a_gp_named_by_hpr_number_is_recorded_as_one_picked(org, gp, coordinator):
    made = referral(unit=org.unit_a, by=coordinator, referrer_kind="gp", referrer_name="",
                    gp_office=org.gp_office, referring_gp_hpr=" 9144889 ")

    assert (made.referring_gp, made.referrer_name, made.referrer_hpr) == (
        gp, "Frida Fastlege", "9144889")


def test_of_two_gps_with_one_hpr_number_the_one_at_the_office_is_named(org, gp, other_office,
                                                                        coordinator):
    from tests.gpcare.conftest import gp_user

    gp_user("tvilling", other_office, hpr=gp.hpr_number)  # a second account, elsewhere

    made = referral(unit=org.unit_a, by=coordinator, referrer_kind="gp", referrer_name="",
                    gp_office=org.gp_office, referring_gp_hpr=gp.hpr_number)

    assert made.referring_gp == gp
