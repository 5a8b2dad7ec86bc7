"""What the GP's pages show: one row per pathway on /fastlege/, with its deadlines and
both coordinators, in plain words (labels from ``pathways.presenters.labels``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from forlop.access.models import ConsentScope
from forlop.municipal.selectors import municipal_coordinator_for


@dataclass(frozen=True)
class Contact:
    name: str
    place: str
    how: str  # how to reach them ("Telefon: ..."), may be empty


@dataclass(frozen=True)
class GpPathwayRow:
    pk: int
    patient_name: str
    type_label: str
    unit_name: str
    started_on: dt.date
    is_open: bool
    closed_on: dt.date | None
    status: str
    show_deadlines: bool
    next_due: dt.date | None
    clocks: tuple  # (label, due, status label) of the clocks still running
    specialist_coordinator: Contact | None
    # The municipal coordinator the coordinating unit appointed (forlop.municipal);
    # None: none appointed ("not known here" on the page).
    municipal_coordinator: Contact | None = None

    @classmethod
    def of(cls, pathway, access, contacts: dict[int, str], clock_rows=()) -> GpPathwayRow:
        state = getattr(pathway, "state", None)
        shows = access.shares(ConsentScope.PLANS)
        coordinator = None
        if pathway.coordinator_id:
            person = pathway.coordinator
            coordinator = Contact(person.get_full_name() or person.username,
                                  f"{pathway.unit.name}, {pathway.unit.trust.name}",
                                  contacts.get(pathway.unit_id, ""))
        return cls(
            pk=pathway.pk, patient_name=pathway.patient.name,
            type_label=pathway.get_type_display(), unit_name=pathway.unit.name,
            started_on=pathway.started_on, is_open=pathway.is_open,
            closed_on=pathway.closed_on,
            status=(state.get_state_display() if state else "") if shows else "",
            show_deadlines=shows, next_due=state.next_due if state and shows else None,
            clocks=tuple(clock_rows) if shows else (),
            specialist_coordinator=coordinator,
            municipal_coordinator=_municipal(pathway.patient_id))


STATUS_FILTERS = {"apne": _("Åpne forløp"), "avsluttede": _("Avsluttede forløp"),
                  "alle": _("Alle forløp")}


def status_filter(value: str) -> str:
    return value if value in STATUS_FILTERS else "apne"


def _municipal(patient_id) -> Contact | None:
    found = municipal_coordinator_for(patient_id)
    if found is None:
        return None
    how = " · ".join([*([_("Telefon: %(phone)s") % {"phone": found.phone}] if found.phone
                        else []),
                      *([_("E-post: %(email)s") % {"email": found.email}] if found.email
                        else [])])
    return Contact(found.name, f"{found.service}, {found.municipality}" if found.service
                   else found.municipality, how)
