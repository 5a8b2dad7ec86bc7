"""Presenters without the database: a pathway line, and which scope each part needs."""

import datetime as dt
from types import SimpleNamespace

from forlop.access.models import ConsentScope
from forlop.access.policy import Access
from forlop.municipal.presenters import PARTS, _by_patient, pathway_line
from forlop.pathways.presenters.list_labels import Labels

LABELS = Labels(types={"tsb": "Rusbehandling"}, states={"started": "Startet"},
                detail_url="/forlop/{}/")


def _pathway(pk=7, is_open=True, closed_on=None):
    return SimpleNamespace(pk=pk, patient_id=3, type="tsb", is_open=is_open,
                           started_on=dt.date(2026, 1, 5), closed_on=closed_on,
                           state=SimpleNamespace(state="started"))


def test_pathway_line_in_norwegian_dates():
    line = pathway_line(_pathway(closed_on=dt.date(2026, 3, 2), is_open=False), LABELS)
    assert (line.url, line.type, line.started_on, line.closed_on, line.is_open) == (
        "/forlop/7/", "Rusbehandling", "5.1.2026", "2.3.2026", False)


def test_a_closure_being_planned_needs_plans_and_the_pathway_only_the_overview():
    assert PARTS == {"pathway": ConsentScope.OVERVIEW, "evaluation_due": ConsentScope.OVERVIEW,
                     "closure_planned": ConsentScope.PLANS}
    overview = Access(bases=("municipal_consent",), consent_scope=ConsentScope.OVERVIEW)
    assert not overview.shares(PARTS["closure_planned"])
    assert _by_patient([(_pathway(), overview)], LABELS)[3][0].pk == 7
