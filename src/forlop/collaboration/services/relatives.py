from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import Permission
from forlop.accounts.roles import Role
from forlop.patients.models import Relative


@transaction.atomic
def add_relative(*, pathway, by, name: str, relation: str, contact: str = "", minor: str = "",
                 birth_year: int | None = None, information_needs: str = "",
                 follow_up_by: str = "", support_needs: str = "", user=None) -> Relative:
    """Add one person to the register of the pathway's patient.

    ``user``: the relative's own sign-in account, which lets consent name them. It
    must hold the relative role and not already be in this patient's register.
    Raises ``NotPermitted`` (nothing saved) when ``by`` may not register clinically
    on this pathway, ``ValidationError`` naming the field otherwise.
    """
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    patient = pathway.patient
    if minor and birth_year is None:
        raise ValidationError({"birth_year": _("Skriv fødselsåret til barnet.")})
    if user is not None:
        from forlop.accounts.models import RoleAssignment

        if not RoleAssignment.objects.active().filter(user=user, role=Role.RELATIVE).exists():
            raise ValidationError({"user": _(
                "Brukerkontoen er ikke en pårørendekonto. Be pårørende logge inn én gang, "
                "eller la feltet stå tomt.")})
        if patient.relatives.filter(user=user).exists():
            raise ValidationError({"user": _(
                "Brukerkontoen står allerede i pasientens pårørendeliste.")})
    return Relative.objects.create(
        patient=patient, name=name, relation=relation, contact=contact, minor=minor,
        birth_year=birth_year, information_needs=information_needs,
        follow_up_by=follow_up_by, support_needs=support_needs, user=user, registered_by=by)


@transaction.atomic
def end_relative(*, pathway, by, relative, on=None) -> Relative:
    """Mark a register entry as no longer applying (kept, never deleted): it is no
    longer offered for consent or meetings."""
    from django.utils import timezone

    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if relative.patient_id != pathway.patient_id:
        raise ValidationError(_("Personen står ikke i pasientens pårørendeliste."))
    entry = Relative.objects.select_for_update().get(pk=relative.pk)
    if entry.ended_on is None:
        entry.ended_on = on or timezone.localdate()
        entry.save(update_fields=["ended_on"])
    return entry
