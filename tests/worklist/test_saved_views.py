"""Saved views of the worklist: personal or for the unit; who may delete them."""

import pytest
from django.urls import reverse

from forlop.access.authorize import NotPermitted
from forlop.worklist.models import SavedView
from forlop.worklist.services import delete_view
from tests import factories

NEW = reverse("worklist_saved_view_new")
LIST = reverse("worklist_saved_views")


@pytest.fixture
def leader(org):
    return factories.user("leder", role="leader", unit=org.unit_a)


def _delete(view):
    return reverse("worklist_saved_view_delete", args=[view.pk])


def test_the_form_carries_the_current_filter(client, coordinator):
    client.force_login(coordinator)
    html = client.get(NEW, {"status": "overdue", "side": "3"}).content.decode()
    assert 'name="query" value="status=overdue"' in html


def test_save_a_personal_view(client, coordinator):
    client.force_login(coordinator)
    client.post(NEW, {"name": "Mine brudd", "query": "coordinator=me&status=overdue",
                      "share": ""})
    assert list(SavedView.objects.values_list("name", "unit", "params")) == [
        ("Mine brudd", None, {"coordinator": "me", "status": "overdue"})]


def test_saving_opens_the_saved_view(client, coordinator):
    client.force_login(coordinator)
    response = client.post(NEW, {"name": "Mine", "query": "coordinator=me", "share": ""})
    assert response.url == "/?coordinator=me"


def test_save_a_view_for_the_unit(client, coordinator, org):
    client.force_login(coordinator)
    client.post(NEW, {"name": "Enhetens brudd", "query": "status=overdue",
                      "share": str(org.unit_a.pk)})
    assert SavedView.objects.get().unit == org.unit_a


def test_a_view_cannot_be_shared_with_a_unit_one_has_no_role_in(client, coordinator, org):
    client.force_login(coordinator)
    response = client.post(NEW, {"name": "Naboens", "query": "status=overdue",
                                 "share": str(org.unit_b.pk)})
    assert (response.status_code, SavedView.objects.count()) == (200, 0)


def test_an_invalid_filter_is_not_saved(client, coordinator):
    client.force_login(coordinator)
    response = client.post(NEW, {"name": "Rart", "query": "status=drop+table", "share": ""})
    assert ('class="ds-error-summary"' in response.content.decode(),
            SavedView.objects.count()) == (True, 0)


def test_a_view_needs_a_name(client, coordinator):
    client.force_login(coordinator)
    response = client.post(NEW, {"name": " ", "query": "status=overdue", "share": ""})
    assert (response.status_code, SavedView.objects.count()) == (200, 0)


def test_the_error_summary_takes_focus(client, coordinator):
    client.force_login(coordinator)
    html = client.post(NEW, {"name": "", "query": "status=overdue"}).content.decode()
    assert '<div class="ds-error-summary" role="alert" tabindex="-1" autofocus' in html


def test_two_personal_views_cannot_share_a_name(client, coordinator):
    SavedView.objects.create(owner=coordinator, name="Mine", params={"coordinator": "me"})
    client.force_login(coordinator)
    client.post(NEW, {"name": "Mine", "query": "status=overdue", "share": ""})
    assert SavedView.objects.count() == 1


def test_the_list_shows_own_and_the_units_views_only(client, coordinator, clinician, outsider,
                                                    org):
    SavedView.objects.create(owner=coordinator, name="Min egen", params={"coordinator": "me"})
    SavedView.objects.create(owner=clinician, unit=org.unit_a, name="Enhetens",
                             params={"status": "overdue"})
    SavedView.objects.create(owner=clinician, name="Behandlers egen", params={"sort": "name"})
    SavedView.objects.create(owner=outsider, unit=org.unit_b, name="Naboens",
                             params={"sort": "name"})
    client.force_login(coordinator)
    assert [v.name for v in client.get(LIST).context["views"]] == ["Min egen", "Enhetens"]


def test_a_saved_view_links_to_its_filter(client, coordinator):
    SavedView.objects.create(owner=coordinator, name="Mine", params={"coordinator": "me"})
    client.force_login(coordinator)
    assert 'href="/?coordinator=me"' in client.get(LIST).content.decode()


def test_the_owner_deletes_a_view(client, coordinator):
    view = SavedView.objects.create(owner=coordinator, name="Mine", params={"sort": "name"})
    client.force_login(coordinator)
    client.post(_delete(view))
    assert SavedView.objects.count() == 0


def test_the_units_leader_deletes_a_team_view(client, coordinator, leader, org):
    view = SavedView.objects.create(owner=coordinator, unit=org.unit_a, name="Enhetens",
                                    params={"sort": "name"})
    client.force_login(leader)
    client.post(_delete(view))
    assert SavedView.objects.count() == 0


def test_a_colleague_may_not_delete_a_team_view(client, coordinator, clinician, org):
    view = SavedView.objects.create(owner=coordinator, unit=org.unit_a, name="Enhetens",
                                    params={"sort": "name"})
    client.force_login(clinician)
    assert (client.post(_delete(view)).status_code, SavedView.objects.count()) == (403, 1)


def test_someone_elses_personal_view_is_not_found(client, coordinator, clinician):
    view = SavedView.objects.create(owner=coordinator, name="Mine", params={"sort": "name"})
    client.force_login(clinician)
    assert client.post(_delete(view)).status_code == 404


def test_the_service_checks_the_actor(coordinator, clinician, org):
    view = SavedView.objects.create(owner=coordinator, unit=org.unit_a, name="Enhetens",
                                    params={"sort": "name"})
    with pytest.raises(NotPermitted):
        delete_view(view=view, by=clinician)


def test_a_view_of_a_named_coordinator_of_the_unit_can_be_saved(client, coordinator, clinician):
    client.force_login(coordinator)
    client.post(NEW, {"name": "Behandlers", "query": f"coordinator={clinician.pk}",
                      "share": ""})
    assert SavedView.objects.get().params == {"coordinator": str(clinician.pk)}


def test_a_view_of_a_stranger_as_coordinator_is_not_saved(client, coordinator, outsider):
    client.force_login(coordinator)
    client.post(NEW, {"name": "Naboen", "query": f"coordinator={outsider.pk}", "share": ""})
    assert SavedView.objects.count() == 0
