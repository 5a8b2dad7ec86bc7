"""Whatever a client sends to a FHIR read or search, the answer is FHIR: a Bundle or
a resource that parses with the library, or an OperationOutcome with a 4xx status.
Never a server error, never an HTML page (hypothesis over odd ids and parameters)."""

import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from forlop.fhir.endpoints import TYPES as ENDPOINTS
from forlop.fhir.validation import parse
from tests import factories

pytestmark = pytest.mark.django_db(transaction=False)

SEARCHES = {name: sorted(module.SEARCH) for name, module in ENDPOINTS.items()}
TYPES = sorted(SEARCHES)

# Text a client may send: digits (big ones too), references, prefixes, system|value,
# and any printable text, including what URLs and SQL care about.
VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "|", "Patient/1", "EpisodeOfCare/", "ge2024-01-01", "lt", "eq2024-13-45",
                     "urn:oid:2.16.578.1.12.4.1.4.1|", "1,2", "%", "'", "\\", "1e5", "+12",
                     "in-progress,completed", "active,", "unit-", "trust-1x", "region-0"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=30),
)
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def answer_is_fhir(response):
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/fhir+json"), response.content[:300]
    body = response.json()
    if response.status_code >= 400:
        assert body["resourceType"] == "OperationOutcome"
    parse(body)


def search_answers_fhir(client, rtype, query):
    with transaction.atomic():  # each example's log rows roll back with it
        answer_is_fhir(client.get(f"/fhir/R4/{rtype}", query))
        transaction.set_rollback(True)


@pytest.mark.parametrize(("rtype", "query"), [
    ("AuditEvent", [("_offset", str(2**63))]),  # past PostgreSQL's bigint: was a 500
    ("Task", [("patient", "Patient/\u00b9")]),
    ("Patient", [("_id", str(2**70))]),
    ("Patient", [("_id", "1" * 5000)]),  # int() refuses > 4,300 digits: was a 500
    ("Task", [("patient", "9" * 5000)]),
])
def test_searches_found_to_fail_once_answer_fhir(staff_client, rtype, query):
    search_answers_fhir(staff_client, rtype, query)


@pytest.mark.parametrize("value", ["+5", " 5", "-1", "1_0", "\u00b9", "9" * 5000])
def test_paging_takes_only_digits(staff_client, value):
    # int() took "+5", " 5" and "1_0" (a second spelling of a number), and raised on
    # 5,000 digits; "-1" had its own message.
    for name in ("_count", "_offset"):
        with transaction.atomic():
            answer = staff_client.get("/fhir/R4/Patient", {name: value})
            transaction.set_rollback(True)
        assert (answer.status_code, answer.json()["issue"][0]["diagnostics"]) == (
            400, "_count og _offset må være hele tall (0 eller mer), skrevet med sifre.")


@SETTINGS
@given(rtype=st.sampled_from(TYPES), data=st.data())
def test_a_search_with_any_parameters_answers_fhir(staff_client, rtype, data):
    names = st.sampled_from([*SEARCHES[rtype], "_count", "_offset", "_format", "unknown"])
    search_answers_fhir(staff_client, rtype,
                        data.draw(st.lists(st.tuples(names, VALUES), max_size=3)))


@SETTINGS
@given(rtype=st.sampled_from(TYPES), rid=VALUES)
@example(rtype="AuditEvent", rid="\u00b9")  # isdigit() but not int(): was a 500
@example(rtype="EpisodeOfCare", rid="\u00b9")
@example(rtype="Patient", rid=str(2**64))
@example(rtype="EpisodeOfCare", rid="1" * 5000)  # int() refuses > 4,300 digits: was a 500
def test_a_read_of_any_id_answers_fhir(staff_client, rtype, rid):
    if not rid or "/" in rid or "?" in rid or "#" in rid:
        rid = rid.replace("/", "x").replace("?", "x").replace("#", "x") or "x"
    with transaction.atomic():
        answer_is_fhir(staff_client.get(f"/fhir/R4/{rtype}/{rid}"))
        transaction.set_rollback(True)


