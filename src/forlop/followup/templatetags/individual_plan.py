"""``{% individual_plan_link pathway %}``: the treatment plan's link to the patient's
individual plan, for those who may read it (plans cannot import this app: same
layer, and this app reads plans)."""

from django import template

from forlop.followup.rules import plan_access
from forlop.followup.selectors import current_version

register = template.Library()


@register.inclusion_tag("followup/_link.html", takes_context=True)
def individual_plan_link(context, pathway):
    # A nested inclusion tag's context keeps the request as an attribute only.
    request = getattr(context, "request", None) or context.get("request")
    user = getattr(request, "user", None)
    patient = pathway.patient
    readable = user is not None and plan_access(user, patient).read
    return {"patient": patient, "show": readable,
            "version": current_version(patient) if readable else None}
