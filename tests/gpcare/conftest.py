"""GP fixtures: a GP at the test GP office (with an HPR number), a GP at another office,
messages going to a folder of the test's own."""

import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader

from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.organisations.models import GpOffice
from tests.conftest import TODAY


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC), tick=False):
        yield TODAY


def gp_user(username, office, hpr="9144889"):
    user = User.objects.create_user(username=username, password="test-passord-123",
                                    first_name=username.title(), last_name="Fastlege",
                                    hpr_number=hpr)
    RoleAssignment.objects.create(user=user, role=Role.GP, gp_office=office,
                                  valid_from=dt.date(2020, 1, 1))
    return user


@pytest.fixture
def gp(org):
    return gp_user("frida", org.gp_office)


@pytest.fixture
def other_office(org):
    return GpOffice.objects.create(municipality=org.municipality, name="Nordre legekontor",
                                   org_number="100009202")


@pytest.fixture
def other_gp(other_office):
    return gp_user("olav", other_office, hpr="9144890")


def pdf_text(document: bytes) -> str:
    """The PDF's text as one line of words (the facts are asserted on this)."""
    reader = PdfReader(io.BytesIO(bytes(document)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
