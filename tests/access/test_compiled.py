"""Statements compiled once per process (``forlop.access.compiled``) answer what the
querysets they were compiled from answer."""

from __future__ import annotations

import pytest
from django.db import connection

from forlop import hotpath
from forlop.access import compiled
from forlop.access.guards import AUTHOR, _compiled_events, _compiled_pathway, pathway_by_pk
from forlop.accounts.models import User, person_name
from forlop.pathways.models import Pathway, PathwayEvent


def test_objects_are_the_querysets_instances_with_their_relations(pathway, coordinator):
    pathway.coordinator = coordinator
    pathway.save(update_fields=["coordinator"])
    found = pathway_by_pk(pathway.pk, ("state",))
    expected = Pathway.objects.select_related(
        "patient", "unit", "unit__trust", "coordinator", "state").get(pk=pathway.pk)
    for name in ("patient", "unit", "coordinator", "state"):
        assert name in found._state.fields_cache, name  # read in the same statement
    assert [(f.attname, getattr(found, f.attname)) for f in Pathway._meta.concrete_fields] \
        == [(f.attname, getattr(expected, f.attname)) for f in Pathway._meta.concrete_fields]
    assert (found.patient.identifier, found.unit.trust.name, found.coordinator.username,
            found.state.state, found.state.clocks) == (
        expected.patient.identifier, expected.unit.trust.name, expected.coordinator.username,
        expected.state.state, expected.state.clocks)
    assert not found._state.adding and found._state.db == connection.alias


def test_rows_convert_values_as_the_orm_does(pathway):
    statement = _compiled_events(connection.alias, False)
    events = statement.objects(pathway=pathway.pk)
    expected = list(PathwayEvent.objects.filter(pathway=pathway).order_by("pk"))
    assert [(e.pk, e.on, e.data, e.registered_at) for e in events] \
        == [(e.pk, e.on, e.data, e.registered_at) for e in expected]
    assert type(events[0].on) is type(expected[0].on)  # a date, on SQLite too
    rows = statement.rows(pathway=pathway.pk)
    assert len(rows) == len(expected) and rows[0][0] == expected[0].pk
    assert statement.objects(pathway=pathway.pk + 10_000) == []


def test_records_are_the_querysets_fields(pathway):
    statement = _compiled_events(connection.alias, False)  # the FHIR read's events
    records = statement.records(pathway=pathway.pk)
    expected = list(PathwayEvent.objects.filter(pathway=pathway).order_by("pk"))
    fields = [f.attname for f in PathwayEvent._meta.concrete_fields]
    assert records and [r._fields for r in records] == [tuple(fields)] * len(expected)
    assert [[getattr(r, f) for f in fields] for r in records] \
        == [[getattr(e, f) for f in fields] for e in expected]
    assert [r.pk for r in records] == [e.pk for e in expected]
    assert type(records[0].on) is type(expected[0].on)  # a date, on SQLite too
    assert statement.records(pathway=pathway.pk + 10_000) == []
    with pytest.raises(TypeError, match="one model"):  # related models need instances
        _compiled_pathway(connection.alias, ()).records(pathway=pathway.pk)


def test_records_carry_the_annotations_after_the_fields(pathway):
    """The JSON API's events: each with its author's name columns, named as annotated."""
    author = pathway.events.order_by("pk").first().registered_by
    author.first_name, author.last_name = "Åse", "Ørnes"
    author.save()
    records = _compiled_events(connection.alias, True).records(pathway=pathway.pk)
    fields = [f.attname for f in PathwayEvent._meta.concrete_fields]
    assert records[0]._fields == (*fields, *AUTHOR)
    expected = PathwayEvent.objects.filter(pathway=pathway).select_related(
        "registered_by").order_by("pk")
    assert [(r.pk, r.author_first_name, r.author_last_name, r.author_username)
            for r in records] == [(e.pk, e.registered_by.first_name, e.registered_by.last_name,
                                   e.registered_by.username) for e in expected]
    assert person_name(records[0].author_first_name, records[0].author_last_name,
                       records[0].author_username) == str(author) == "Åse Ørnes"


@pytest.mark.parametrize(("first", "last", "name"), [
    ("Åse", "Ørnes", "Åse Ørnes"), ("Åse", "", "Åse"), ("", "Ørnes", "Ørnes"), ("", "", "kari")])
def test_a_users_name_is_stated_once(first, last, name):
    assert person_name(first, last, "kari") == name
    assert str(User(first_name=first, last_name=last, username="kari")) == name


@pytest.mark.parametrize("pk", [0, -1, 2**63, "x", None, "12a"])
def test_no_pathway_for_an_id_no_row_can_have(db, pk):
    assert pathway_by_pk(pk) is None


def test_a_text_stand_in_binds_like_the_others(coordinator):
    from forlop.api import tokens

    _row, token = tokens.create_token(coordinator)
    assert tokens.user_of(token) == coordinator
    prefix = token.split("_")[1]
    other = token.replace(prefix, "0" * len(prefix) if prefix != "0" * 12 else "1" * 12)
    assert tokens.user_of(other) is None


@pytest.mark.skipif(hotpath._psycopg_queries is None, reason="psycopg not installed")
def test_psycopg_caches_the_access_statement(db):
    """The access decision's statement is within the bounds under which psycopg
    caches its parse (``forlop.hotpath``): grown past them, it would be parsed again
    on every read."""
    from forlop.access.bases import _compiled_reach

    statement = _compiled_reach(connection.alias)
    assert len(statement.sql.encode()) > 4096 or len(statement.slots) > 50  # why it matters
    assert len(statement.sql.encode()) <= hotpath._psycopg_queries.MAX_CACHED_STATEMENT_LENGTH
    assert len(statement.slots) <= hotpath._psycopg_queries.MAX_CACHED_STATEMENT_PARAMS


def test_constants_written_into_the_statement_keep_their_meaning(pathway):
    """On PostgreSQL constants are written into the SQL (``compiled._named``): a quote
    and a percent sign in a text constant, ``LIKE``'s own ``%%`` and a boolean must
    mean what they meant as parameters."""
    from forlop.patients.models import Patient

    Patient.objects.filter(pk=pathway.patient_id).update(name="O'Hara 100% sikker")
    statement = compiled.CompiledSql.compile(
        lambda pathway: Pathway.objects.filter(
            pk=pathway, patient__name="O'Hara 100% sikker", patient__name__contains="0% s",
            is_open=True),
        {"pathway": (compiled.INT, compiled.PATHWAY)}, connection.alias)
    assert [p.pk for p in statement.objects(pathway=pathway.pk)] == [pathway.pk]
    Patient.objects.filter(pk=pathway.patient_id).update(name="O'Hara 100%")
    assert statement.objects(pathway=pathway.pk) == []
    if connection.vendor == "postgresql":
        assert statement.named_sql.count("%(pathway)s") == 1
        assert "'O''Hara 100%% sikker'" in statement.named_sql


def test_a_constant_of_another_type_keeps_every_slot_a_parameter():
    assert compiled._named("a = %s AND b = %s AND c LIKE '%%x'", (("user",), ("=", 1.5))) \
        is None
    assert compiled._named("a = %s AND b = %s AND c LIKE '%%x'", (("user",), ("=", 7))) \
        == "a = %(user)s AND b = 7 AND c LIKE '%%x'"
