"""Search parameters: parsing and the paging links of a searchset."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext as _

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
        raise BadRequest(_("_count og _offset må være hele tall (0 eller mer), skrevet med sifre."))
    if offset > LARGEST_ID - MAX_COUNT:  # past any result, and past what the database counts
        raise BadRequest(_("_offset kan være høyst %(n)s.") % {"n": LARGEST_ID - MAX_COUNT})
    return Page(min(count, MAX_COUNT), offset)


def check_known(query, known: set[str]) -> None:
    unknown = sorted(set(query) - known - PAGING)
    if unknown:
        raise BadRequest(_("Søkeparametre som ikke støttes: %(names)s. Disse støttes: "
                           "%(known)s.") % {"names": ", ".join(unknown),
                                            "known": ", ".join(sorted(known)) or _("ingen")})


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


# A FHIR date or dateTime (datatypes.html): YYYY, YYYY-MM, YYYY-MM-DD, or a day with a
# time. A time is read as its day (the due dates it is compared with are days).
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?)?)?",
                  re.ASCII)


def date_filters(values: list[str]) -> list[tuple[str, dt.date, dt.date]]:
    """``ge2026-01-01`` etc. -> [("ge", first day, last day)]: a value names the range
    its precision gives (search.html, date: ``2026-01`` is all of January); no prefix
    means eq."""
    out = []
    for value in values:
        prefix = value[:2] if value[:2] in PREFIXES else "eq"
        text = value[2:] if value[:2] in PREFIXES else value
        try:
            year, month, day = DATE.fullmatch(text).groups()
            first = dt.date(int(year), int(month or 1), int(day or 1))
            last = (first if day else dt.date(first.year, 12, 31) if not month
                    else dt.date(first.year, first.month,
                                 calendar.monthrange(first.year, first.month)[1]))
        except (AttributeError, ValueError) as e:
            raise BadRequest(_("%(value)s er ikke en dato (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, "
                               "eventuelt med prefiks eq, ne, ge, le, gt eller lt).")
                             % {"value": repr(value)}) from e
        out.append((prefix, first, last))
    return out


def date_matches(day: dt.date | None, filters) -> bool:
    """Whether ``day`` is in each filter's range as search.html's prefixes read it:
    eq inside it, ne outside it, ge/le on or after its start / on or before its end,
    gt/lt after its end / before its start."""
    if day is None:
        return not filters
    tests = {"eq": lambda a, b: a <= day <= b, "ne": lambda a, b: not a <= day <= b,
             "ge": lambda a, b: day >= a, "le": lambda a, b: day <= b,
             "gt": lambda a, b: day > b, "lt": lambda a, b: day < a}
    return all(tests[p](first, last) for p, first, last in filters)


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
