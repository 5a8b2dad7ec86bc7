"""Search as FHIR R4 defines it (https://hl7.org/fhir/R4/search.html), beyond what
each endpoint's own tests hold: token forms, repeated and comma-separated values."""

import pytest

from forlop.fhir import systems
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.json()


def ids(bundle):
    return sorted(e["resource"]["id"] for e in bundle["entry"])


@pytest.fixture
def two(world):
    """A second patient of the unit, with a pathway."""
    other = factories.patient("Ola Annen")
    pathway = factories.pathway(patient=other, unit=world.org.unit_a, by=world.coordinator,
                                today=world.pathway.started_on)
    return other, pathway


def test_token_forms_no_system_and_any_code_of_a_system(staff_client, world, two):
    # search.html, token: "|[code]" matches an identifier with no system (ours all have
    # one), "[system]|" any identifier of that system.
    value = world.patient.identifier
    no_system = get(staff_client, f"/fhir/R4/Patient?identifier=|{value}")
    every_fnr = get(staff_client, f"/fhir/R4/Patient?identifier={systems.FNR}|")
    every_dnr = get(staff_client, f"/fhir/R4/Patient?identifier={systems.DNR}|")
    units = get(staff_client, f"/fhir/R4/Organization?identifier={systems.RESH}|")
    trusts = get(staff_client, f"/fhir/R4/Organization?identifier={systems.ORG_NUMBER}|")
    assert (no_system["total"], ids(every_fnr), every_dnr["total"],
            f"unit-{world.org.unit_a.pk}" in ids(units),
            {i.split("-")[0] for i in ids(trusts)}) == (
        0, sorted([str(world.patient.pk), str(two[0].pk)]), 0, True, {"trust", "region"})


def test_a_practitioner_is_found_by_any_hpr_number(staff_client, world):
    world.coordinator.hpr_number = "9144889"
    world.coordinator.save()
    every = get(staff_client, f"/fhir/R4/Practitioner?identifier={systems.HPR}|")
    assert ids(every) == [str(world.coordinator.pk)]


def test_comma_separated_values_are_either(staff_client, world, two):
    # search.html, "Composite search parameters"/multiple values: a,b is a OR b.
    other, pathway = two
    a, b = world.patient.pk, other.pk
    by_patient = get(staff_client, f"/fhir/R4/EpisodeOfCare?patient={a},Patient/{b}")
    by_id = get(staff_client, f"/fhir/R4/Patient?_id={a},{b}")
    by_identifier = get(staff_client, f"/fhir/R4/Patient?identifier={systems.FNR}|"
                                      f"{world.patient.identifier},{other.identifier}")
    tasks = get(staff_client, f"/fhir/R4/Task?focus=EpisodeOfCare/{world.pathway.pk},"
                              f"EpisodeOfCare/{pathway.pk}")
    assert (ids(by_patient), ids(by_id), ids(by_identifier),
            {e["resource"]["focus"]["reference"] for e in tasks["entry"]}) == (
        sorted([str(world.pathway.pk), str(pathway.pk)]), sorted([str(a), str(b)]),
        sorted([str(a), str(b)]),
        {f"EpisodeOfCare/{world.pathway.pk}", f"EpisodeOfCare/{pathway.pk}"})


def test_a_repeated_parameter_must_match_each_time(staff_client, world, two):
    # search.html: a parameter repeated is AND; a pathway has one patient, so two
    # different patients find nothing (the last value alone was used).
    a, b = world.patient.pk, two[0].pk
    both = get(staff_client, f"/fhir/R4/EpisodeOfCare?patient={a}&patient={b}")
    same = get(staff_client, f"/fhir/R4/EpisodeOfCare?patient={a}&patient={a},{b}")
    ids_both = get(staff_client, f"/fhir/R4/Patient?_id={a}&_id={b}")
    status = get(staff_client, "/fhir/R4/Task?status=in-progress&status=completed")
    assert (both["total"], ids(same), ids_both["total"], status["total"]) == (
        0, [str(world.pathway.pk)], 0, 0)


