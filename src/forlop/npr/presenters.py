"""The NPR fix-list as coordinators read it: Norwegian text per lint code.

The codes and their rules are the kernel's (``forlop.kernel.npr_lint.CHECKS``, with
English text for the command line); what a coordinator reads is here, one entry per
code, so a test can hold the two tables to the same codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forlop.kernel.npr_lint import Finding
from forlop.pathways.presenters.labels import EVENT_LABELS
from forlop.site.dates import norwegian_date

# code -> (what is wrong, how to fix it), for the page.
TEXTS = {
    "NPR001": (_("Forløpet mangler start (Nasjonalt pasientforløp start)."),
               _("Registrer start med datoen forløpet startet.")),
    "NPR002": (_("Forløpet mangler type, eller typen er ukjent."),
               _("Sett riktig forløpstype for pasienten.")),
    "NPR003": (_("Regelsettet har ingen nasjonal typekode for dette forløpet."),
               _("Ingenting å rette i forløpet: koden er ikke publisert der vi har lett. "
                 "Forløpet rapporteres uten typekode til katalogen har den.")),
    "NPR004": (_("Forløpet har mer enn to kliniske beslutninger."),
               _("Trekk tilbake den overflødige beslutningen, eller korriger den første. "
                 "Et forløp har høyst to: etter basisutredning og etter utvidet utredning.")),
    "NPR005": (_("Andre kliniske beslutning er registrert uten at den første var utvidet "
                 "utredning (CU)."),
               _("Korriger den første beslutningen til CU hvis utvidet utredning ble "
                 "besluttet, ellers trekk tilbake den andre.")),
    "NPR006": (_("Datoene står i feil rekkefølge."),
               _("Korriger datoen: bare henvisningshendelser kan ligge før start, og "
                 "vurderingen kan ikke ligge før henvisningen ble mottatt.")),
    "NPR007": (_("Det er registrert hendelser etter avslutning, eller mer enn én "
                 "avslutning."),
               _("Korriger eller trekk tilbake hendelsen etter avslutningen. En ny episode "
                 "trenger et nytt forløp.")),
    "NPR008": (_("En hendelse har dato fram i tid."),
               _("Korriger datoen: hendelser registreres samme dag eller etter at de "
                 "skjedde.")),
    "NPR009": (_("Åpent forløp uten registreringer på lenge."),
               _("Registrer det som har skjedd (evaluering, beslutning), eller avslutt "
                 "forløpet med riktig avslutningskode.")),
    "NPR010": (_("Forløpet har mer enn én start."),
               _("Trekk tilbake den overflødige starten. Et nytt helseforetak starter sitt "
                 "eget forløp.")),
    "NPR011": (_("En hendelse har utfall, kode eller datoer som reglene ikke godtar."),
               _("Åpne forløpet og korriger hendelsen.")),
    "NPR012": (_("Start i første helseforetak er ufullstendig eller etter dette forløpets "
                 "start."),
               _("Oppgi både dato og navn for første helseforetak, med dato på eller før "
                 "dette forløpets start.")),
}
SEVERITY = {"error": (_("Feil"), "danger"), "warning": (_("Advarsel"), "warning")}


@dataclass(frozen=True)
class FindingLine:
    code: str
    severity: str
    color: str
    what: str
    fix: str
    event: str  # the event it concerns, in words, with its date ("" when none)

    @classmethod
    def of(cls, finding: Finding, events: list) -> FindingLine:
        label, color = SEVERITY[finding.severity]
        what, fix = TEXTS[finding.code]
        return cls(finding.code, str(label), color, str(what), str(fix),
                   _event_words(finding.event_index, events))


def _event_words(index: int | None, events: list) -> str:
    if index is None or not 0 <= index < len(events):
        return ""
    event = events[index]
    name = EVENT_LABELS.get(event.get("event"), event.get("event"))
    return f"{name} {norwegian_date(event['date'])}" if event.get("date") else str(name)


@dataclass(frozen=True)
class PathwayFindings:
    pathway_id: int
    url: str
    patient_name: str
    pathway_type: str
    unit_name: str
    errors: int
    lines: tuple[FindingLine, ...]

    @classmethod
    def of(cls, pathway, findings: list[Finding], events: list) -> PathwayFindings:
        return cls(pathway.pk, reverse("pathway_detail", args=[pathway.pk]),
                   pathway.patient.name, pathway.get_type_display(), pathway.unit.name,
                   sum(f.is_error for f in findings),
                   tuple(FindingLine.of(f, events) for f in findings))
