"""``{% coordinators patient specialist %}``: both coordinators, named with how to
reach them, on the pathway page, Min side and the relative's page (one template,
``municipal/_coordinators.html``; one selector, ``municipal_coordinator_for``)."""

from django import template

from forlop.municipal.selectors import municipal_coordinator_for

register = template.Library()


@register.inclusion_tag("municipal/_coordinators.html")
def coordinators(patient, specialist=None, unit="", both=False):
    """The municipal coordinator of ``patient`` (a patient or its id); with
    ``both=True`` also the specialist coordinator (``specialist``, a user or None,
    reached through ``unit``), on pages that may show it."""
    return {"municipal": municipal_coordinator_for(patient), "specialist": specialist,
            "unit": unit, "both": both}
