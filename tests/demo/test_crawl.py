"""The demo walked as its personas, with odd values in every form: never a server
error. Each persona follows the links from its start page (breadth first, a bounded
number of pages); every GET form on a page is sent with odd values in all its fields,
and every POST form once per field with that field odd and the rest as the page
filled them in (a form error, a refusal or a success are all fine; a 500 is not).
The odd values are what found 500s elsewhere: a superscript digit (``str.isdigit``
says yes, ``int`` refuses it), numbers past 64 bits, impossible dates, quotes."""

import datetime as dt
import random
from urllib.parse import parse_qsl, urlencode, urlparse

import pytest
import time_machine
from django.test import Client
from lxml import html

from forlop.accounts.models import User
from forlop.demo.load import load_demo

TODAY = dt.date(2026, 11, 23)
PAGES = 20  # per persona
PERSONAS = ("koordinator", "behandler", "sekretaer", "leder", "kommune", "ke-leder",
            "fastlege", "pasient", "parorende", "bup", "fjellro-tilgang")
# Each field gets the first two (what found 500s elsewhere) and one of the rest.
ODD = ("\u00b9", "99999999999999999999999", "-1", "0", "'", "%", "a" * 300, "2026-02-30",
       "1,2", "\u0661", " ", "null")
SKIP = ("logg-ut", "logout", "/admin/")


@pytest.fixture
def demo(db):
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC), tick=False):
        load_demo(seed=1, pathways=40, today=TODAY)
        yield


def fields_of(form) -> dict[str, str]:
    """The form's fields as the page filled them in (a select's last option)."""
    fields = {}
    for field in form.xpath(".//input|.//select|.//textarea"):
        name = field.get("name")
        if not name:
            continue
        if field.tag == "select":
            options = field.xpath(".//option/@value")
            fields[name] = options[-1] if options else ""
        elif field.get("type") in ("checkbox", "radio"):
            fields.setdefault(name, field.get("value") or "on")
        else:
            fields[name] = field.get("value") or (field.text or "")
    return fields


def walk(client, rng, errors: list, start="/"):
    """Breadth first from ``start``; every answer of 500 or more goes to ``errors``.
    Each form (its action and method) is tried once, field by field."""
    def ask(method, url, data=None):
        response = getattr(client, method)(url, data)
        if response.status_code >= 500:
            errors.append((method.upper(), url, data))
        return response

    def odd():
        return (*ODD[:2], rng.choice(ODD[2:]))

    seen, tried, queue = set(), set(), [start]
    while queue and len(seen) < PAGES:
        url = queue.pop(0)
        if url in seen or any(s in url for s in SKIP):
            continue
        seen.add(url)
        response = ask("get", url)
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            queue.append(response["Location"])
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = html.fromstring(response.content)
        for href in page.xpath("//a/@href"):
            link = urlparse(href)
            if not link.netloc and link.path.startswith("/"):
                queue.append(link.path + (f"?{link.query}" if link.query else ""))
        here = urlparse(url)
        query = dict(parse_qsl(here.query))
        for key in query:
            for value in odd():
                ask("get", f"{here.path}?{urlencode({**query, key: value})}")
        for form in page.xpath("//form"):
            action = form.get("action") or here.path
            method = (form.get("method") or "get").lower()
            if any(s in action for s in SKIP) or (method, action) in tried:
                continue
            tried.add((method, action))
            fields = fields_of(form)
            for name in [n for n in fields if n != "csrfmiddlewaretoken"]:
                for value in odd():
                    ask(method, action, {**fields, name: value})


@pytest.mark.parametrize("username", PERSONAS)
def test_every_page_a_persona_reaches_answers_odd_values_without_a_server_error(demo, username):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    errors = []
    walk(client, random.Random(username), errors)
    assert errors == []
