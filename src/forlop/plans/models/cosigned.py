"""The shape the treatment plan (``plans.PlanVersion``) and the individual plan
(``followup.PlanVersion``) share: a chain of versions, each the whole plan as it
stood with who made it, when and why, and the patient's answer to a version on Min
side (a co-signature, once, or a comment). What a plan holds, whose it is and who may
answer differ, and stay with each app.

Abstract bases only: the tables stay each app's own (no migration); a subclass adds
its owner, content and ``Meta`` (verbose names and the named constraints, built by
the functions here so the rule is written once).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.plans.models.base import AppendOnly


class PlanVersionBase(AppendOnly):
    """One version of a plan: its number and why, by whom and when it was made."""

    number = models.PositiveIntegerField(_("versjon"))
    change_note = models.CharField(_("hva som er endret og hvorfor"), max_length=300,
                                   blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("laget av"))
    made_at = models.DateTimeField(_("laget"), auto_now_add=True)

    # The fields that make up the plan, named by each subclass (``change_note`` says
    # why it changed and is no part of it).
    CONTENT_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def content_from(cls, content: dict) -> dict:
        """``content`` cut to the plan's fields (those given)."""
        return {name: content[name] for name in cls.CONTENT_FIELDS if name in content}

    def content(self) -> dict:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}

    def changed_by(self, content: dict) -> bool:
        """Whether ``content`` (any of the plan's fields) differs from this version."""
        return self.content() != {**self.content(), **content}


def numbered_once(owner: str, *, name: str) -> models.UniqueConstraint:
    """Each owner (a pathway, a patient) has one version of each number."""
    return models.UniqueConstraint(fields=[owner, "number"], name=name)


class ResponseKind(models.TextChoices):
    SIGNED = "signed", _("signert")
    COMMENT = "comment", _("kommentar")


class PlanResponseBase(AppendOnly):
    """The patient's answer to one version of the plan of the subclass's app."""

    # Without an app label, "PlanVersion" is the concrete subclass's app's model.
    version = models.ForeignKey("PlanVersion", on_delete=models.PROTECT,
                                related_name="responses", verbose_name=_("versjon"))
    kind = models.CharField(_("svar"), max_length=8, choices=ResponseKind.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+", verbose_name=_("av"))
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        abstract = True


def response_constraints(*, has_text: str, signed_once: str) -> list:
    """A comment has text; a version is co-signed at most once."""
    return [
        models.CheckConstraint(name=has_text, condition=Q(kind="signed") | ~Q(comment="")),
        models.UniqueConstraint(fields=["version"], condition=Q(kind="signed"),
                                name=signed_once),
    ]
