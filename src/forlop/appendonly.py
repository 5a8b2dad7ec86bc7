"""Database triggers that make a table append-only (UPDATE and DELETE refused, and
TRUNCATE of a non-empty table on PostgreSQL).

The models refuse too, but raw SQL, bulk updates and other clients must not be able
to rewrite history either. Used by migrations; PostgreSQL and SQLite.
"""

from django.db import migrations

# The append-only tables and their trigger names (migrations and tests use these).
TABLES = {
    # The individual plan and the hand-over at closure (forlop.followup, ADR 58,
    # 59); first: they point at events (the test database empties them in this order).
    "followup_closurenotice": {
        "function": "forlop_refuse_ip_closure_notice_change", "trigger": "ip_closure_notice",
        "message": "followup_closurenotice is append-only"},
    "followup_confirmation": {
        "function": "forlop_refuse_ip_confirmation_change", "trigger": "ip_confirmation",
        "message": "followup_confirmation is append-only"},
    "followup_followuprequest": {
        "function": "forlop_refuse_ip_request_change", "trigger": "ip_request",
        "message": "followup_followuprequest is append-only: ask again instead"},
    "followup_planresponse": {
        "function": "forlop_refuse_ip_response_change", "trigger": "ip_response",
        "message": "followup_planresponse is append-only"},
    "followup_planversion": {
        "function": "forlop_refuse_ip_version_change", "trigger": "ip_version",
        "message": "followup_planversion is append-only: save a new version instead"},
    "pathways_pathwayevent": {
        "function": "forlop_refuse_event_change", "trigger": "pathway_event",
        "message": "pathways_pathwayevent is append-only: register a correction instead"},
    "pathways_pathwayunitchange": {
        "function": "forlop_refuse_unit_change_change", "trigger": "pathway_unit_change",
        "message": "pathways_pathwayunitchange is append-only: move the pathway back instead"},
    "access_accesslogentry": {
        "function": "forlop_refuse_access_log_change", "trigger": "access_log",
        "message": "access_accesslogentry is append-only"},
    "worklist_coordinatorchange": {
        "function": "forlop_refuse_coordinator_change_change", "trigger": "coordinator_change",
        "message": "worklist_coordinatorchange is append-only"},
    "plans_planresponse": {
        "function": "forlop_refuse_plan_response_change", "trigger": "plan_response",
        "message": "plans_planresponse is append-only"},
    "plans_planmeeting": {
        "function": "forlop_refuse_plan_meeting_change", "trigger": "plan_meeting",
        "message": "plans_planmeeting is append-only"},
    # After the rows that point at it (the test database empties them in this order).
    "plans_planversion": {
        "function": "forlop_refuse_plan_version_change", "trigger": "plan_version",
        "message": "plans_planversion is append-only: save a new version instead"},
}


def statements(table: str, *, function: str, trigger: str, message: str) -> dict:
    """Per vendor, the SQL that installs (``up``) and removes (``down``) the triggers."""
    return {
        "postgresql": {
            "up": [f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger}_append_only
  BEFORE UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION {function}();
"""],
            "down": [f"DROP TRIGGER IF EXISTS {trigger}_append_only ON {table};",
                     f"DROP FUNCTION IF EXISTS {function}();"],
        },
        "sqlite": {
            "up": [
                f"""CREATE TRIGGER IF NOT EXISTS {trigger}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
                f"""CREATE TRIGGER IF NOT EXISTS {trigger}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
            ],
            "down": [f"DROP TRIGGER IF EXISTS {trigger}_no_update;",
                     f"DROP TRIGGER IF EXISTS {trigger}_no_delete;"],
        },
    }


def truncate_statements(table: str, *, function: str, trigger: str, message: str) -> dict:
    """PostgreSQL row triggers do not fire on TRUNCATE: refuse it with a statement
    trigger while the table has rows (emptying an empty table loses nothing).
    SQLite has no TRUNCATE."""
    return {"postgresql": {
        "up": [f"""
CREATE OR REPLACE FUNCTION {function}_truncate() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM {table}) THEN
    RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger}_no_truncate BEFORE TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION {function}_truncate();
"""],  # noqa: S608 - names are the module's own constants
        "down": [f"DROP TRIGGER IF EXISTS {trigger}_no_truncate ON {table};",
                 f"DROP FUNCTION IF EXISTS {function}_truncate();"],
    }}


def unguarded(table: str, vendor: str, sql: list[str]) -> list[str]:
    """``sql`` wrapped so it runs with ``table``'s append-only triggers off and puts them
    back after: for a migration that must number or empty existing rows, and the test
    database's flush. Never in the app."""
    if vendor == "postgresql":  # the table's own triggers only, not its constraints'
        return [f"ALTER TABLE {table} DISABLE TRIGGER USER", *sql,
                f"ALTER TABLE {table} ENABLE TRIGGER USER"]
    sqlite = statements(table, **TABLES[table])["sqlite"]
    return [*sqlite["down"], *sql, *sqlite["up"]]


def append_only(table: str, *, function: str, trigger: str, message: str):
    """A migration operation adding the row triggers (and removing them on reverse)."""
    return per_vendor(statements(table, function=function, trigger=trigger, message=message))


def no_truncate(table: str, *, function: str, trigger: str, message: str):
    return per_vendor(truncate_statements(table, function=function, trigger=trigger,
                                          message=message))


def reinstate_around_rebuild(table: str, *, function: str, trigger: str, message: str):
    """For a migration that makes SQLite rebuild ``table`` (copy, drop, rename), which
    drops its triggers: two operations, to put first and last in the migration. The
    last adds the triggers again after the forward rebuild, the first after the
    rebuild that unapplying the migration does (operations reverse in reverse order).
    SQLite only; PostgreSQL alters in place."""
    sql = statements(table, function=function, trigger=trigger, message=message)["sqlite"]
    return (per_vendor({"sqlite": {"down": sql["up"]}}),
            per_vendor({"sqlite": {"up": sql["up"]}}))


def per_vendor(sql: dict):
    """A migration operation running ``sql`` (``{vendor: {"up": [...], "down": [...]}}``)
    on the database's vendor, ``up`` forward and ``down`` on reverse; nothing on a
    vendor it does not name."""

    def run(direction):
        def apply(apps, schema_editor):
            for statement in sql.get(schema_editor.connection.vendor, {}).get(direction, []):
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run("up"), run("down"))
