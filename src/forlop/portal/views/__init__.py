"""Min side (the patient's own pages) and the relative's page."""

from forlop.portal.views.consents import consent_revoke, consents
from forlop.portal.views.record import access_log, home, shared
from forlop.portal.views.restrictions import restriction_lift, restrictions

__all__ = ["access_log", "consent_revoke", "consents", "home", "restriction_lift",
           "restrictions", "shared"]
