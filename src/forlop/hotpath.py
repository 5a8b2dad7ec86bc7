"""A cursor for the few statements every busy page sends (ADR 8): the worklist's
scope and page, the access log's INSERT."""

from django.db import connection


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
