"""Writes. Each service takes keyword-only arguments and an explicit actor (``by``),
runs in one transaction, asks the kernel first and saves nothing when it refuses."""

from forlop.pathways.services.close import close_pathway
from forlop.pathways.services.correct import correct_event
from forlop.pathways.services.move import MoveRefused, move_pathway
from forlop.pathways.services.register import register_event
from forlop.pathways.services.setting import change_setting
from forlop.pathways.services.start import start_pathway
from forlop.pathways.services.transfer import transfer_pathway

__all__ = [
    "MoveRefused",
    "change_setting",
    "close_pathway",
    "correct_event",
    "move_pathway",
    "register_event",
    "start_pathway",
    "transfer_pathway",
]
