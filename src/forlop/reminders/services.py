"""``forlop remind``: find the clocks to remind about, record them as notices, and
mail each recipient one digest of what is new.

Recording and mailing are two steps, each safe to repeat and to run twice at once:
a notice's unique key (``Notice.notice_once``) lets the database drop an alert that
exists already, and a digest claims its notices with a conditional UPDATE, so a
notice is mailed by exactly one run. What the mail says (counts and a link, no
patient data) is ADR 14.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from forlop.access.permissions import Permission, roles_with
from forlop.accounts.models import RoleAssignment, User
from forlop.pathways.models import Pathway, PathwayState
from forlop.reminders import rules
from forlop.reminders.models import Notice, NoticeKind

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    """One open pathway's running clock, as the projection has it."""

    pathway_id: int
    unit_id: int
    clock: str
    due: dt.date
    coordinator_id: int | None


@dataclass
class RemindResult:
    notices: int = 0  # new notices recorded
    mails: int = 0  # digests sent
    recipients: set[int] = field(default_factory=set)


def remind(*, today: dt.date, ahead: int | None = None,
           escalate_after: int | None = None) -> RemindResult:
    """Record today's notices, then mail every recipient the notices not mailed yet."""
    ahead = settings.REMIND_DAYS_AHEAD if ahead is None else ahead
    escalate_after = (settings.REMIND_ESCALATE_AFTER_DAYS if escalate_after is None
                      else escalate_after)
    result = RemindResult(notices=record_notices(today=today, ahead=ahead,
                                                 escalate_after=escalate_after))
    send_digests(today=today, ahead=ahead, escalate_after=escalate_after, result=result)
    return result


def due_clocks(*, today: dt.date, ahead: int) -> list[Due]:
    """Open pathways whose running clock is overdue or due within ``ahead`` working
    days (the ``state_open_due`` index serves the filter)."""
    rows = (PathwayState.objects.filter(is_open=True, next_due__isnull=False,
                                        next_due__lte=rules.horizon(today, ahead))
            .order_by("pathway_id")
            .values_list("pathway_id", "unit_id", "next_clock", "next_due",
                         "pathway__coordinator_id"))
    return [Due(*row) for row in rows]


def planned_notices(clocks: list[Due], *, today: dt.date, ahead: int, escalate_after: int,
                    leaders: dict[int, list[int]]) -> list[Notice]:
    """The notices these clocks call for, before the access check: one to the
    coordinator (due soon or overdue), one per leader of the unit when escalated."""
    last_due = rules.horizon(today, ahead)
    planned = []
    for c in clocks:
        common = {"pathway_id": c.pathway_id, "clock": c.clock, "due": c.due,
                  "created_on": today}
        kind = rules.coordinator_kind(c.due, today, last_due)
        if kind and c.coordinator_id:
            planned.append(Notice(recipient_id=c.coordinator_id, kind=kind, **common))
        if rules.escalates(c.due, today, escalate_after):
            planned += [Notice(recipient_id=leader, kind=NoticeKind.ESCALATION, **common)
                        for leader in leaders.get(c.unit_id, ())]
    return planned


def leaders_of(unit_ids, *, today: dt.date) -> dict[int, list[int]]:
    """Per unit, the users whose active role there receives escalations."""
    out = defaultdict(list)
    rows = (RoleAssignment.objects.active(today)
            .filter(role__in=roles_with(Permission.RECEIVE_ESCALATION), unit_id__in=unit_ids)
            .order_by("unit_id", "user_id").values_list("unit_id", "user_id").distinct())
    for unit_id, user_id in rows:
        out[unit_id].append(user_id)
    return out


def visible_only(planned: list[Notice]) -> list[Notice]:
    """Drop notices about pathways their recipient may not see (a restriction, a
    role that ended, an inactive account): the same scope as every page."""
    by_recipient = defaultdict(set)
    for notice in planned:
        by_recipient[notice.recipient_id].add(notice.pathway_id)
    users = User.objects.in_bulk(list(by_recipient))
    seen = {
        (user_id, pk)
        for user_id, ids in by_recipient.items() if user_id in users
        for pk in Pathway.objects.visible_to(users[user_id]).filter(pk__in=sorted(ids))
        .values_list("pk", flat=True)
    }
    return [n for n in planned if (n.recipient_id, n.pathway_id) in seen]


def record_notices(*, today: dt.date, ahead: int, escalate_after: int) -> int:
    """Record the notices due today; those that exist already are left as they are.
    Returns how many are new."""
    clocks = due_clocks(today=today, ahead=ahead)
    leaders = leaders_of(sorted({c.unit_id for c in clocks if
                                 rules.escalates(c.due, today, escalate_after)}), today=today)
    notices = visible_only(planned_notices(clocks, today=today, ahead=ahead,
                                           escalate_after=escalate_after, leaders=leaders))
    with transaction.atomic():
        before = Notice.objects.filter(created_on=today).count()
        # ON CONFLICT DO NOTHING: a notice another run recorded first stays the one.
        Notice.objects.bulk_create(notices, ignore_conflicts=True, batch_size=500)
        return Notice.objects.filter(created_on=today).count() - before


def send_digests(*, today: dt.date, ahead: int, escalate_after: int,
                 result: RemindResult) -> None:
    """One mail per recipient with notices no run has mailed yet."""
    waiting = (Notice.objects.filter(mailed_at__isnull=True).order_by("recipient_id")
               .values_list("recipient_id", flat=True).distinct())
    for recipient_id in list(waiting):
        token, counts = claim(recipient_id)
        if not counts:
            continue  # another run took them
        user = User.objects.get(pk=recipient_id)
        if not user.email:
            continue  # no address: the notices are in the app only
        try:
            send_mail(*digest(user, counts, ahead=ahead, escalate_after=escalate_after),
                      from_email=None, recipient_list=[user.email])
        except OSError:
            log.exception("digest to user %s not sent; it is tried again next run",
                          recipient_id)
            release(recipient_id, token)
            continue
        result.mails += 1
        result.recipients.add(recipient_id)


def claim(recipient_id: int) -> tuple[uuid.UUID, Counter]:
    """Take the recipient's notices no run has taken (one conditional UPDATE: of two
    runs at once, each notice goes to one), counted per kind."""
    token = uuid.uuid4()
    Notice.objects.filter(recipient_id=recipient_id, mailed_at__isnull=True).update(
        mailed_at=timezone.now(), claim=token)
    return token, Counter(Notice.objects.filter(claim=token).values_list("kind", flat=True))


def release(recipient_id: int, token: uuid.UUID) -> None:
    Notice.objects.filter(recipient_id=recipient_id, claim=token).update(mailed_at=None,
                                                                         claim=None)


def digest(user, counts: Counter, *, ahead: int, escalate_after: int) -> tuple[str, str]:
    """Subject and body: counts and a link only. Mail is not a secure channel, so no
    name, number, pathway type or date of any patient goes into it (ADR 14)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "ahead": ahead, "escalate_after": escalate_after,
                   "due_soon": counts[NoticeKind.DUE_SOON],
                   "overdue": counts[NoticeKind.OVERDUE],
                   "escalation": counts[NoticeKind.ESCALATION],
                   "url": settings.SITE_URL + reverse("reminders:notices")}
        subject = render_to_string("reminders/digest_subject.txt", context).strip()
        return subject, render_to_string("reminders/digest.txt", context)
