"""The append-only triggers exist after migrating. Django rebuilds a SQLite table on
many schema changes and would silently drop its triggers; this fails if that happens."""

import pytest
from django.db import connection

TABLES = {"access_accesslogentry": "access_log", "pathways_pathwayevent": "pathway_event",
          "plans_planversion": "plan_version", "plans_planresponse": "plan_response",
          "plans_planmeeting": "plan_meeting",
          # The individual plan and the hand-over at closure (ADR 58, 59).
          "followup_planversion": "ip_version", "followup_planresponse": "ip_response",
          "followup_followuprequest": "ip_request", "followup_confirmation": "ip_confirmation",
          "followup_closurenotice": "ip_closure_notice"}


@pytest.mark.django_db
@pytest.mark.parametrize("table", sorted(TABLES))
def test_append_only_triggers_are_installed(table):
    prefix = TABLES[table]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                           "AND NOT tgisinternal", [table])
            expected = {f"{prefix}_append_only", f"{prefix}_no_truncate"}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = %s", [table])
            expected = {f"{prefix}_no_update", f"{prefix}_no_delete"}
        assert {name for (name,) in cursor.fetchall()} == expected
