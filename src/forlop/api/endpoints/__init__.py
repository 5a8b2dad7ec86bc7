"""The API's endpoints by topic; each module has one ninja ``router``."""

from forlop.api.endpoints import consents, pathways, referrals, worklist

ROUTERS = [referrals.router, pathways.router, consents.router, worklist.router]