def test_total_counts_only_what_the_reader_is_given(client, world, municipal):
    # bundle.html, Bundle.total: the number of matches across all pages. A consent
    # that shares only the overview gives no Encounters, Tasks, plans or self-reports,
    # so none may be counted (a total of 2 with no entry on any page, before).
    from forlop.plans import services as plans
    from tests.plans.conftest import content

    plans.save_version(pathway=world.pathway, by=world.coordinator, content=content())
    plans.answer_self_report(pathway=world.pathway, by=world.patient.user,
                             how_it_goes="Bedre.", wants_to_discuss="Søvnen.")
    client.force_login(municipal)
    totals = {t: get(client, f"/fhir/R4/{t}?_count=1")
              for t in ("Encounter", "Task", "CarePlan", "QuestionnaireResponse")}
    assert {t: (b["total"], len(b["entry"]), [link["relation"] for link in b["link"]])
            for t, b in totals.items()} == {
        t: (0, 0, ["self", "first", "last"]) for t in totals}


def relations(bundle):
    return {link["relation"]: link["url"].replace("http://testserver", "")
            for link in bundle["link"]}


def test_previous_and_last_page_on_from_an_offset_without_repeats(staff_client, world, two):
    # Bundle.link previous/next/last walk the same result pages: none repeats an entry
    # of another (a previous page of _count entries from _offset=1 held the current
    # page's first entry, and last was not a page next ever reached).
    for kind in ("voksne", "psykose"):
        factories.pathway(patient=world.patient, unit=world.org.unit_a, by=world.coordinator,
                          today=world.pathway.started_on, type=kind)
    every = ids(get(staff_client, "/fhir/R4/EpisodeOfCare"))
    page = get(staff_client, "/fhir/R4/EpisodeOfCare?_count=2&_offset=1")
    before = get(staff_client, relations(page)["previous"])
    walked, at = [], page
    while "next" in relations(at):
        at = get(staff_client, relations(at)["next"])
        walked.append(relations(at)["self"])
    assert ([e["resource"]["id"] for b in (before, page) for e in b["entry"]],
            "previous" in relations(before), relations(page)["last"]) == (
        sorted(every, key=int)[:3], False, walked[-1])


def test_period_takes_a_year_or_a_month_as_the_range_it_names(staff_client, world):
    # search.html, date: a value's precision makes it a range (2024-06 is the whole of
    # June): eq matches a due date inside it, gt one after it, lt one before it. They
    # were refused as no date (400); text after a date was ignored instead of refused.
    clocks = [e["resource"] for e in get(staff_client, "/fhir/R4/Task?_count=100")["entry"]]
    dues = [c["restriction"]["period"]["end"] for c in clocks if "restriction" in c]
    month, year = dues[0][:7], dues[0][:4]

    def total(value):
        return get(staff_client, f"/fhir/R4/Task?period={value}")["total"]

    assert (total(month), total(f"gt{month}"), total(f"lt{month}"), total(f"ne{month}"),
            total(year), total(f"le{year}")) == (
        sum(d[:7] == month for d in dues), sum(d[:7] > month for d in dues),
        sum(d[:7] < month for d in dues), sum(d[:7] != month for d in dues),
        sum(d[:4] == year for d in dues), sum(d[:4] <= year for d in dues))
    for bad in ("ge2024-06-01garbage", "20240601", "2024-6", "ge"):
        assert get(staff_client, f"/fhir/R4/Task?period={bad}", 400)["issue"][0]["code"] \
            == "invalid"


def test_a_consent_search_for_a_patient_one_may_not_see_is_an_empty_searchset(client, world):
    # search.html: a search that runs and matches nothing is a 200 Bundle (docs/fhir.md:
    # "an empty searchset for a search"); it was a 404. The refusal is still logged.
    from forlop.access.models import AccessLogEntry

    client.force_login(world.outsider)
    bodies = [get(client, f"/fhir/R4/Consent?patient={p}")
              for p in (world.patient.pk, "abc", "Patient/99999")]
    assert ([(b["resourceType"], b["total"]) for b in bodies],
            list(AccessLogEntry.objects.filter(patient=world.patient)
                 .values_list("what", "outcome"))) == (
        [("Bundle", 0)] * 3, [("fhir:Consent", "refused")])
