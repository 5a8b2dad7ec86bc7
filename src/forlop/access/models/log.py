"""The access log: one row per patient touched by a request, append-only, hash-chained.

Each row stores an HMAC-SHA-256 (keyed with ``ACCESS_LOG_KEY``, kept outside the
database) of its own content and the previous row's hash, so
changing, removing or reordering a row breaks the chain from that row on
(``forlop audit verify``). The database refuses UPDATE and DELETE (migration 0002)
and so does the model.
"""

import datetime as dt
import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class ImmutableLogError(RuntimeError):
    """Raised when code tries to change or delete an access-log row."""


class Action(models.TextChoices):
    READ = "read", _("så på")
    WRITE = "write", _("registrerte i")
    SEARCH = "search", _("søkte etter")
    CONSENT = "consent", _("endret samtykke i")
    RESTRICTION = "restriction", _("endret sperring i")
    BREAK_GLASS = "break_glass", _("tok nødtilgang til")
    ROLE = "role", _("endret roller")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("tillatt")
    REFUSED = "refused", _("avvist")


class Basis(models.TextChoices):
    """Why the user had (or lacked) access: the legal basis in plain words."""

    UNIT = "unit", _("arbeider i enheten som har forløpet")
    COORDINATOR = "coordinator", _("er forløpskoordinator")
    CARE_TEAM = "care_team", _("er med i behandlingsteamet")
    MUNICIPAL_CONSENT = "municipal_consent", _("kommunen har fått samtykke")
    # The individual plan is the municipality's own plan: its municipal roles in the
    # patient's home municipality read and write it (forlop.followup, ADR 58).
    MUNICIPAL_SERVICE = "municipal_service", _("arbeider i pasientens bostedskommune")
    PARTICIPANT_CONSENT = "participant_consent", _("har fått samtykke som samarbeidspart")
    RELATIVE_CONSENT = "relative_consent", _("pårørende med samtykke")
    OWN_RECORD = "own_record", _("pasienten selv")
    BREAK_GLASS = "break_glass", _("nødtilgang")
    # The sender or a recipient of a message about the patient (``forlop.messaging``).
    MESSAGE = "message", _("avsender eller mottaker av melding")
    # The patient is on the GP office's list: the GP's own consultations about them
    # (forlop.gpcare); never a basis for reading a pathway (that is ``access.policy``).
    GP_LIST = "gp_list", _("er pasientens fastlege")
    NONE = "none", _("ingen tilgang")


