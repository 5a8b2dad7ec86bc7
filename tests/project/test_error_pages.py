"""Error pages in the site's layout, in bokmål and nynorsk, never Django's debug pages."""

import pathlib
import re

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse
from django.utils import translation

ROOT = pathlib.Path(__file__).resolve().parents[2]
HEADINGS = {
    404: {"nb": "Fant ikke siden", "nn": "Fann ikkje sida"},
    403: {"nb": "Ingen tilgang", "nn": "Inga tilgang"},
    "csrf": {"nb": "Skjemaet ble ikke sendt", "nn": "Skjemaet vart ikkje sendt"},
    400: {"nb": "Ugyldig forespørsel", "nn": "Ugyldig førespurnad"},
    500: {"nb": "Noe gikk galt", "nn": "Noko gjekk gale"},
}
LANGUAGES = ["nb", "nn"]


def heading(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[1].strip()


def in_language(client, lang):
    client.cookies["django_language"] = lang
    return client


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page(client, db, lang):
    response = in_language(client, lang).get("/finnes-ikke/")
    assert (response.status_code, heading(response)) == (404, HEADINGS[404][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_is_in_the_sites_layout(client, db, lang):
    page = in_language(client, lang).get("/finnes-ikke/").content.decode()
    assert (f'<html lang="{lang}"' in page, "forlop/app.css" in page) == (True, True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_403_page(client, coordinator, lang):
    in_language(client, lang).force_login(coordinator)
    response = client.get(reverse("access:review_list"))
    assert (response.status_code, heading(response)) == (403, HEADINGS[403][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csrf_failure_page(db, lang):
    client = in_language(Client(enforce_csrf_checks=True), lang)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert (response.status_code, heading(response)) == (403, HEADINGS["csrf"][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_400_page(client, db, lang):
    response = in_language(client, lang).get("/", HTTP_HOST="ukjent.example")
    assert (response.status_code, heading(response)) == (400, HEADINGS[400][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_500_page_on_a_failing_view(db, settings, lang):
    settings.ROOT_URLCONF = "tests.project.boom_urls"
    client = in_language(Client(raise_request_exception=False), lang)
    response = client.get("/boom/")
    assert (response.status_code, heading(response)) == (500, HEADINGS[500][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_500_page_renders_without_request_or_database(lang):
    # No ``db`` fixture: any database access here fails the test.
    with translation.override(lang):
        page = loader.get_template("500.html").render()
    assert HEADINGS[500][lang] in page


def test_no_debug_page_for_a_missing_url(client, db):
    assert "technical" not in client.get("/finnes-ikke/").content.decode().lower()


def test_static_files_are_served_with_debug_off(client, settings):
    settings.DEBUG = False
    assert client.get("/static/forlop/app.css").status_code == 200


def test_make_run_serves_without_debug_but_with_static_files():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.M)[1]
    assert ("DEBUG=1" in recipe, "runserver --insecure" in recipe) == (False, True)
