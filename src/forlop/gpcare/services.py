"""Writes of the GP's work. Each checks its actor before it writes (the page's guard
is only the first gate), runs in one transaction, writes its access-log row and
records what goes between the levels as a message (``forlop.messaging``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, append
from forlop.access.authorize import NotPermitted, require_in_unit, require_on_pathway
from forlop.access.models import Action, Basis
from forlop.access.permissions import Permission
from forlop.access.policy import unit_roles_of
from forlop.gpcare import feedback
from forlop.gpcare.models import Consultation
from forlop.gpcare.selectors import gp_offices_of, patient_on_list
from forlop.kernel.identifiers import IdentifierKind, classify

PATIENT_NUMBERS = {IdentifierKind.FNR, IdentifierKind.DNR, IdentifierKind.FHNR}


def _send(**kwargs):
    """Record and hand over one message (the messaging core's contract)."""
    from forlop.messaging.services import send_message

    return send_message(**kwargs)


def _kinds():
    from forlop.messaging.models import MessageKind

    return MessageKind


def _role_in(user, unit) -> str:
    role = unit_roles_of(user).filter(unit=unit).order_by("role").first()
    return role.role if role else ""


@transaction.atomic
def ask_consultation(*, by, office, unit, identifier: str, name: str, question: str,
                     now: dt.datetime | None = None, request_id: str = "") -> Consultation:
    """The GP ``by`` at ``office`` asks ``unit`` about a patient on the office's list
    (an unknown number becomes a new patient on that list). ``NotPermitted`` unless
    ``by`` works as a GP at ``office``; ``ValidationError`` by form field."""
    if not gp_offices_of(by).filter(pk=office.pk).exists():
        raise NotPermitted(Permission.WORK_AS_GP, on=f"gp office {office.pk}")
    patient = _list_patient(office, identifier, name)
    if not question.strip():
        raise ValidationError({"question": _("Skriv spørsmålet til spesialisthelsetjenesten.")})
    asked = Consultation.objects.create(patient=patient, gp_office=office, asked_by=by,
                                        unit=unit, question=question.strip(),
                                        asked_at=now or timezone.now())
    append(user=by, request_id=request_id, action=Action.WRITE, what="consultation",
           reason=f"asked consultation #{asked.pk}",
           touches=[Touch(patient.pk, Basis.GP_LIST, "gp")])
    _send(sender=by, kind=_kinds().CONSULTATION, patient=patient, to_unit=unit,
          subject=_("Spørsmål fra fastlege om en pasient (konsultasjon)"),
          body=_("%(office)s spør om %(patient)s:\n\n%(question)s") % {
              "office": office.name, "patient": patient.name, "question": asked.question})
    return asked


def _list_patient(office, identifier: str, name: str):
    number, name = "".join(identifier.split()), " ".join(name.split())
    info = classify(number)
    if not (info.valid and info.kind in PATIENT_NUMBERS):
        raise ValidationError({"identifier": _(
            "Nummeret er ikke et gyldig fødselsnummer, D-nummer eller FH-nummer. Sjekk "
            "at du har skrevet alle 11 sifrene riktig.")})
    found, allowed = patient_on_list(office, number)
    if not allowed:
        raise ValidationError({"identifier": _(
            "Pasienten står ikke på listen til %(office)s. Du kan bare spørre om egne "
            "listepasienter.") % {"office": office.name}})
    if found is None:
        if not name:
            raise ValidationError({"name": _("Skriv pasientens navn.")})
        from forlop.patients.models import Patient

        return Patient.objects.create(identifier=number, name=name, gp_office=office,
                                      identifier_kind=info.kind.value)
    if name and found.name.casefold() != name.casefold():
        raise ValidationError({"identifier": _(
            "Nummeret er registrert på en pasient med et annet navn. Sjekk nummeret og "
            "navnet.")})
    return found


@transaction.atomic
def answer_consultation(*, by, consultation: Consultation, answer: str,
                        now: dt.datetime | None = None, request_id: str = "") -> Consultation:
    """A clinician or coordinator of the asked unit answers (once). ``NotPermitted``
    without ``REGISTER_CLINICAL`` in that unit."""
    require_in_unit(by, Permission.REGISTER_CLINICAL, consultation.unit)
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.is_answered:
        raise ValidationError(_("Konsultasjonen er allerede besvart."))
    if not answer.strip():
        raise ValidationError({"answer": _("Skriv svaret til fastlegen.")})
    locked.answer, locked.answered_by = answer.strip(), by
    locked.answered_at = now or timezone.now()
    locked.save(update_fields=["answer", "answered_by", "answered_at"])
    append(user=by, request_id=request_id, action=Action.WRITE, what="consultation",
           reason=f"answered consultation #{locked.pk}",
           touches=[Touch(locked.patient_id, Basis.UNIT, _role_in(by, locked.unit),
                          locked.unit_id)])
    _send(sender=by, sender_unit=locked.unit, kind=_kinds().CONSULTATION,
          patient=locked.patient, to_gp_office=locked.gp_office,
          subject=_("Svar fra %(unit)s på konsultasjon") % {"unit": locked.unit.name},
          body=_("Spørsmål:\n%(question)s\n\nSvar:\n%(answer)s") % {
              "question": locked.question, "answer": locked.answer})
    return locked


def feedback_offices(patient, referral) -> list:
    """The GP office of the patient, and the referring GP office when it is another."""
    offices = []
    if patient.gp_office_id:
        offices.append(patient.gp_office)
    if referral is not None and referral.gp_office_id and referral.gp_office_id not in {
            o.pk for o in offices}:
        offices.append(referral.gp_office)
    return offices


def _deliver(*, by, facts, patient, pathway, unit, offices):
    kind = (_kinds().FEEDBACK_ASSESSMENT if facts.kind == feedback.ASSESSMENT
            else _kinds().FEEDBACK_DECISION)
    pdf, body = feedback.render_pdf(facts), feedback.as_text(facts)
    title = feedback.title_of(facts.kind)
    name = f"tilbakemelding-{facts.kind}-{pathway.pk if pathway else 'henvisning'}.pdf"
    return [_send(sender=by, sender_unit=unit, kind=kind, patient=patient, pathway=pathway,
                  to_gp_office=office, subject=title, body=body, document=pdf,
                  document_name=name, document_type="application/pdf")
            for office in offices]


@transaction.atomic
def send_feedback(*, pathway, by, kind: str, next_steps: str, today: dt.date | None = None,
                  request_id: str = "") -> list:
    """Send the feedback letter (``kind``: ``feedback.ASSESSMENT`` or ``DECISION``) on
    ``pathway`` to the patient's GP office and the referring GP office: a PDF and a
    message each. Clinical: ``REGISTER_CLINICAL`` on the pathway, else
    ``NotPermitted``. A decision letter needs a clinical decision; both need a
    recipient and the words of what happens next (``ValidationError`` by field)."""
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    today = today or timezone.localdate()
    referral = pathway.referral
    errors = {}
    if not next_steps.strip():
        errors["next_steps"] = _("Skriv hva som skjer videre for pasienten.")
    if kind == feedback.DECISION and feedback.latest_decision(pathway) is None:
        errors["kind"] = _("Forløpet har ingen klinisk beslutning ennå. Send tilbakemelding "
                           "etter vurderingen, eller registrer beslutningen først.")
    offices = feedback_offices(pathway.patient, referral)
    if not offices:
        errors["kind"] = _("Pasienten har ingen fastlege registrert, og henvisningen kom "
                           "ikke fra et fastlegekontor. Send tilbakemeldingen på annen måte.")
    if errors:
        raise ValidationError(errors)
    facts = feedback.facts_for(kind=kind, referral=referral, pathway=pathway,
                               next_steps=next_steps, by=by, today=today)
    sent = _deliver(by=by, facts=facts, patient=pathway.patient, pathway=pathway,
                    unit=pathway.unit, offices=offices)
    access = _touch_on(by, pathway)
    append(user=by, request_id=request_id, action=Action.WRITE, what="feedback",
           reason=f"sent {kind} feedback on pathway #{pathway.pk}", touches=[access])
    return sent


def _touch_on(by, pathway) -> Touch:
    from forlop.access.policy import access_to

    access = access_to(by, pathway)
    return Touch(pathway.patient_id, access.basis, access.role, access.unit_id)


def assessment_next_steps(referral, pathway) -> str:
    """The standard words of what happens next, after an assessment."""
    if pathway is not None:
        return _("Pasienten får innkalling til første time fra %(unit)s. "
                 "Forløpskoordinatoren er kontaktperson til pasienten har fått en "
                 "behandler.") % {"unit": pathway.unit.name}
    return _("Pasienten får ikke tilbud i spesialisthelsetjenesten nå. Fastlegen har "
             "fortsatt det medisinske ansvaret og kan henvise på nytt ved endringer.")


def send_assessment_feedback(*, referral, pathway, by, today: dt.date,
                             request_id: str = "") -> list:
    """Called by the service that assesses the referral, in its transaction, after it
    checked ``by`` (ADR 52): the assessment letter with the standard next steps, to
    the GP offices there are (none: nothing sent; the referrer is told otherwise)."""
    require_in_unit(by, Permission.REGISTER_CLINICAL, referral.unit)
    offices = feedback_offices(referral.patient, referral)
    if not offices:
        return []
    facts = feedback.facts_for(kind=feedback.ASSESSMENT, referral=referral, pathway=pathway,
                               next_steps=assessment_next_steps(referral, pathway), by=by,
                               today=today)
    return _deliver(by=by, facts=facts, patient=referral.patient, pathway=pathway,
                    unit=referral.unit, offices=offices)
