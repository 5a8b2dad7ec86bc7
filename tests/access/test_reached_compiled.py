"""``bases.reached`` sends a statement compiled once per process from
``bases.reached_query``: it answers as the ORM's query does, for every persona and
pathway of the world with every basis, and binds the day and the moment it runs on."""

import datetime as dt

import time_machine

from forlop.access import bases
from forlop.access.models import Consent, Participant
from forlop.pathways.models import Pathway
from tests import factories
from tests.access.world import PERSONAS, build_world


def orm_reached(user, pathway_id):
    row = bases.reached_query(user, pathway_id).first()
    return {rule for name, rule in bases._NAMES.items() if row[name]}, bool(row["x"])


def test_the_compiled_statement_answers_as_the_orm_for_every_persona_and_pathway(org):
    world = build_world(org)
    pathways = list(Pathway.objects.values_list("pk", flat=True))
    differ = [(persona, pk) for persona in PERSONAS for pk in pathways
              if bases.reached(world.users[persona], pk)
              != orm_reached(world.users[persona], pk)]
    assert differ == []
    assert bases.reached(world.users["coord_a"], -1) == (set(), False)  # no such row


def test_the_compiled_statement_binds_today(org, coordinator):
    outsider = factories.user("kommune2", role="municipal_coordinator",
                              municipality=org.municipality)
    pathway = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                                today=dt.date.today())
    day = dt.date(2030, 5, 10)
    Consent.objects.create(patient=pathway.patient, participant=Participant.MUNICIPALITY,
                           participant_municipality=org.municipality, scope="plans",
                           valid_from=day, valid_to=day, registered_by=coordinator)
    reached_on = {}
    for offset in (-1, 0, 1):
        with time_machine.travel(dt.datetime(2030, 5, 10 + offset, 12, tzinfo=dt.UTC)):
            reached_on[offset] = bases.MUNICIPAL_CONSENT in bases.reached(outsider,
                                                                        pathway.pk)[0]
    assert reached_on == {-1: False, 0: True, 1: False}
