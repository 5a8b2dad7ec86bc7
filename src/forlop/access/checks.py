"""``forlop check``: warn of a health trust where no one would review an emergency
access (no active leader in any of its units): such an access would be on nobody's
review list (``selectors.break_glass_to_review`` goes up the line to the trust).

A database check: it reads data, so Django runs it on ``forlop migrate`` and
``forlop check --database default`` only, not before every management command (the
bench's trusts have no leaders and would print it on every run)."""

from django.core.checks import Tags, Warning, register
from django.db import connection
from django.db.models import Exists, OuterRef


@register(Tags.database)
def trusts_without_reviewer(app_configs=None, databases=None, **kwargs):
    from forlop.accounts.models import RoleAssignment
    from forlop.accounts.roles import Role
    from forlop.organisations.models import HealthTrust

    if not databases:  # not asked to look at a database (Django's convention)
        return []
    # ``check`` also runs before the first migration: nothing to say then.
    if RoleAssignment._meta.db_table not in connection.introspection.table_names():
        return []
    leaders = RoleAssignment.objects.active().filter(role=Role.LEADER,
                                                     unit__trust_id=OuterRef("pk"))
    unreviewed = (HealthTrust.objects.filter(units__isnull=False).distinct()
                  .exclude(Exists(leaders)).order_by("name"))
    return [Warning(f"Health trust {trust.name!r} has no active leader in any unit: an "
                    "emergency access to its records would be reviewed by no one.",
                    hint="Give someone the leader role in one of its units.",
                    obj=trust, id="forlop.W001")
            for trust in unreviewed]
