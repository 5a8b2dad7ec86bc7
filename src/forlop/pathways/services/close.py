from __future__ import annotations

import datetime as dt

from forlop.pathways.services.register import register_event


def close_pathway(*, pathway, on: dt.date, outcome: str, by, today: dt.date | None = None):
    """Register ``pathway_end`` with its outcome (completed, transferred_other_trust,
    transferred_contracted_specialist, no_right_to_care, patient_withdrew, died)."""
    return register_event(pathway=pathway, event="pathway_end", on=on, outcome=outcome, by=by,
                          today=today)
