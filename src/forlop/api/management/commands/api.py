"""``forlop api token create|list|revoke`` and ``forlop api client add|list|disable``.

Tokens: ``create`` prints the token once (only its hash is kept); ``list`` shows id,
prefix, user, created, expiry and status, never the token; ``revoke`` ends one at once.
Clients: an OAuth 2 client id (HelseID) and the system user it acts as (docs/api.md).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forlop.accounts.models import User
from forlop.api import tokens
from forlop.api.models import ApiClient, ApiToken


class Command(BaseCommand):
    help = "API tokens and OAuth clients (docs/api.md)."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True)
        token = kinds.add_parser("token", help="local API tokens")
        verbs = token.add_subparsers(dest="verb", required=True)
        create = verbs.add_parser("create", help="create a token and print it once")
        create.add_argument("--user", required=True, help="username the token acts as")
        create.add_argument("--days", type=int, help="days until it expires (default: never)")
        verbs.add_parser("list", help="list tokens (never the token itself)")
        revoke = verbs.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("id", type=int)

        client = kinds.add_parser("client", help="OAuth 2 clients (HelseID)")
        cverbs = client.add_subparsers(dest="verb", required=True)
        add = cverbs.add_parser("add", help="map a client id to a system user")
        add.add_argument("client_id")
        add.add_argument("--user", required=True, help="username of the system user")
        cverbs.add_parser("list", help="list clients")
        disable = cverbs.add_parser("disable", help="refuse a client's tokens from now on")
        disable.add_argument("client_id")

    def handle(self, *args, kind, verb, **options):
        getattr(self, f"_{kind}_{verb}")(**options)

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        if not user.is_active:
            raise CommandError(f"user {username!r} is not active")
        return user

    def _token_create(self, *, user, days, **_):
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more")
        row, token = tokens.create_token(self._user(user), days=days)
        until = f"until {row.expires_at:%Y-%m-%d %H:%M}" if row.expires_at else "until revoked"
        self.stderr.write(f"Token {row.pk} for {user}, valid {until}. It is shown only "
                          "this once; store it as a secret.")
        self.stdout.write(token)

    def _token_list(self, **_):
        now = timezone.now()
        self.stdout.write("id\tprefix\tuser\tcreated\texpires\tstatus")
        for row in ApiToken.objects.select_related("user").order_by("pk"):
            expires = f"{row.expires_at:%Y-%m-%d}" if row.expires_at else "-"
            self.stdout.write(f"{row.pk}\t{row.prefix}\t{row.user.username}\t"
                              f"{row.created_at:%Y-%m-%d}\t{expires}\t{row.status(now)}")

    def _token_revoke(self, *, id, **_):  # noqa: A002 - the argument's name
        row = tokens.revoke(id)
        if row is None:
            raise CommandError(f"no token with id {id}")
        self.stdout.write(f"Token {row.pk} ({row.prefix}) is revoked.")

    def _client_add(self, *, client_id, user, **_):
        if ApiClient.objects.filter(client_id=client_id).exists():
            raise CommandError(f"client {client_id!r} is already registered")
        ApiClient.objects.create(client_id=client_id, user=self._user(user))
        self.stdout.write(f"Client {client_id} acts as {user}.")

    def _client_list(self, **_):
        self.stdout.write("client_id\tuser\tstatus")
        for row in ApiClient.objects.select_related("user").order_by("client_id"):
            status = "disabled" if row.disabled_at else "active"
            self.stdout.write(f"{row.client_id}\t{row.user.username}\t{status}")

    def _client_disable(self, *, client_id, **_):
        updated = ApiClient.objects.filter(client_id=client_id, disabled_at__isnull=True
                                           ).update(disabled_at=timezone.now())
        if not updated:
            raise CommandError(f"no active client {client_id!r}")
        self.stdout.write(f"Client {client_id} is disabled.")
