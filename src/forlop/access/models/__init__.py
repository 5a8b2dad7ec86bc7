from forlop.access.models.break_glass import BreakGlass
from forlop.access.models.care_team import CareTeamMember
from forlop.access.models.consent import Consent, ConsentScope, Participant
from forlop.access.models.log import AccessLogEntry, Action, Basis, ImmutableLogError, Outcome
from forlop.access.models.restriction import Restriction

__all__ = ["AccessLogEntry", "Action", "Basis", "BreakGlass", "CareTeamMember", "Consent",
           "ConsentScope", "ImmutableLogError", "Outcome", "Participant", "Restriction"]
