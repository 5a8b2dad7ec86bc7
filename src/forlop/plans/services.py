"""Writes about the treatment plan. Each takes the acting user and asks
``access.authorize`` before it writes; a refusal (``PlanRefused``) names what is
wrong in Norwegian and saves nothing.

The co-signature, or a meeting staff record where the plan was made with the
patient, is the evidence that the plan was made together with the patient. The
first such evidence on a pathway also registers the national measurement point
(``treatment_plan`` with ``together_with_patient``) through the kernel, so the
indicator and the NPR report read the same fact (ADR 30).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import Permission
from forlop.pathways.kernel_bridge import effective_events
from forlop.pathways.models import Pathway
from forlop.pathways.services.register import append_event
from forlop.plans.models import (
    PlanMeeting,
    PlanResponse,
    PlanVersion,
    RelativeMessage,
    ResponseKind,
    SelfReport,
)

INVOLVEMENT_EVENT = "treatment_plan"
INVOLVEMENT_FLAG = "together_with_patient"


class PlanRefused(Exception):
    """Nothing was saved; ``str(self)`` says why, for the person who tried."""


def _refuse_if_closed(pathway: Pathway) -> None:
    if not pathway.is_open:
        raise PlanRefused(_("Forløpet er avsluttet. Planen kan leses, men ikke endres eller "
                            "besvares."))


def _locked(pathway: Pathway) -> Pathway:
    """The pathway row locked for this transaction (one version number at a time)."""
    return Pathway.objects.select_for_update().get(pk=pathway.pk)


@transaction.atomic
def save_version(*, pathway: Pathway, by, content: dict, change_note: str = "") -> PlanVersion:
    """Save the plan as a new version (1 for the first). Earlier versions stay."""
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    locked = _locked(pathway)
    _refuse_if_closed(locked)
    content = PlanVersion.content_from(content)
    if not (content.get("goals") or "").strip():
        raise PlanRefused(_("Skriv pasientens egne mål, med pasientens egne ord."))
    last = PlanVersion.objects.filter(pathway=locked).order_by("-number").first()
    if last is not None and not last.changed_by(content):
        raise PlanRefused(_("Ingenting er endret siden versjon %(n)s. Endre planen før du "
                            "lagrer.") % {"n": last.number})
    return PlanVersion.objects.create(pathway=locked, number=last.number + 1 if last else 1,
                                      made_by=by, change_note=change_note, **content)


def _newest(pathway: Pathway) -> PlanVersion | None:
    return PlanVersion.objects.filter(pathway=pathway).order_by("-number").first()


def _refuse_if_not_current(version: PlanVersion) -> None:
    newest = _newest(version.pathway)
    if newest is None or newest.pk != version.pk:
        raise PlanRefused(_("Planen er endret siden du åpnet den. Les den nye versjonen "
                            "før du svarer."))


@transaction.atomic
def respond(*, version: PlanVersion, by, kind: str, comment: str = "",
            today: dt.date | None = None) -> PlanResponse:
    """The patient co-signs the current version, or comments on it.

    Only the patient themself may (``TAKE_PART_IN_OWN_PLAN`` comes from their own
    record alone). A co-signature is the involvement evidence."""
    pathway = version.pathway
    require_on_pathway(by, Permission.TAKE_PART_IN_OWN_PLAN, pathway)
    locked = _locked(pathway)
    _refuse_if_closed(locked)
    _refuse_if_not_current(version)
    if kind == ResponseKind.SIGNED:
        if version.responses.filter(kind=ResponseKind.SIGNED).exists():
            raise PlanRefused(_("Du har allerede signert denne versjonen av planen."))
    elif kind == ResponseKind.COMMENT:
        if not comment.strip():
            raise PlanRefused(_("Skriv kommentaren din før du sender den."))
    else:
        raise PlanRefused(_("Velg om du vil signere planen eller kommentere den."))
    response = PlanResponse.objects.create(version=version, kind=kind, by=by,
                                           comment=comment.strip())
    if kind == ResponseKind.SIGNED:
        _register_involvement(locked, on=today or timezone.localdate(), by=by, today=today)
    return response


@transaction.atomic
def record_meeting(*, version: PlanVersion, by, held_on: dt.date, present: str,
                   today: dt.date | None = None) -> PlanMeeting:
    """Staff record that this version was made with the patient in a meeting."""
    pathway = version.pathway
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    locked = _locked(pathway)
    _refuse_if_closed(locked)
    if held_on > (today or timezone.localdate()):
        raise PlanRefused(_("Møtedatoen kan ikke være etter i dag."))
    if not present.strip():
        raise PlanRefused(_("Skriv hvem som var til stede, pasienten også."))
    meeting = PlanMeeting.objects.create(version=version, held_on=held_on,
                                         present=present.strip(), recorded_by=by)
    _register_involvement(locked, on=held_on, by=by, today=today)
    return meeting


def _register_involvement(pathway: Pathway, *, on: dt.date, by, today) -> None:
    """Register the measurement point once: later evidence adds nothing to it."""
    events = effective_events(pathway.events.all())
    if any(e["event"] == INVOLVEMENT_EVENT and e.get(INVOLVEMENT_FLAG) for e in events):
        return
    append_event(pathway=pathway, event=INVOLVEMENT_EVENT, on=on, by=by, today=today,
                 data={INVOLVEMENT_FLAG: True})


@transaction.atomic
def answer_self_report(*, pathway: Pathway, by, how_it_goes: str,
                       wants_to_discuss: str = "") -> SelfReport:
    require_on_pathway(by, Permission.TAKE_PART_IN_OWN_PLAN, pathway)
    _refuse_if_closed(_locked(pathway))
    if not how_it_goes.strip():
        raise PlanRefused(_("Skriv litt om hvordan det går."))
    return SelfReport.objects.create(pathway=pathway, by=by, how_it_goes=how_it_goes.strip(),
                                     wants_to_discuss=wants_to_discuss.strip())


@transaction.atomic
def leave_message(*, pathway: Pathway, by, text: str) -> RelativeMessage:
    """A relative leaves information for the clinician."""
    require_on_pathway(by, Permission.INFORM_CLINICIAN, pathway)
    _refuse_if_closed(_locked(pathway))
    if not text.strip():
        raise PlanRefused(_("Skriv meldingen før du sender den."))
    return RelativeMessage.objects.create(pathway=pathway, by=by, text=text.strip())
