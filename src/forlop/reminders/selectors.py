"""Reads for the notices page: the user's notices about pathways they may still see."""

from __future__ import annotations

from forlop.access.audit import Touch
from forlop.access.models import Basis
from forlop.access.policy import access_to
from forlop.pathways.models import Pathway
from forlop.reminders.models import Notice


def notices_of(user):
    """The user's notices, newest first, only about pathways they may see today (a
    notice outlives the access it was made under: a restriction, a role ended)."""
    return (Notice.objects.filter(recipient=user,
                                  pathway__in=Pathway.objects.visible_to(user).values("pk"))
            .select_related("pathway", "pathway__patient", "pathway__unit")
            .order_by("-created_on", "-id"))


def touches(user, pathways) -> list[Touch]:
    """The access-log rows for the patients a page of notices shows, on the basis
    the worklist logs them (its scope), asking the policy only where the worklist's
    scope does not reach (a pathway closed since the notice)."""
    from forlop.worklist.selectors import resolve_scope

    scope = resolve_scope(user)
    out = []
    for pathway in pathways:
        touch = scope.touch(pathway)
        if touch.basis == Basis.NONE:
            access = access_to(user, pathway, break_glass=True)
            touch = Touch(pathway.patient_id, access.basis, access.role, access.unit_id)
        out.append(touch)
    return out
