from __future__ import annotations

import datetime as dt

from django.db import transaction

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import Permission
from forlop.pathways.models import Pathway, PathwayEvent
from forlop.pathways.services.register import append_event


@transaction.atomic
def change_setting(*, pathway: Pathway, setting: str, on: dt.date, by, reason: str = "",
                   today: dt.date | None = None) -> PathwayEvent:
    """Register a change of setting (outpatient/inpatient) from ``on`` (ADR 12).

    A clinical registration (``NotPermitted`` otherwise). The kernel judges it with
    the pathway's other events: a known setting, a real change, not before the start,
    not after the end, not in the future (``PathwayRuleError``, nothing saved). The
    projection then holds ``Pathway.setting`` at the setting in force and the clocks
    with their new limits. ``reason`` is kept with the event.
    """
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    data = {"setting": setting, **({"reason": reason.strip()} if reason.strip() else {})}
    row = append_event(pathway=pathway, event="setting_change", on=on, by=by, data=data,
                       today=today)
    pathway.setting = row.pathway.setting
    return row
