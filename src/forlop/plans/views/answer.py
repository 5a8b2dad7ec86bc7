"""The patient's answer to a plan version on Min side: co-sign it, or comment on it.
The treatment plan and the individual plan (``forlop.followup.views``) ask alike;
the page, the service and who reads the comment are each plan's own."""

from __future__ import annotations

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.plans.forms import CommentForm, SignForm
from forlop.plans.models import ResponseKind
from forlop.site.dates import norwegian_date

# The value of ``svar`` in each form (``plans/_own_plan_response.html``) and its prefix.
SIGN, COMMENT = "signer", "kommenter"


class PatientAnswer:
    """The sign form and the comment form, the one the patient posted bound."""

    def __init__(self, request, *, comment_form=CommentForm):
        self.posted = request.method == "POST"
        answer = request.POST.get("svar") if self.posted else None
        self.sign_form = SignForm(request.POST if answer == SIGN else None, prefix=SIGN)
        self.comment_form = comment_form(request.POST if answer == COMMENT else None,
                                         prefix=COMMENT)
        self.form = self.sign_form if answer == SIGN else self.comment_form
        self.kind = ResponseKind.SIGNED if answer == SIGN else ResponseKind.COMMENT

    def ready(self, version, *, none_yet: str) -> bool:
        """Posted and valid, with a version to answer (else ``none_yet`` on the form)."""
        if not self.posted:
            return False
        if version is None:
            self.form.add_error(None, none_yet)
            return False
        return self.form.is_valid()

    @property
    def comment(self) -> str:
        return self.form.cleaned_data.get("comment", "")

    @property
    def status(self) -> int:
        """A page shown again after a post shows why: 400."""
        return 400 if self.posted else 200

    def forms(self) -> dict:
        return {"sign_form": self.sign_form, "comment_form": self.comment_form}

    def thank(self, request, response, *, commented: str) -> None:
        """Say what was saved: the signature's time, or ``commented``."""
        if self.kind == ResponseKind.SIGNED:
            at = timezone.localtime(response.at)
            messages.success(request, _("Takk! Du signerte planen %(date)s klokka %(time)s.")
                             % {"date": norwegian_date(at.date()), "time": at.strftime("%H.%M")})
        else:
            messages.success(request, commented)
