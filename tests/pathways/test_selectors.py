from django.contrib.auth.models import AnonymousUser

from forlop.access.models import CareTeamMember
from forlop.pathways.models import Pathway
from forlop.pathways.selectors import PathwayQuerySet


def visible(user):
    return list(Pathway.objects.visible_to(user))


def test_unit_staff_see_their_units_pathway(pathway, clinician):
    assert visible(clinician) == [pathway]


def test_staff_of_another_unit_see_nothing(pathway, outsider):
    assert visible(outsider) == []


def test_role_that_has_ended_sees_nothing(pathway, expired):
    assert visible(expired) == []


def test_anonymous_sees_nothing(pathway):
    assert visible(AnonymousUser()) == []


def test_municipal_staff_see_nothing_without_consent(pathway, municipal):
    assert visible(municipal) == []


def test_care_team_member_from_another_unit_sees_pathway(pathway, outsider, coordinator):
    CareTeamMember.objects.create(pathway=pathway, user=outsider, added_by=coordinator)
    assert visible(outsider) == [pathway]


def test_named_coordinator_sees_pathway(pathway, outsider):
    Pathway.objects.filter(pk=pathway.pk).update(coordinator=outsider)
    assert visible(outsider) == [pathway]


def test_inactive_user_sees_nothing(pathway, clinician):
    clinician.is_active = False
    assert visible(clinician) == []


def test_care_team_membership_does_not_duplicate_rows(pathway, clinician, coordinator):
    CareTeamMember.objects.create(pathway=pathway, user=clinician, added_by=coordinator)
    assert visible(clinician) == [pathway]


def test_without_the_access_rule_installed_every_scope_is_empty(pathway, clinician, monkeypatch):
    # pathways imports nothing of access (ADR 15): access installs the rule at start-up.
    monkeypatch.setattr(PathwayQuerySet, "scopes", None)
    assert visible(clinician) == []
