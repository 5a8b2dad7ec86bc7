"""The municipality's confirmation as a rule on every agreed closure (ADR 59),
installed in pathways' closure hook (ADR 50) by ``apps.Config.ready``; and the GP
told when a pathway handed over this way closes."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlop.collaboration.closure_check import AGREED_OUTCOMES
from forlop.followup.selectors import missing_confirmation
from forlop.pathways.closure import ClosureCheck

CHECK = ClosureCheck(name="followup.municipal_confirmation",
                     outcomes=frozenset(AGREED_OUTCOMES), missing=missing_confirmation,
                     url_name="followup:handover",
                     where=gettext_lazy("Oppfølgingsplan til kommunen"))


def tell_gp_on_closure(sender, instance, created, **kwargs):
    """A pathway that closed by agreement after the municipality confirmed its
    follow-up plan: the patient's GP office gets a message (kind CLOSURE), in the
    closing transaction. Loaders (bulk inserts) and corrections send nothing."""
    from forlop.followup.models import ClosureNotice, FollowUpRequest
    from forlop.followup.notify import send
    from forlop.followup.selectors import closure_text, confirmation_of

    event = instance
    if (not created or event.event != "pathway_end" or event.outcome not in AGREED_OUTCOMES
            or event.supersedes_id is not None):
        return
    # One query for the loaders' closures (append_event), which have no hand-over.
    request = (FollowUpRequest.objects.filter(pathway_id=event.pathway_id)
               .select_related("pathway__patient__gp_office", "pathway__unit", "municipality")
               .order_by("-pk").first())
    if request is None or confirmation_of(request) is None:
        return
    pathway = request.pathway
    gp_office = pathway.patient.gp_office
    if gp_office is None:
        return
    message = send(event.registered_by, kind="closure", patient=pathway.patient,
                   pathway=pathway, to_gp_office=gp_office,
                   subject=_("Pakkeforløpet er avsluttet: %(name)s") % {
                       "name": pathway.patient.name},
                   body=closure_text(request, event), sender_unit=pathway.unit)
    ClosureNotice.objects.create(pathway=pathway, event=event,
                                 message_id=getattr(message, "pk", None))
