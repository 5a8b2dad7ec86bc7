"""The pathway page's collaboration box, by template tag: the pathway page (in
pathways) cannot import this app, which registers through pathways' services."""

from django import template

from forlop.collaboration import selectors
from forlop.collaboration.presenters import closure_panel

register = template.Library()


@register.inclusion_tag("collaboration/_pathway_panel.html")
def care_panel(pathway, can, show_events):
    """Links to relatives, evaluation, meetings and closure for those who register
    clinically, and what closure still misses from the first evaluation on."""
    show = bool(can.get("register_clinical")) and show_events
    if not show:
        return {"show_links": False}
    return {"show_links": True, "pathway": pathway, "due": selectors.evaluation_due(pathway),
            "closure": closure_panel(pathway, selectors.latest_checklist(pathway),
                                     selectors.has_evaluation(pathway))}
