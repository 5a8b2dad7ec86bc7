"""The worklist's resolved scope grants exactly what ``visible_to`` grants."""

import pytest

from forlop.access.models import CareTeamMember
from forlop.pathways.models import Pathway
from forlop.worklist.selectors import worklist_for
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def pathways(org, coordinator, outsider, clinician):
    own = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                            today=TODAY)
    coordinated = factories.pathway(patient=factories.patient(), unit=org.unit_b,
                                    by=outsider, today=TODAY, coordinator=clinician)
    shared = factories.pathway(patient=factories.patient(), unit=org.unit_b, by=outsider,
                               today=TODAY)
    CareTeamMember.objects.create(pathway=shared, user=coordinator, added_by=outsider)
    return own, coordinated, shared


@pytest.mark.parametrize("persona", ["coordinator", "clinician", "outsider", "municipal",
                                     "expired"])
def test_worklist_scope_equals_visible_to(persona, pathways, request):
    user = request.getfixturevalue(persona)
    visible = set(Pathway.objects.visible_to(user).open().values_list("pk", flat=True))
    assert {s.pathway_id for s in worklist_for(user)} == visible


def test_anonymous_sees_nothing(pathways, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert list(worklist_for(AnonymousUser())) == []
