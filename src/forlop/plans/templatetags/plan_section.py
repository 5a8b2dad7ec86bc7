"""The plan's section on the staff pathway page: ``{% plan_section pathway access %}``.

A template tag, so the pathway page needs no import of this app (the plan sits
beside the pathway's pages in the pages layer, and imports their services)."""

from django import template

from forlop.access.models import ConsentScope
from forlop.access.permissions import Permission
from forlop.plans import presenters, selectors

register = template.Library()
MESSAGES_SHOWN = 5


@register.inclusion_tag("plans/_pathway_section.html")
def plan_section(pathway, access):
    if not access.shares(ConsentScope.PLANS):
        return {"show": False}
    version = selectors.current_version(pathway)
    signature = selectors.signature_of(version)
    # What the patient and relatives tell the service is for the service's own staff,
    # not for a partner reading through a consent.
    direct = access.consent_scope is None
    return {
        "show": True, "pathway": pathway, "version": version, "signature": signature,
        "status": presenters.status_text(version, signature),
        "may_edit": access.can(Permission.REGISTER_CLINICAL),
        "self_report": selectors.latest_self_report(pathway) if direct else None,
        "relative_messages": list(selectors.relative_messages(pathway)[:MESSAGES_SHOWN])
        if direct else [],
    }
