"""Care-team membership: staff outside the owning unit who work on a pathway, one
of the bases of access beside consent, emergency access and restriction.

Moved from pathways (ADR 15) by a state-only migration: the table keeps its name.
"""

from django.conf import settings
from django.db import models


class CareTeamMember(models.Model):
    """Staff outside the owning unit who work on this pathway (need-to-know basis)."""

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.CASCADE,
                                related_name="care_team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="care_team_memberships")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "pathways_careteammember"
        constraints = [
            models.UniqueConstraint(fields=["pathway", "user"], name="care_team_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.pathway_id})"
