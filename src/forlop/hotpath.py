"""A cursor for the few statements every busy page sends (ADR 8): the worklist's
scope and page, the access log's INSERT."""

from django.db import connection

# psycopg turns a statement's ``%s`` into ``$1…`` with a regular expression and caches
# the result only for statements under 4 KB with at most 50 parameters. The access
# decision (``access.bases.reached``) is ~8 KB with ~150 parameters and is asked on
# every patient read, so it was parsed again each time (~0.5 ms). Our hot statements
# are few and fixed (compiled once per process, ``forlop.access.compiled``), so the
# cache's bounds are raised to hold them; its size (128 entries) is unchanged.
# Private to psycopg: ``tests/access/test_compiled.py`` fails if the names go away.
try:
    from psycopg import _queries as _psycopg_queries
except ImportError:  # SQLite-only installation
    _psycopg_queries = None
else:
    _psycopg_queries.MAX_CACHED_STATEMENT_LENGTH = max(
        _psycopg_queries.MAX_CACHED_STATEMENT_LENGTH, 32 * 1024)
    _psycopg_queries.MAX_CACHED_STATEMENT_PARAMS = max(
        _psycopg_queries.MAX_CACHED_STATEMENT_PARAMS, 512)


def hot_cursor():
    """Django's cursor; on PostgreSQL over a server-side-binding psycopg cursor, so
    psycopg prepares these hot statements (settings, ADR 8). While queries are being
    logged (DEBUG, tests that count queries) the plain cursor instead: the same
    statement bound on the client, so the log shows it whole (Django cannot print a
    server-side-bound statement with its values)."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    import psycopg

    connection.ensure_connection()
    return connection.make_cursor(psycopg.Cursor(connection.connection))
