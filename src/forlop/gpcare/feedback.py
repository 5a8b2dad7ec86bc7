"""The feedback letter to the referrer and the GP (*tilbakemelding til henviser og
fastlege*): its facts, gathered once, and the letter as a PDF (reportlab: pure Python,
no system libraries). ``services.send_feedback`` sends it; ADR 52 says when."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from forlop.gpcare.models import UnitContact
from forlop.pathways.kernel_bridge import effective_events
from forlop.pathways.presenters.labels import outcome_label
from forlop.site.dates import norwegian_date

ASSESSMENT, DECISION = "assessment", "decision"


@dataclass(frozen=True)
class FeedbackFacts:
    kind: str  # ASSESSMENT or DECISION
    patient_name: str
    patient_identifier: str
    unit_name: str
    trust_name: str
    received_on: dt.date | None
    referrer: str
    assessed_on: dt.date | None
    right_granted: bool | None
    pathway_type: str = ""
    started_on: dt.date | None = None
    decision_on: dt.date | None = None
    decision: str = ""
    next_steps: str = ""
    coordinator: str = ""
    contact: tuple[str, ...] = field(default_factory=tuple)
    written_on: dt.date | None = None
    written_by: str = ""


def referrer_text(referral) -> str:
    """"Frida Fastlege (HPR 1234567), Demo legesenter" or the other referrer's name."""
    if referral is None:
        return ""
    gp = referral.referring_gp
    name = (gp.get_full_name() or gp.username) if gp else referral.referrer_name
    hpr = (gp.hpr_number if gp else "") or referral.referrer_hpr
    parts = [f"{name} (HPR {hpr})" if hpr else name]
    if referral.gp_office_id:
        parts.append(referral.gp_office.name)
    elif referral.referrer_kind:
        parts.append(referral.get_referrer_kind_display())
    return ", ".join(p for p in parts if p)


def latest_decision(pathway):
    """The latest clinical decision in force (corrections applied): (date, code)."""
    events = effective_events(pathway.events.all())
    found = [e for e in events if e["event"] == "clinical_decision"]
    if not found:
        return None
    last = max(found, key=lambda e: e["date"])
    return last["date"], last.get("outcome") or ""


def contact_lines(unit) -> tuple[str, ...]:
    contact = UnitContact.objects.filter(unit=unit).first()
    lines = [f"{unit.name}, {unit.trust.name}"]
    if contact is not None:
        if contact.phone:
            lines.append(_("Telefon: %(phone)s") % {"phone": contact.phone})
        if contact.address:
            lines.append(contact.address)
        if contact.hours:
            lines.append(contact.hours)
    return tuple(lines)


def facts_for(*, kind: str, referral, pathway=None, next_steps: str, by,
              today: dt.date) -> FeedbackFacts:
    """The letter's facts from the referral and (when started) its pathway."""
    unit = pathway.unit if pathway is not None else referral.unit
    patient = pathway.patient if pathway is not None else referral.patient
    decision_on, decision = None, ""
    if pathway is not None and kind == DECISION:
        found = latest_decision(pathway)
        if found:
            decision_on, decision = found[0], outcome_label("clinical_decision", found[1])
    coordinator = ""
    if pathway is not None and pathway.coordinator_id:
        person = pathway.coordinator
        coordinator = person.get_full_name() or person.username
    return FeedbackFacts(
        kind=kind, patient_name=patient.name, patient_identifier=patient.identifier,
        unit_name=unit.name, trust_name=unit.trust.name,
        received_on=referral.received_on if referral else None,
        referrer=referrer_text(referral),
        assessed_on=referral.assessed_on if referral else None,
        right_granted=referral.right_granted if referral else None,
        pathway_type=pathway.get_type_display() if pathway is not None else "",
        started_on=pathway.started_on if pathway is not None else None,
        decision_on=decision_on, decision=decision, next_steps=next_steps.strip(),
        coordinator=coordinator, contact=contact_lines(unit), written_on=today,
        written_by=(by.get_full_name() or by.username) if by else "")


def title_of(kind: str) -> str:
    return (_("Tilbakemelding etter vurdering av henvisning") if kind == ASSESSMENT
            else _("Tilbakemelding etter klinisk beslutning"))


def sections(facts: FeedbackFacts) -> list[tuple[str, list[str]]]:
    """The letter as (heading, lines): the PDF, the message body and the preview."""
    d = norwegian_date
    patient = [f"{facts.patient_name}, {facts.patient_identifier}"]
    referral = []
    if facts.received_on:
        referral.append(_("Mottatt %(on)s i %(unit)s, %(trust)s.") % {
            "on": d(facts.received_on), "unit": facts.unit_name, "trust": facts.trust_name})
    if facts.referrer:
        referral.append(_("Henviser: %(who)s") % {"who": facts.referrer})
    result = []
    if facts.assessed_on:
        verdict = (_("Pasienten har rett til nødvendig helsehjelp.") if facts.right_granted
                   else _("Pasienten har ikke rett til nødvendig helsehjelp i "
                          "spesialisthelsetjenesten."))
        result.append(_("Vurdert %(on)s.") % {"on": d(facts.assessed_on)} + " " + verdict)
    if facts.pathway_type:
        result.append(_("Pakkeforløp: %(type)s, startet %(on)s.") % {
            "type": facts.pathway_type, "on": d(facts.started_on)})
    out = [(_("Pasient"), patient), (_("Henvisning"), referral),
           (_("Resultat av vurderingen"), result)]
    if facts.kind == DECISION:
        out.append((_("Klinisk beslutning"), [
            _("%(on)s: %(decision)s.") % {"on": d(facts.decision_on),
                                          "decision": facts.decision}]))
    out.append((_("Hva skjer videre"), [facts.next_steps]))
    contact = [_("Forløpskoordinator: %(name)s") % {
        "name": facts.coordinator or _("ikke oppnevnt ennå")}, *facts.contact]
    out.append((_("Kontakt"), contact))
    out.append((_("Skrevet"), [_("%(on)s av %(who)s") % {"on": d(facts.written_on),
                                                          "who": facts.written_by}]))
    return out


def as_text(facts: FeedbackFacts) -> str:
    """The message body: the same sections as the letter, in plain text."""
    return "\n\n".join(f"{head}\n" + "\n".join(lines)
                       for head, lines in sections(facts) if lines)


def render_pdf(facts: FeedbackFacts) -> bytes:
    """The letter as a PDF (A4). ``invariant`` keeps the bytes the same for the same
    facts (no creation time or random id inside)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    buffer = io.BytesIO()
    title = title_of(facts.kind)
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author=facts.unit_name,
                            subject=title, lang="nb", invariant=1,
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm)
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(title), styles["Title"]),
             Paragraph(escape(f"{facts.unit_name}, {facts.trust_name}"), styles["Normal"]),
             Spacer(1, 6 * mm)]
    for head, lines in sections(facts):
        if not lines:
            continue
        story.append(Paragraph(escape(head), styles["Heading2"]))
        for line in lines:
            for part in line.splitlines() or [""]:
                story.append(Paragraph(escape(part) or "&nbsp;", styles["Normal"]))
    doc.build(story)
    return buffer.getvalue()
