"""The pathway page and the registrations made from it."""

from forlop.pathways.views.correct import pathway_correct
from forlop.pathways.views.detail import pathway_detail
from forlop.pathways.views.register import pathway_register

__all__ = ["pathway_correct", "pathway_detail", "pathway_register"]
