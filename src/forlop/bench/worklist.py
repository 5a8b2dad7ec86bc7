"""Worklist figures: the page's database work, the whole rendered page, its queries.

Per-row naive lookups use the row's pathway id for all three tables: the database
work per query is the same (a primary-key probe) and no Python row building is
timed on either side.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forlop.bench.timing import timed_ms
from forlop.hotpath import hot_cursor
from forlop.organisations.models import Unit
from forlop.pathways.models import Pathway, PathwayState
from forlop.patients.models import Patient
from forlop.worklist import selectors

WORKLIST_INDEXES = ("state_worklist_open", "state_open_due")


def _compiled(qs) -> tuple[str, tuple]:
    return qs.query.sql_with_params()


def _run(cursor, sql: str, params) -> list:
    cursor.execute(sql, params)
    return cursor.fetchall()


def db_samples(user, repeat: int) -> list[float]:
    """The database's share of the page: the scope query and the page query (with its
    total) as the view sends them, bound once and executed (row building belongs to
    the page figure)."""
    scope_sql = selectors.scope_sql(user, timezone.now())
    page_sql = selectors.page_sql(selectors.resolve_scope(user), 0,
                                  settings.WORKLIST_PAGE_SIZE)
    with hot_cursor() as cursor:
        return timed_ms(lambda: (_run(cursor, *scope_sql), _run(cursor, *page_sql)), repeat,
                        warmup=_warm_up_runs())


def _warm_up_runs() -> int:
    """Runs before timing: past PostgreSQL's prepare threshold (settings), as in a
    server that has been up a while, so the first few unprepared runs of the 200 do
    not make the 95th percentile (they did: 1.73 ms against 1.16 warm)."""
    threshold = connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold") or 0
    return threshold + 2


def db_samples_naive(user, repeat: int) -> list[float]:
    """The obvious query: the scope as a sub-query over all pathways, then one query
    per row for its pathway, patient and unit (what a lazy ORM loop sends)."""
    visible = Pathway.objects.visible_to(user).values("pk")
    page_sql = _compiled(PathwayState.objects.filter(is_open=True, pathway__in=visible)
                         .order_by("next_due", "pathway_id")[:settings.WORKLIST_PAGE_SIZE])
    per_row = [_compiled(m.objects.filter(pk=0)) for m in (Pathway, Patient, Unit)]

    def page(cursor):
        for row in _run(cursor, *page_sql):
            for sql, _params in per_row:
                _run(cursor, sql, (row[0],))

    with connection.cursor() as cursor:
        return timed_ms(lambda: page(cursor), repeat)


def db_samples_without_index(user, repeat: int) -> list[float]:
    """The selector with its supporting indexes dropped (rolled back afterwards)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for name in WORKLIST_INDEXES:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        samples = db_samples(user, repeat)
        transaction.set_rollback(True)
    return samples


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def page_samples(user, repeat: int) -> tuple[list[float], int, int]:
    """The whole page through Django's test client; returns (ms samples, SQL
    statements, statements including transaction control). Django logs the
    ``BEGIN``/``COMMIT`` around the access-log write as queries of their own."""
    client = Client()
    client.force_login(user)
    url = reverse("worklist")

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"worklist answered {response.status_code}")

    samples = timed_ms(get, repeat)
    with CaptureQueriesContext(connection) as queries:
        get()
    sql = [q["sql"] for q in queries.captured_queries]
    control = sum(1 for q in sql if q.upper().startswith(TRANSACTION_CONTROL))
    return samples, len(sql) - control, len(sql)