class AccessLogEntry(models.Model):
    # The log is evidence of what was looked at, written on the busiest pages inside
    # the one serialised section of the app (see ``audit``). So its references are
    # plain ids without database foreign-key checks (``db_constraint=False``: 150
    # checks for a page of 50 patients, at commit, while the writer lock is held);
    # Django's PROTECT still refuses to delete a user, unit or patient that has rows,
    # and nothing deletes them. Only indexes something reads are kept.
    at = models.DateTimeField(_("tidspunkt"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", verbose_name=_("bruker"),
                             db_constraint=False)
    # Snapshots: the log must still say who it was if the account changes later.
    user_name = models.CharField(_("navn"), max_length=300, blank=True)
    role = models.CharField(_("rolle"), max_length=32, blank=True)
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", verbose_name=_("enhet"),
                             db_constraint=False)
    # ``accesslog_patient_at`` serves every lookup by patient.
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", verbose_name=_("pasient"),
                                db_constraint=False, db_index=False)
    action = models.CharField(_("handling"), max_length=16, choices=Action.choices)
    what = models.CharField(_("hva"), max_length=64)
    basis = models.CharField(_("grunnlag"), max_length=24, choices=Basis.choices)
    outcome = models.CharField(_("utfall"), max_length=8, choices=Outcome.choices)
    reason = models.CharField(_("begrunnelse"), max_length=500, blank=True)
    request_id = models.CharField(_("forespørsel"), max_length=32, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    # The row's place in the chain (the first row 1, each next one more): the key that
    # keeps the chain from forking (below). Not hashed: the hashes link the rows.
    seq = models.BigIntegerField(_("løpenummer"))

    class Meta:
        verbose_name = _("tilgangsloggpost")
        verbose_name_plural = _("tilgangslogg")
        indexes = [models.Index(fields=["patient", "at"], name="accesslog_patient_at")]
        constraints = [
            # The chain cannot fork: no two rows take the same place, so no two rows
            # follow the same row (writers number their rows from the head they read
            # under the lock). On the place, not on ``prev_hash`` (ADR 79): random
            # 64-character keys made each insert dirty its own leaf page of an index
            # that grows with the log forever (~23 µs a row at 3M rows); the place
            # grows, so inserts land on the index's last page.
            models.UniqueConstraint(fields=["seq"], name="accesslog_one_successor"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.what}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableLogError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableLogError("The access log is append-only.")

    def content(self) -> dict:
        """Everything the hash covers, in a stable form."""
        return content_of({name: getattr(self, name) for name in HASHED})

    def compute_hash(self) -> str:
        return hash_of(self.content())


# The stored fields the hash covers (attribute names), in the order they are written.
HASHED = ("at", "user_id", "user_name", "role", "unit_id", "patient_id", "action", "what",
          "basis", "outcome", "reason", "request_id", "prev_hash")


def content_of(values: dict) -> dict:
    """The hashed form of one row's ``HASHED`` values (from a model instance or from
    the plain values the writer inserts)."""
    return {
        "at": values["at"].astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "user": values["user_id"], "user_name": values["user_name"], "role": values["role"],
        "unit": values["unit_id"], "patient": values["patient_id"],
        "action": values["action"], "what": values["what"], "basis": values["basis"],
        "outcome": values["outcome"], "reason": values["reason"],
        "request_id": values["request_id"], "prev": values["prev_hash"],
    }


def hash_of(content: dict) -> str:
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hmac.new(settings.ACCESS_LOG_KEY.encode(), blob.encode(), hashlib.sha256).hexdigest()


# The hashed values that differ between the rows one request writes.
PER_ROW = ("role", "unit_id", "patient_id", "basis", "prev_hash")


def row_hasher(common: dict):
    """``hash_of(content_of(row))`` for rows that share every hashed value but
    ``PER_ROW`` (the rows of one request): the JSON around those is written once, by
    ``json.dumps`` itself, and each row only fills in its own values, encoded as
    ``json.dumps`` encodes them (tests hold the two equal)."""
    marks = {name: f"\x00{i}" for i, name in enumerate(PER_ROW)}
    blob = json.dumps(content_of({**common, **marks}), sort_keys=True, separators=(",", ":"))
    if any(blob.count(json.dumps(mark)) != 1 for mark in marks.values()):
        # A shared value holding a mark's text (it would need a NUL character): the
        # plain way, which cannot misplace a value.
        return lambda row: hash_of(content_of(row))
    places = sorted((blob.index(json.dumps(mark)), name) for name, mark in marks.items())
    pieces, order, start = [], [], 0
    for at, name in places:
        pieces.append(blob[start:at])
        order.append(name)
        start = at + len(json.dumps(marks[name]))
    last = blob[start:]
    key, digest, encode = settings.ACCESS_LOG_KEY.encode(), hmac.digest, _json_value

    def hash_row(row: dict) -> str:
        text = "".join([piece + encode(row[name]) for piece, name in zip(pieces, order,
                                                                          strict=True)])
        return digest(key, (text + last).encode(), "sha256").hex()

    return hash_row


def _json_value(value) -> str:
    """One value as ``json.dumps`` writes it (its own string encoder for text)."""
    if isinstance(value, str):  # a str or a choice (``Basis.UNIT``), as json.dumps does
        return _encode_text(value)
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value)


_encode_text = json.encoder.encode_basestring_ascii
