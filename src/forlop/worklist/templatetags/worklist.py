"""``{% worklist_rows rows label %}``: the rows of the worklist table, rendered by the
Jinja2 engine (see ``jinja2/worklist/rows.html`` for why)."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def worklist_rows(rows, local_norm_label: str):
    rows_template = engines["jinja2"].get_template("worklist/rows.html")
    # Jinja2 escaped every value (autoescape is on in its engine): the markup is safe.
    return mark_safe(rows_template.render({"rows": rows, "local_norm_label": local_norm_label}))  # noqa: S308


@register.simple_tag
def worklist_filters(controls, not_used: str):
    fragment = engines["jinja2"].get_template("worklist/filters.html")
    # Jinja2 escaped every value (autoescape is on in its engine): the markup is safe.
    return mark_safe(fragment.render({"controls": controls, "not_used": not_used}))  # noqa: S308
