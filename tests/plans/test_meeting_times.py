"""Collaboration meetings where the patient and relatives read them (ADR 51): the
patient sees date, time, form, place and agenda of every meeting on Min side (not the
minutes); a relative sees the times from the narrowest scope (overview), the place
and agenda only with "plans and agreements", never the minutes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.access.models import AccessLogEntry, ConsentScope
from forlop.collaboration.services import plan_meeting, record_minutes
from tests.plans.conftest import share_with

OSLO = ZoneInfo("Europe/Oslo")
TODAY = timezone.localdate()
COMING = dt.datetime.combine(TODAY + dt.timedelta(days=9), dt.time(13, 30), OSLO)
PAST = dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(9, 15), OSLO)
MINUTES = "Behandler bekymret for søvnen; mor ønsker tettere kontakt."


def d(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


@pytest.fixture
def meetings(pathway, coordinator):
    coming = plan_meeting(pathway=pathway, by=coordinator, starts_at=COMING, mode="in_person",
                          place="DPS Nord, rom 3", agenda="Evaluering av behandlingsplanen")
    held = plan_meeting(pathway=pathway, by=coordinator, starts_at=PAST, mode="video",
                        place="https://video.example/abc", agenda="Samarbeid med kommunen")
    record_minutes(meeting=held, by=coordinator, minutes=MINUTES, held_on=PAST.date())
    return coming, held


def test_min_side_shows_planned_and_held_meetings_without_the_minutes(
        client, pathway, patient_user, meetings):
    client.force_login(patient_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert (f"{d(COMING.date())} kl. 13:30" in page, "DPS Nord, rom 3" in page,
            "Evaluering av behandlingsplanen" in page, f"{d(PAST.date())} kl. 09:15" in page,
            f"Møtet ble holdt {d(PAST.date())}" in page, "https://video.example/abc" in page,
            "Møtene dine" in page, "søvnen" in page) == (
        True, True, True, True, True, True, True, False)


def test_reading_min_side_with_meetings_is_logged(client, pathway, patient_user, meetings):
    client.force_login(patient_user)
    client.get(reverse("portal:home"))
    assert AccessLogEntry.objects.filter(what="own_record", patient_id=pathway.patient_id,
                                         user_id=patient_user.pk).count() == 1


def test_min_side_without_meetings_says_so(client, pathway, patient_user):
    client.force_login(patient_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Ingen samarbeidsmøter er planlagt ennå." in page


@pytest.mark.parametrize(("scope", "shown", "hidden"), [
    (ConsentScope.OVERVIEW, [f"{d(COMING.date())} kl. 13:30", "fysisk møte"],
     ["DPS Nord, rom 3", "Evaluering av behandlingsplanen", "video.example", "søvnen"]),
    (ConsentScope.PLANS, [f"{d(COMING.date())} kl. 13:30", "DPS Nord, rom 3",
                          "Evaluering av behandlingsplanen"], ["søvnen"]),
    (ConsentScope.COLLABORATION, ["DPS Nord, rom 3", "video.example"], ["søvnen"]),
])
def test_relative_sees_meeting_times_as_the_scope_allows(
        client, pathway, coordinator, relative, meetings, scope, shown, hidden):
    share_with(relative, pathway.patient, by=coordinator, scope=scope)
    client.force_login(relative)
    page = client.get(reverse("plans:shared", args=[pathway.pk])).content.decode()
    assert [s in page for s in shown] == [True] * len(shown)
    assert [h in page for h in hidden] == [False] * len(hidden)
