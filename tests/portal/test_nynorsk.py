"""The portal pages render in nynorsk when the reader has chosen it."""

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.fixture
def nynorsk(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    return client


@pytest.mark.parametrize("name, expected", [
    ("portal:home", ["<h1 class=\"ds-heading\" data-size=\"lg\">Mi side</h1>", "Forløpa dine"]),
    ("portal:log", ["Kven har sett journalen din", "såg på tilgangsloggen"]),
    ("portal:consents", ["Kva skal kommunen få sjå?", "Gi samtykke"]),
    ("portal:restrictions", ["Din eigen tilgang til journalen blir ikkje endra."]),
])
def test_patient_pages_in_nynorsk(nynorsk, patient_user, pathway, name, expected):
    nynorsk.force_login(patient_user)
    response = nynorsk.get(reverse(name))
    text = response.content.decode()
    assert '<html lang="nn"' in text
    for phrase in expected:
        assert phrase in text


def test_relative_page_in_nynorsk(nynorsk, relative, relative_consent):
    nynorsk.force_login(relative)
    text = nynorsk.get(reverse("portal:shared")).content.decode()
    assert "Her ser du forløpa som pasientar har valt å dele med deg" in text


def test_form_errors_in_nynorsk(nynorsk, patient_user):
    nynorsk.force_login(patient_user)
    response = nynorsk.post(reverse("portal:consents"), {"valid_to": "2001-01-01"})
    text = response.content.decode()
    assert "Vel kva kommunen skal få sjå." in text
    assert "Sluttdatoen kan ikkje vere tilbake i tid." in text
