"""How a plan page calls a write service: the same for the treatment plan and the
individual plan (``forlop.followup.views``)."""

from __future__ import annotations

from django.http import Http404

from forlop.access.authorize import NotPermitted
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.presenters.kernel_errors import error_text


def attempt(form, refused: tuple[type[Exception], ...], service, /, **arguments):
    """``service(**arguments)``'s result, or None when it refused: each refusal (one of
    ``refused``) is put on ``form`` in words for the person who tried. A service that
    finds the actor may not is a 404, as a page the guard refused would be."""
    try:
        return service(**arguments)
    except NotPermitted as exc:
        raise Http404 from exc
    except refused as refusal:
        for text in _texts(refusal):
            form.add_error(None, text)
    return None


def _texts(refusal: Exception) -> list[str]:
    if isinstance(refusal, PathwayRuleError):
        return [error_text(error) for error in refusal.errors]
    return [str(refusal)]
