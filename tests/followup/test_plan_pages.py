"""The individual plan's pages: through the guard (access decided and logged before
the view), the patient on Min side in plain words, the treatment plan's link, nn."""

from django.urls import reverse

from forlop.access.models import AccessLogEntry, Basis, Outcome
from forlop.followup.models import PlanResponse, PlanVersion
from tests.followup.builders import plan_version

MEASURES = [{"what": "Samtale hver 14. dag", "who": "Kari Kommune", "by": "2027-03-01"}]
GROUP = [{"name": "Kari Kommune", "service": "Psykisk helsetjeneste", "role": "koordinator"}]


def test_the_municipal_coordinator_writes_a_version_on_the_page(client, patient, municipal):
    client.force_login(municipal)
    url = reverse("followup:edit", args=[patient.pk])
    response = client.post(url, {
        "goals": "Bo i egen leilighet",
        "tiltak-TOTAL_FORMS": "1", "tiltak-INITIAL_FORMS": "0",
        "tiltak-0-what": "Samtale", "tiltak-0-who": "Kari Kommune", "tiltak-0-by": "2027-03-01",
        "evaluering-TOTAL_FORMS": "1", "evaluering-INITIAL_FORMS": "0",
        "evaluering-0-on": "2027-03-01",
        "gruppe-TOTAL_FORMS": "1", "gruppe-INITIAL_FORMS": "0", "gruppe-0-name": "Kari Kommune",
        "gruppe-0-service": "Psykisk helsetjeneste", "gruppe-0-role": "koordinator"})
    version = PlanVersion.objects.get()
    assert (response.status_code, version.measures, version.group, version.evaluation_dates) == (
        302, [{"what": "Samtale", "who": "Kari Kommune", "by": "2027-03-01"}],
        [{"name": "Kari Kommune", "service": "Psykisk helsetjeneste", "role": "koordinator"}],
        ["2027-03-01"])


def test_a_group_member_without_a_service_is_refused_by_the_field(client, patient, municipal):
    client.force_login(municipal)
    response = client.post(reverse("followup:edit", args=[patient.pk]), {
        "goals": "Mål", "tiltak-TOTAL_FORMS": "0", "tiltak-INITIAL_FORMS": "0",
        "evaluering-TOTAL_FORMS": "0", "evaluering-INITIAL_FORMS": "0",
        "gruppe-TOTAL_FORMS": "1", "gruppe-INITIAL_FORMS": "0", "gruppe-0-name": "Kari"})
    assert (response.status_code, "Skriv hvilken tjeneste" in response.content.decode(),
            PlanVersion.objects.count()) == (400, True, 0)


def test_the_plan_page_logs_the_read_and_a_refusal(client, patient, municipal, elsewhere):
    plan_version(patient, municipal, measures=MEASURES, group=GROUP)
    url = reverse("followup:plan", args=[patient.pk])
    client.force_login(municipal)
    page = client.get(url).content.decode()
    client.force_login(elsewhere)
    refused = client.get(url)
    rows = list(AccessLogEntry.objects.filter(patient_id=patient.pk).order_by("pk")
                .values_list("user__username", "basis", "outcome", "what"))
    assert ("Kari Kommune" in page, refused.status_code, rows) == (True, 404, [
        ("kommune", Basis.MUNICIPAL_SERVICE, Outcome.ALLOWED, "individual_plan"),
        ("annenvik", Basis.NONE, Outcome.REFUSED, "individual_plan")])


def test_the_patient_reads_it_on_min_side_in_plain_words_and_signs(client, patient,
                                                                   patient_user, municipal):
    plan_version(patient, municipal, measures=MEASURES, group=GROUP)
    client.force_login(patient_user)
    url = reverse("followup:own_plan")
    page = client.get(url).content.decode()
    signed = client.post(url, {"svar": "signer", "signer-agree": "on"})
    assert ("Det du vil oppnå" in page, "Ansvarsgruppen din" in page,
            "Samtale hver 14. dag – ansvarlig: Kari Kommune – innen 1.3.2027" in page,
            signed.status_code, PlanResponse.objects.get().kind) == (
        True, True, True, 302, "signed")


def test_min_side_without_a_plan_says_what_it_is(client, patient_user, patient):
    client.force_login(patient_user)
    page = client.get(reverse("followup:own_plan")).content.decode()
    assert "Du har ingen individuell plan" in page


def test_staff_and_relatives_find_no_min_side_plan(client, municipal):
    client.force_login(municipal)
    assert client.get(reverse("followup:own_plan")).status_code == 403


def test_the_treatment_plan_links_to_it_within_consent(client, pathway, patient, coordinator,
                                                       municipal, org):
    from forlop.plans.models import PlanVersion as TreatmentPlan
    from tests.followup.conftest import share

    TreatmentPlan.objects.create(pathway=pathway, number=1, goals="Mål", made_by=coordinator)
    plan_version(patient, municipal)
    client.force_login(coordinator)
    url = reverse("plans:plan", args=[pathway.pk])
    before = client.get(url).content.decode()
    share(patient, org.municipality, by=coordinator)
    after = client.get(url).content.decode()
    back = client.get(reverse("followup:plan", args=[patient.pk])).content.decode()
    assert ('id="individual-plan-link"' in before, 'id="individual-plan-link"' in after,
            reverse("plans:plan", args=[pathway.pk]) in back) == (False, True, True)


def test_the_plan_in_nynorsk(client, patient, municipal):
    plan_version(patient, municipal)
    client.force_login(municipal)
    client.cookies["django_language"] = "nn"
    page = client.get(reverse("followup:plan", args=[patient.pk])).content.decode()
    assert "Individuell plan" in page and "Kommunen sin plan for pasienten" in page


def test_an_unchanged_plan_is_refused_on_the_page(client, patient, municipal):
    plan_version(patient, municipal, goals="Bo i egen leilighet")
    client.force_login(municipal)
    response = client.post(reverse("followup:edit", args=[patient.pk]), {
        "goals": "Bo i egen leilighet", "tiltak-TOTAL_FORMS": "0", "tiltak-INITIAL_FORMS": "0",
        "evaluering-TOTAL_FORMS": "0", "evaluering-INITIAL_FORMS": "0",
        "gruppe-TOTAL_FORMS": "0", "gruppe-INITIAL_FORMS": "0"})
    assert (response.status_code, "Ingenting er endret siden versjon 1." in
            response.content.decode(), PlanVersion.objects.count()) == (400, True, 1)


def test_the_edit_page_has_the_measures_dates_and_group_of_the_version(client, patient,
                                                                       municipal):
    plan_version(patient, municipal, measures=MEASURES, group=GROUP,
                 evaluation_dates=["2027-03-01"])
    client.force_login(municipal)
    page = client.get(reverse("followup:edit", args=[patient.pk])).content.decode()
    assert ('value="Samtale hver 14. dag"' in page,
            'name="evaluering-0-on" value="2027-03-01"' in page,
            'name="gruppe-0-service" value="Psykisk helsetjeneste"' in page,
            "Tiltak: hva, hvem har ansvaret, og innen når" in page) == (True, True, True, True)
