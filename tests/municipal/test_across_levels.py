"""The municipal coordinator's worklist and the GP's page read the other apps of issue
15 through their own selectors: the follow-up plans the specialist service asked the
municipality to confirm (forlop.followup) and the municipal coordinator the
coordinating unit appointed (forlop.municipal), on the demo both meet."""

import datetime as dt

import pytest
from django.test import Client

from forlop.access.models import AccessLogEntry
from forlop.accounts.models import User
from forlop.demo.load import load_demo
from forlop.followup.models import Confirmation, FollowUpRequest
from forlop.followup.selectors import awaiting_confirmation


@pytest.fixture
def demo(db):
    return load_demo(seed=1, pathways=40, today=dt.date.today())


def _page(username, url):
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_municipal_worklist_lists_the_follow_up_plans_to_confirm(demo):
    kommune = User.objects.get(username="kommune")
    waiting = awaiting_confirmation(kommune)
    assert waiting, "the demo has a follow-up plan awaiting the municipality"
    page = _page("kommune", "/kommune/")
    for request in waiting:
        assert f"/forlop/{request.pathway.pk}/oppfolgingsplan/bekreft/" in page
        assert request.pathway.patient.name in page
        # Each patient listed is in the access log, as on every page.
        assert AccessLogEntry.objects.filter(user=kommune, what="municipal_worklist",
                                             patient_id=request.pathway.patient_id).exists()
    assert "Kommer: oppfølgingsplaner" not in page


def test_the_list_empties_once_the_municipality_has_confirmed(demo):
    kommune = User.objects.get(username="kommune")
    for request in FollowUpRequest.objects.all():
        Confirmation.objects.get_or_create(request=request, defaults={"confirmed_by": kommune})
    assert "Ingen oppfølgingsplaner venter på bekreftelse." in _page("kommune", "/kommune/")


def test_the_gp_page_names_the_municipal_coordinator(demo):
    page = _page("fastlege", "/fastlege/")
    assert "Per Pasient" in page
    assert "Kjell Kommunekoordinator" in page
