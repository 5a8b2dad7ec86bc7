"""Credentials of API clients: local tokens (hashed) and OAuth 2 clients mapped to a user.

Neither gives any right of its own: a request carrying one acts as its user, held to
that user's roles, scopes and the access log exactly as the pages are (docs/api.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A local API token ``flp_<prefix>_<secret>``. Only the prefix (to find the row,
    unique index) and the SHA-256 of the secret are stored; the token itself is shown
    once, at creation (``forlop api token create``)."""

    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("bruker"))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("utløper"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nøkkel")
        verbose_name_plural = _("API-nøkler")

    def __str__(self) -> str:
        return f"{self.prefix} ({self.user})"

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


class ApiClient(models.Model):
    """An OAuth 2 client (HelseID client credentials) and the system user it acts as.

    The user is an ordinary account whose roles (``RoleAssignment``, granted and ended
    like anyone's) say what the system may see and do."""

    client_id = models.CharField(_("klient-ID"), max_length=200, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_clients", verbose_name=_("systembruker"))
    created_at = models.DateTimeField(auto_now_add=True)
    disabled_at = models.DateTimeField(_("deaktivert"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-klient")
        verbose_name_plural = _("API-klienter")
        constraints = [models.CheckConstraint(name="api_client_id_not_blank",
                                              condition=~Q(client_id=""))]

    def __str__(self) -> str:
        return self.client_id
