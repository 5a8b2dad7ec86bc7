"""The inbox (``/meldinger/``) and one message. Opening a message that names a patient
writes the access-log row (basis: the message), like any page about a patient."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from forlop.access.audit import Touch, log_access
from forlop.access.guards import requires
from forlop.access.models import Action, Basis, Outcome
from forlop.access.permissions import Permission
from forlop.messaging import presenters, selectors, services
from forlop.messaging.models import Message
from forlop.site.paging import page_with_total


@requires(Permission.VIEW_WORKLIST)
def inbox(request):
    box = request.GET.get("boks", "inn")
    messages = selectors.sent_by(request.user) if box == "sendt" else selectors.inbox(
        request.user)
    page = page_with_total(messages, request.GET.get("side"), 50)
    log_access(request, action=Action.READ, what="messages",
               touches=[Touch(m.patient_id, Basis.MESSAGE) for m in page.object_list
                        if m.patient_id])
    return render(request, "messaging/inbox.html", {
        "page": page, "box": "sendt" if box == "sendt" else "inn",
        "lines": [presenters.MessageLine.of(m) for m in page.object_list]})


def _open(request, pk, what: str):
    """The message, if the user is its recipient or sender; the access log written
    (a refusal too) when it names a patient."""
    message = get_object_or_404(Message.objects.select_related(
        "sender", "sender_unit", "sender_municipality", "patient", "pathway", "to_user",
        "to_unit", "to_municipality", "to_gp_office"), pk=pk)
    recipient = selectors.is_recipient(request.user, message)
    if not (recipient or message.sender_id == request.user.pk):
        if message.patient_id:
            log_access(request, action=Action.READ, what=what, outcome=Outcome.REFUSED,
                       touches=[Touch(message.patient_id, Basis.NONE)])
        raise Http404
    if message.patient_id:
        log_access(request, action=Action.READ, what=what,
                   touches=[Touch(message.patient_id, Basis.MESSAGE)])
    if recipient:
        services.mark_read(request.user, message)
    return message


@requires(Permission.VIEW_WORKLIST)
def detail(request, message_id):
    message = _open(request, message_id, "message")
    return render(request, "messaging/detail.html", {
        "message": message, "line": presenters.MessageLine.of(message),
        "timeline": presenters.timeline(message)})


@requires(Permission.VIEW_WORKLIST)
def document(request, message_id):
    message = _open(request, message_id, "message document")
    if not message.document:
        raise Http404
    response = HttpResponse(bytes(message.document),
                            content_type=message.document_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, message.document_name)
    return response
