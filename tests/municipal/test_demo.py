"""The demo's municipal side: ``ke-leder`` and ``kommune`` meet it (docs/municipality.md)."""

import datetime as dt

import pytest
from django.test import Client

from forlop.accounts.models import User
from forlop.demo.load import load_demo
from forlop.messaging.models import Message, MessageKind
from forlop.municipal.models import CoordinatorAppointment, EarlyFlag, NeedNotice, NoticeState


@pytest.fixture
def demo(db):
    # Today: the worklist lists meetings from today on.
    return load_demo(seed=1, pathways=40, today=dt.date.today())


def test_the_municipal_personas_have_something_to_try(demo):
    kommune = User.objects.get(username="kommune")
    appointed = CoordinatorAppointment.objects.current().filter(coordinator=kommune)
    assert appointed.count() >= 2
    assert appointed.filter(patient__user__username="pasient").exists()
    assert appointed.filter(patient__pathways__isnull=True).exists()  # a person, no pathway
    assert NeedNotice.objects.filter(state=NoticeState.RECEIVED).count() >= 1
    assert EarlyFlag.objects.filter(flagged_by=kommune).exists()
    assert Message.objects.filter(kind=MessageKind.EARLY_FLAG).exists()
    client = Client()
    client.force_login(kommune)
    page = client.get("/kommune/").content.decode()
    assert "Per Pasient" in page and "Demo rådhus, møterom 3" in page
    client.force_login(User.objects.get(username="ke-leder"))
    page = client.get("/kommune/koordinerende-enhet/").content.decode()
    assert "Kjell Kommunekoordinator" in page and "/kommune/koordinerende-enhet/meldinger/" in page
