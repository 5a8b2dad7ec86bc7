"""What the municipal side sends through ``forlop.messaging``: a notice of need to
the coordinating unit (kind NOTICE, to the municipality) and an early flag to the
person's GP office (kind EARLY_FLAG). The body holds what the sender wrote and no
more; the calling service has checked the sender's permission."""

from __future__ import annotations

from django.utils.translation import gettext as _

from forlop.messaging.models import MessageKind
from forlop.messaging.services import send_message


def notice_sent(notice) -> None:
    body = "\n".join([
        _("Melding om behov for %(need)s.") % {"need": notice.get_need_display()},
        _("Gjelder: %(name)s") % {"name": notice.person_name},
        _("Meldt av: %(source)s (%(who)s)") % {
            "source": notice.get_source_display(),
            "who": notice.sent_by.get_full_name() or notice.sent_by.username},
        "",
        notice.description,
    ])
    message = send_message(
        notice.sent_by, kind=MessageKind.NOTICE,
        subject=_("Behov for %(need)s") % {"need": notice.get_need_display()}, body=body,
        patient=notice.patient, pathway=notice.pathway, to_municipality=notice.municipality,
        sender_unit=notice.pathway.unit if notice.source == "specialist" else None,
        sender_municipality=notice.municipality if notice.source == "municipal_staff"
        else None)
    notice.message = message
    notice.save(update_fields=["message"])


def early_flag_sent(flag) -> None:
    body = "\n".join([
        _("Kommunen ber fastlegen vurdere om %(name)s bør henvises til "
          "spesialisthelsetjenesten (pakkeforløp psykisk helse og rus).") % {
            "name": flag.person_name},
        _("Sendt av: %(who)s, %(municipality)s") % {
            "who": flag.flagged_by.get_full_name() or flag.flagged_by.username,
            "municipality": flag.municipality.name},
        "",
        flag.concern,
    ])
    message = send_message(
        flag.flagged_by, kind=MessageKind.EARLY_FLAG,
        subject=_("Tidlig varsel: vurder henvisning"), body=body, patient=flag.patient,
        to_gp_office=flag.gp_office, sender_municipality=flag.municipality)
    flag.message = message
    flag.save(update_fields=["message"])
