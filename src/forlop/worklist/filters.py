"""The worklist's filters and sort orders, read from GET parameters so that a view of
the list is a URL (bookmarked, shared, saved as a ``SavedView``).

The unfiltered list in due order is the hand-built hot path (``selectors.page_rows``);
any filter or other order reads ``selectors.worklist_for`` (the reference queryset of
the same scope) narrowed here, one statement for the page and its total (ADR 13).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from forlop.ids import row_id, whole_number
from forlop.npr.selectors import pathway_ids_with_findings
from forlop.pathways.models import Pathway, PathwayState
from forlop.pathways.models.choices import CareSetting, PathwayType

ME = "me"
NOBODY = "none"
DEFAULT_WITHIN = 14  # "due within N days" when N is not given

STATUS_CHOICES = [
    ("", _("Alle åpne")),
    ("overdue", _("Fristbrudd nå")),
    ("missed", _("Tidligere fristbrudd, nå i rute")),
    ("due", _("Frist innen valgt antall dager")),
    ("none", _("Ingen neste frist")),
    ("closed", _("Avsluttet")),
]
WEEK_CHOICES = [("", _("Alle datoer")), ("this", _("Frist denne uken")),
                ("next", _("Frist neste uke"))]
SORT_CHOICES = [("due", _("Frist (eldste først)")),
                ("overdue", _("Fristbrudd nå først, flest dager over")),
                ("name", _("Pasientens navn")), ("start", _("Startdato (eldste først)"))]
NPR_CHOICES = [("", _("Alle")), ("findings", _("Har noe å rette før NPR-rapportering"))]
# The parameters a view is made of, in the order they are written back into a URL.
KEYS = ("type", "setting", "coordinator", "status", "within", "week", "npr", "sort")


# (parameter, label, choices or None for the number of days), in the form's order.
FIELDS = (
    ("type", _("Forløp"), [("", _("Alle forløp")), *PathwayType.choices]),
    ("setting", _("Omsorgsnivå"), [("", _("Alle")), *CareSetting.choices]),
    ("coordinator", _("Forløpskoordinator"), [("", _("Alle")), (ME, _("Mine")),
                                             (NOBODY, _("Uten koordinator"))]),
    ("status", _("Status"), STATUS_CHOICES),
    ("within", _("Antall dager fram (for «frist innen»)"), None),
    ("week", _("Uke"), WEEK_CHOICES),
    ("npr", _("NPR"), NPR_CHOICES),
    ("sort", _("Sortering"), SORT_CHOICES),
)
MAX_WITHIN = 365
_ALLOWED = {name: frozenset(v for v, _text in choices or ()) for name, _l, choices in FIELDS}


@functools.cache
def _labels(language: str) -> tuple:
    """The controls' labels and options translated once per language: a Django form
    and its widget templates took ~20 ms for these seven controls, more than the rest
    of the worklist page (docs/performance.md)."""
    return tuple((name, str(label), tuple((v, str(text)) for v, text in choices or ()))
                 for name, label, choices in FIELDS)


class FilterForm:
    """The worklist's GET parameters, checked: an invalid value is reported next to
    its control and left out of the filter (the rest still applies). Not a Django
    form, for speed (``_labels``); ``errors`` maps a parameter to its messages."""

    def __init__(self, params, *, named_coordinator: tuple[int, str] | None = None):
        self.params = params
        self.named = named_coordinator
        self.errors: dict[str, list[str]] = {}
        self.values: dict[str, object] = {}
        allowed = dict(_ALLOWED)
        if named_coordinator:
            allowed["coordinator"] = allowed["coordinator"] | {str(named_coordinator[0])}
        for name, _label, choices in FIELDS:
            sent = params.get(name, "")
            if sent == "":
                continue
            if choices is not None and sent in allowed[name]:
                self.values[name] = sent
            elif choices is None and 1 <= (whole_number(sent) or 0) <= MAX_WITHIN:
                self.values[name] = int(sent)
            elif choices is None:
                self.errors[name] = [_("Skriv et helt tall fra 1 til %(max)s.") % {
                    "max": MAX_WITHIN}]
            else:
                self.errors[name] = [_("Velg et av valgene i listen.")]

    def filters(self) -> Filters:
        return Filters.of(self.values)

    def controls(self) -> list[Control]:
        out = []
        for name, label, options in _labels(get_language() or "nb"):
            value = self.params.get(name, "") or ("due" if name == "sort" else "")
            if name == "coordinator" and self.named:
                options = (*options, (str(self.named[0]), self.named[1]))
            out.append(Control(id=f"filter-{name}", name=name, label=label,
                               options=tuple((v, t, v == value) for v, t in options),
                               value=value, errors=tuple(self.errors.get(name, ()))))
        return out


def coordinator_id_in(params) -> int | None:
    """The coordinator's id when the URL names one (not "me"): its name needs a look-up."""
    value = params.get("coordinator", "")
    return row_id(value)


