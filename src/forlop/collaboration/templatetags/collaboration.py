"""The pathway page's collaboration box, by template tag: the pathway page (in
pathways) cannot import this app, which registers through pathways' services."""

from django import template
from django.utils import timezone

from forlop.collaboration import selectors
from forlop.collaboration.presenters import closure_panel, meeting_times

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


@register.inclusion_tag("collaboration/_meeting_times.html")
def shared_meeting_times(pathway, access):
    """The relative's page (in plans, which cannot import this app): the meeting
    times, with the parts the consent's scope covers (ADR 51)."""
    return {"meetings": meeting_times(selectors.meetings_in_time_order(pathway),
                                      today=timezone.localdate(), shares=access.shares)}
