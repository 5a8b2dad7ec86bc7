"""``{{ unit|unit_place }}`` and ``{{ trust|trust_kind }}`` (organisations.presenters)."""

from django import template

from forlop.organisations import presenters

register = template.Library()
register.filter("unit_place", presenters.unit_place)
register.filter("trust_kind", presenters.trust_kind)
