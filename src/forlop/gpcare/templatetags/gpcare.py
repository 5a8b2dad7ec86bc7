"""The pathway page's referrer box, by template tag: the pathway page (in pathways)
cannot import this app (ADR 15)."""

from django import template

from forlop.gpcare.feedback import referrer_text

register = template.Library()


@register.inclusion_tag("gpcare/_pathway_panel.html")
def gp_panel(pathway, can):
    """Who referred and the patient's GP office, for anyone who reads the page; the
    "send feedback" link for those who register clinically."""
    referral = pathway.referral
    may_send = bool(can.get("register_clinical"))
    sent = 0
    if may_send:
        try:
            from forlop.messaging.selectors import messages_about
        except ImportError:  # pragma: no cover - before the messaging core lands
            pass
        else:
            sent = messages_about(pathway).filter(
                kind__in=("feedback_assessment", "feedback_decision")).count()
    return {"pathway": pathway, "referrer": referrer_text(referral),
            "received_on": referral.received_on if referral else None,
            "gp_office": pathway.patient.gp_office.name if pathway.patient.gp_office_id else "",
            "may_send": may_send, "sent": sent}
