"""One query for a page and the total: the count rides along as a scalar sub-query.

Django's ``Paginator`` asks the database twice (count, then the slice); on the
worklist, the hot page of the app, that second round trip is worth saving. The
count is an uncorrelated sub-query (computed once, from the index alone where the
database can), so the page itself still stops after one page of rows; a window
``COUNT(*) OVER ()`` would make the database read every row in scope instead.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, Subquery, Value

_MAX_OFFSET = 2**63 - 1  # LIMIT/OFFSET are 64-bit in PostgreSQL and SQLite


def page_with_total(queryset, number, per_page: int) -> Page:
    return paged(lambda offset, limit: _slice(queryset, offset, limit), queryset.count,
                 number, per_page)


def paged(fetch, count, number, per_page: int) -> Page:
    """A page from ``fetch(offset, limit) -> (rows, total)``, the total read with the
    rows; ``count()`` answers only when the page is empty (past the end, or none)."""
    # A page number no OFFSET can hold (``?side=99…9``) is past the end like any other.
    number = min(_as_number(number), _MAX_OFFSET // per_page)
    rows, total = fetch((number - 1) * per_page, per_page)
    if not rows:
        total = count()
        last = max(1, -(-total // per_page))
        if number > last:
            number = last
            rows, _ = fetch((last - 1) * per_page, per_page)
    paginator = Paginator(rows, per_page)
    paginator.count = total  # a cached_property: set it, so it is not counted again
    return Page(rows, number, paginator)


def _slice(queryset, offset: int, limit: int) -> tuple[list, int | None]:
    total = (queryset.order_by().annotate(_all=Value(1, output_field=IntegerField()))
             .values("_all").annotate(n=Count("pk")).values("n"))
    rows = list(queryset.annotate(page_total=Subquery(total))[offset:offset + limit])
    return rows, rows[0].page_total if rows else None


def _as_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1
