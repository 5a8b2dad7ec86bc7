"""The kernel's refusals of an assessment, as nb/nn text next to a form field.

The text of each refusal is the one the pathway page shows
(``pathways.presenters.kernel_errors``, stated once); this module only says which
field of the assessment form each code belongs to.
"""

from __future__ import annotations

from forlop.pathways.presenters.kernel_errors import error_text

# code -> the assessment form's field (others: the form as a whole)
FIELDS = {
    "future_date": "assessed_on",
    "assessed_before_received": "assessed_on",
    "before_pathway_start": "assessed_on",
    "no_ruleset": "assessed_on",
    "severity_required": "severity",
    "unknown_severity": "severity",
    "unknown_pathway_type": "type",
    "unknown_setting": "setting",
}


def field_errors(errors) -> dict[str, list[str]]:
    """Kernel errors as ``{field: [message, ...]}`` for a ``ValidationError``; codes not
    named above go to the form as a whole (``__all__``)."""
    out: dict[str, list[str]] = {}
    for error in errors:
        field, message = FIELDS.get(error.code, "__all__"), error_text(error)
        if message not in out.setdefault(field, []):
            out[field].append(message)
    return out