@dataclass(frozen=True)
class Filters:
    type: str = ""
    setting: str = ""
    coordinator: str = ""  # "" | "me" | "none" | a user id
    status: str = ""
    within: int | None = None
    week: str = ""
    npr: str = ""  # "findings": only pathways the NPR lint finds something in
    sort: str = "due"

    @classmethod
    def of(cls, data: dict) -> Filters:
        return cls(**{k: v for k, v in data.items() if v not in (None, "")})

    @property
    def is_default(self) -> bool:
        """The plain list in due order: served by the hand-built hot path."""
        return self == Filters()

    def query_string(self) -> str:
        """The view as GET parameters, defaults left out (what a saved view stores)."""
        default = Filters()
        return urlencode([(k, getattr(self, k)) for k in KEYS
                          if getattr(self, k) != getattr(default, k)])

    def apply(self, states, *, user, today: dt.date):
        """Narrow a ``PathwayState`` queryset of the user's scope and order it."""
        if self.type:
            states = states.filter(pathway__type=self.type)
        if self.setting:
            states = states.filter(pathway__setting=self.setting)
        if self.coordinator == NOBODY:
            states = states.filter(pathway__coordinator__isnull=True)
        elif self.coordinator:
            who = user.pk if self.coordinator == ME else int(self.coordinator)
            states = states.filter(pathway__coordinator_id=who)
        states = states.filter(self._status_q(today))
        if self.week:
            monday = today - dt.timedelta(days=today.weekday())
            start = today if self.week == "this" else monday + dt.timedelta(days=7)
            states = states.filter(next_due__gte=start,
                                   next_due__lte=start + dt.timedelta(days=6 - start.weekday()))
        if self.npr:
            # Last, on what the other filters left: the lint reads each pathway's events
            # (forlop.npr.selectors), so it runs on as few as it can. Same rules as the
            # fix-list page and ``forlop npr lint`` (docs/npr.md).
            ids = pathway_ids_with_findings(
                Pathway.objects.filter(pk__in=states.values("pathway_id")), today)
            states = states.filter(pathway_id__in=ids)
        return states.order_by(*self._order(today))

    def _status_q(self, today: dt.date) -> Q:
        within = self.within or DEFAULT_WITHIN
        return {
            "": Q(),
            "overdue": Q(next_due__lt=today),
            "missed": Q(breached=True) & (Q(next_due__isnull=True) | Q(next_due__gte=today)),
            "due": Q(next_due__gte=today, next_due__lte=today + dt.timedelta(days=within)),
            "none": Q(next_due__isnull=True),
            "closed": Q(),  # the closed list is its own base queryset (``closed_states``)
        }[self.status]

    def _order(self, today: dt.date) -> list:
        due = F("next_due").asc(nulls_last=True)
        if self.status == "closed" and self.sort == "due":
            return [F("pathway__closed_on").desc(), "pathway_id"]
        if self.sort == "name":
            return ["pathway__patient__name", "pathway_id"]
        if self.sort == "start":
            return ["pathway__started_on", "pathway_id"]
        if self.sort == "overdue":
            rank = Case(When(next_due__lt=today, then=Value(0)),
                        When(breached=True, then=Value(1)), default=Value(2),
                        output_field=IntegerField())
            return [rank, due, "pathway_id"]
        return [due, "pathway_id"]


def closed_states(scope):
    """Closed pathways of the user's units (minus barred patients). Closed pathways
    reached only as coordinator, care team or by consent are not listed: the worklist
    is a unit's list; patient search still finds them."""
    return (PathwayState.objects.filter(is_open=False, unit_id__in=sorted(scope.unit_roles))
            .exclude(pathway__patient_id__in=sorted(scope.barred)))


def without_page(params: QueryDict) -> str:
    """The current view's query string without the page number, for paging links."""
    kept = params.copy()
    kept.pop("side", None)
    return kept.urlencode()


@dataclass(frozen=True)
class Control:
    """One filter control, ready for the Jinja2 fragment (``jinja2/worklist/filters.html``):
    Django's widget templates took ~20 ms for these seven controls, more than the
    whole worklist page (docs/performance.md)."""

    id: str
    name: str
    label: str
    options: tuple = ()  # (value, label, selected) for a select; empty for a number
    value: str = ""
    errors: tuple = ()
