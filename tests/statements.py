"""Statement counts that depend on the database."""

from django.db import connection


def log_write() -> int:
    """Statements one access-log write sends while the process knows the log's head
    (as every test does after its first write, and on an empty log): PostgreSQL's one
    call (ADR 80); SQLite's head read and INSERT, with the savepoint and its release
    that the test's own transaction adds."""
    return 1 if connection.vendor == "postgresql" else 4