# Any JSON a client may put where the create endpoints read a value.
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
              st.floats(allow_nan=False, allow_infinity=False), VALUES),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(VALUES, inner, max_size=3)),
    max_leaves=6)


def paths(value, at=()):
    """Every place in a JSON document (as a path of keys and indexes)."""
    yield at
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, (*at, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from paths(inner, (*at, i))


def replaced(value, at, new):
    if not at:
        return new
    head, rest = at[0], at[1:]
    if isinstance(value, dict):
        return {**value, head: replaced(value[head], rest, new)}
    return [replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]


def posted_answers_fhir(client, url, body):
    with transaction.atomic():  # what an example creates rolls back with it
        response = client.post(url, json.dumps(body), content_type="application/fhir+json")
        answer_is_fhir(response)
        transaction.set_rollback(True)


def valid_bodies(world):
    from tests.fhir.test_create import attendance, episode
    made = episode(factories.patient(), world.org.unit_a)
    meeting = attendance(f"EpisodeOfCare/{world.pathway.pk}", on="2024-06-01",
                         kind="evaluation")
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "urn:uuid:1", "resource": episode(factories.patient(), world.org.unit_a),
         "request": {"method": "POST", "url": "EpisodeOfCare"}},
        {"resource": attendance("urn:uuid:1"), "request": {"method": "POST",
                                                            "url": "Encounter"}}]}
    return {"/fhir/R4/EpisodeOfCare": made, "/fhir/R4/Encounter": meeting, "/fhir/R4/": bundle}


@SETTINGS
@given(data=st.data())
def test_a_created_resource_with_any_value_anywhere_answers_fhir(staff_client, world, data):
    """A valid EpisodeOfCare, Encounter or transaction with one place (a value, a list,
    an object, the whole body) replaced by any JSON: created, or refused as FHIR."""
    bodies = valid_bodies(world)
    url = data.draw(st.sampled_from(sorted(bodies)))
    body = bodies[url]
    at = data.draw(st.sampled_from(list(paths(body))))
    posted_answers_fhir(staff_client, url, replaced(body, at, data.draw(JSON_VALUES)))


def test_the_bodies_the_fuzzing_starts_from_are_accepted(staff_client, world):
    statuses = {url: staff_client.post(url, json.dumps(body),
                                       content_type="application/fhir+json").status_code
                for url, body in valid_bodies(world).items()}
    assert statuses == {"/fhir/R4/": 200, "/fhir/R4/EpisodeOfCare": 201,
                        "/fhir/R4/Encounter": 201}


def test_a_null_anywhere_in_a_posted_resource_is_a_400_that_says_where(staff_client, world):
    """Found by the fuzzing above: a null reference in a transaction's Encounter was a
    500 (FHIR's JSON has no nulls; the library let it by)."""
    bundle = valid_bodies(world)["/fhir/R4/"]
    body = replaced(bundle, ("entry", 1, "resource", "episodeOfCare", 0, "reference"), None)
    response = staff_client.post("/fhir/R4/", json.dumps(body),
                                 content_type="application/fhir+json")
    where = "Bundle.entry[1].resource.episodeOfCare[0].reference"
    assert (response.status_code, response.json()["issue"][0]["expression"]) == (400, [where])
    assert where in response.json()["issue"][0]["diagnostics"]


@pytest.mark.parametrize("kind", [[], {}, "NoSuchResource", 5])
def test_a_contained_resource_of_no_fhir_type_is_a_400(staff_client, world, kind):
    """Found by the fuzzing above: the library raised TypeError or KeyError (a 500)."""
    bundle = valid_bodies(world)["/fhir/R4/"]
    body = replaced(bundle, ("entry", 0, "resource", "resourceType"), kind)
    response = staff_client.post("/fhir/R4/", json.dumps(body),
                                 content_type="application/fhir+json")
    assert (response.status_code, response.json()["resourceType"]) == (400, "OperationOutcome")
