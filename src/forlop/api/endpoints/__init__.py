"""The API's endpoints by topic; each module has one ninja ``router``."""

from forlop.api.endpoints import (
    actions,
    consents,
    indicators,
    pathways,
    reference,
    referrals,
    worklist,
)

ROUTERS = [referrals.router, pathways.router, actions.router, consents.router,
           worklist.router, indicators.router, reference.router]
