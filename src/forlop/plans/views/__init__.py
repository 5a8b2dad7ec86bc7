"""The plan pages: staff (plan, edit, versions, meeting), the patient on Min side
(read and co-sign, self-report) and the relative (what the consent shares, and a
message for the clinician). Every page goes through ``access.guards``."""

from forlop.plans.views.own import own_plan, self_report
from forlop.plans.views.shared import shared_plan
from forlop.plans.views.staff import plan, plan_edit, plan_meeting, plan_versions

__all__ = ["own_plan", "plan", "plan_edit", "plan_meeting", "plan_versions", "self_report",
           "shared_plan"]
