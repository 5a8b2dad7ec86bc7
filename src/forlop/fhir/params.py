"""Search parameters: parsing and the paging links of a searchset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q

from forlop.ids import LARGEST_ID, row_id, whole_number

DEFAULT_COUNT = 20
MAX_COUNT = 100
PAGING = frozenset({"_count", "_offset", "_format"})
PREFIXES = ("eq", "ne", "ge", "le", "gt", "lt")


class BadRequest(Exception):
    """A search the server cannot run (400 OperationOutcome); ``args[0]`` says why."""


@dataclass(frozen=True)
class Page:
    count: int
    offset: int


def page_of(query) -> Page:
    count = whole_number(query.get("_count", DEFAULT_COUNT))
    offset = whole_number(query.get("_offset", 0))
    if count is None or offset is None:  # also "-1", "+5", " 5" (forlop.ids)
        raise BadRequest("_count and _offset must be whole numbers (0 or more), in digits")
    if offset > LARGEST_ID - MAX_COUNT:  # past any result, and past what the database counts
        raise BadRequest(f"_offset must be at most {LARGEST_ID - MAX_COUNT}")
    return Page(min(count, MAX_COUNT), offset)


def check_known(query, known: set[str]) -> None:
    unknown = sorted(set(query) - known - PAGING)
    if unknown:
        raise BadRequest(f"unsupported search parameter(s): {', '.join(unknown)}; "
                         f"supported: {', '.join(sorted(known)) or 'none'}")


def repeats(query, name: str) -> list[list[str]]:
    """The values of parameter ``name``: one list for each time it is given, each the
    comma-separated alternatives. search.html: every repeat must match (AND), any
    one alternative of a repeat may (OR)."""
    return [value.split(",") for value in query.getlist(name)]


def by_ids(qs, field: str, query, name: str, resource_type: str | None = None):
    """``qs`` narrowed by the ids (or ``Type/id`` references) parameter ``name``
    gives, repeats and alternatives as ``repeats`` reads them; text that is no row id
    matches nothing (``forlop.ids``: a search never fails on a strange id)."""
    for alternatives in repeats(query, name):
        pks = {row_id(reference_id(v, resource_type) if resource_type else v)
               for v in alternatives} - {None}
        qs = qs.filter(**{f"{field}__in": pks})
    return qs


def reference_id(value: str, resource_type: str) -> str:
    """``123`` or ``Patient/123`` -> ``123``."""
    prefix = f"{resource_type}/"
    return value[len(prefix):] if value.startswith(prefix) else value


def token(value: str) -> tuple[str | None, str]:
    """``system|code`` -> (system, code); ``code`` -> (None, code) (any system);
    ``|code`` -> ("", code) (no system); ``system|`` -> (system, "") (any code of the
    system). search.html, token."""
    if "|" in value:
        system, _, code = value.partition("|")
        return system, code
    return None, value


def token_q(alternatives: list[str], field: str, kinds: dict[str, Q]) -> Q:
    """A filter for one repeat of a token parameter on an identifier held in
    ``field``; ``kinds``: each identifier system we serve -> the rows with that system.
    Every identifier we serve has a system, so ``|code`` matches nothing."""
    q = Q(pk__in=[])
    for system, code in map(token, alternatives):
        for kind in (kinds.values() if system is None
                     else [kinds[system]] if system in kinds else []):
            if code:
                q |= kind & Q(**{field: code})
            elif system:
                q |= kind & ~Q(**{field: ""})
    return q


def by_token(qs, field: str, query, name: str, kinds: dict[str, Q]):
    for alternatives in repeats(query, name):
        qs = qs.filter(token_q(alternatives, field, kinds))
    return qs


def date_filters(values: list[str]) -> list[tuple[str, dt.date]]:
    """``ge2026-01-01`` etc. -> [("ge", date)]; a plain date means eq."""
    out = []
    for value in values:
        prefix = value[:2] if value[:2] in PREFIXES else "eq"
        text = value[2:] if value[:2] in PREFIXES else value
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError as e:
            raise BadRequest(f"{value!r} is not a date (YYYY-MM-DD, with an optional "
                             "prefix eq, ne, ge, le, gt or lt)") from e
        out.append((prefix, day))
    return out


def date_matches(day: dt.date | None, filters) -> bool:
    if day is None:
        return not filters
    tests = {"eq": day.__eq__, "ne": day.__ne__, "ge": day.__ge__, "le": day.__le__,
             "gt": day.__gt__, "lt": day.__lt__}
    return all(tests[p](d) for p, d in filters)


def links(base_url: str, query, page: Page, total: int) -> dict[str, str]:
    kept = [(k, v) for k in query for v in query.getlist(k) if k not in {"_count", "_offset"}]

    def url(offset: int, count: int = page.count) -> str:
        return f"{base_url}?{urlencode([*kept, ('_count', count), ('_offset', offset)])}"

    out = {"self": url(page.offset), "first": url(0)}
    if page.offset > 0:
        # The entries just before this page, and none of its own (from _offset=1, one).
        out["previous"] = url(max(0, page.offset - page.count), min(page.count, page.offset))
    if page.count and page.offset + page.count < total:
        out["next"] = url(page.offset + page.count)
    if page.count and page.offset < total:  # the page the next links end on
        last = page.offset + (total - 1 - page.offset) // page.count * page.count
    else:
        last = max(0, (total - 1) // page.count * page.count) if page.count else 0
    out["last"] = url(last)
    return out
