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
    # A page number no OFFSET can hold (``?side=99…9``) is past the end like any other.
    number = min(_as_number(number), _MAX_OFFSET // per_page)
    rows = _slice(queryset, number, per_page)
    if rows:
        total = rows[0].page_total
    else:
        total = queryset.count()
        last = max(1, -(-total // per_page))
        if number > last:
            number, rows = last, _slice(queryset, last, per_page)
    paginator = Paginator(queryset, per_page)
    paginator.count = total  # a cached_property: set it, so it is not counted again
    return Page(rows, number, paginator)


def _slice(queryset, number: int, per_page: int) -> list:
    start = (number - 1) * per_page
    total = (queryset.order_by().annotate(_all=Value(1, output_field=IntegerField()))
             .values("_all").annotate(n=Count("pk")).values("n"))
    return list(queryset.annotate(page_total=Subquery(total))[start:start + per_page])


def _as_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1
