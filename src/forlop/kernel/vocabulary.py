"""The fixed vocabulary of the kernel: pathway keys, event keys, outcomes, clocks.

Rule sets (data files) give these words their national codes and limits; the words
themselves are part of the kernel's contract with callers, so they live in code.
"""

PATHWAY_KEYS = (
    "voksne",
    "barn_unge",
    "tsb",
    "psykose",
    "spiseforstyrrelser",
    "ocd",
    "gravide",
)
SETTINGS = ("outpatient", "inpatient")
SEVERITIES = ("serious", "less_serious")

EVENT_KEYS = (
    "referral_received",
    "referral_assessed",
    "pathway_start",
    "first_attendance",
    "detox_completed",
    "treatment_started",
    "clinical_decision",
    "treatment_plan",
    "evaluation",
    "patient_delay",
    "transfer_out",
    "transfer_in",
    "help_needs_at_closure",
    "feedback_tool_used",
    "pathway_end",
    "setting_change",
)
# Events the kernel keeps that are no national measurement point: they have no code
# in the rule sets and are never reported to NPR (setting_change: ADR 12).
LOCAL_EVENTS = frozenset({"setting_change"})
# The events every rule set must give a code entry.
CODED_EVENT_KEYS = tuple(key for key in EVENT_KEYS if key not in LOCAL_EVENTS)
# Referral events may be dated before pathway_start (the start may be the assessment day).
REFERRAL_EVENTS = frozenset({"referral_received", "referral_assessed"})
# Events whose outcome is mandatory; every other event must not carry one.
OUTCOME_EVENTS = frozenset({"referral_assessed", "clinical_decision", "pathway_end"})
REFERRAL_OUTCOMES = ("right_granted", "not_granted")

CLINICAL_DECISIONS = ("CU", "CP", "CT", "CS", "CK", "CA", "CI")
EXTENDED_ASSESSMENT = "CU"
# Decisions that continue treatment in specialist care, so evaluation points apply.
# CK, CA and CI hand follow-up to others; the pathway is then expected to close.
TREATMENT_DECISIONS = ("CP", "CT", "CS")
CLOSURE_OUTCOMES = (
    "completed",
    "transferred_other_trust",
    "transferred_contracted_specialist",
    "no_right_to_care",
    "patient_withdrew",
    "died",
)

# Clock name -> unit used when no limit says otherwise.
CLOCKS = {
    "referral_to_assessment": "working_days",
    "referral_to_first_attendance": "calendar_days",
    "ocd_team_referral_to_first_attendance": "calendar_days",
    "first_attendance_to_clinical_decision": "calendar_days",
    "detox_to_treatment": "calendar_days",
    "clinical_decision_to_first_evaluation": "calendar_days",
    "evaluation_interval": "calendar_days",
}
# The legal assessment clock applies to every pathway type, whatever the data lists.
UNIVERSAL_CLOCKS = ("referral_to_assessment",)

START_RULES = ("referral_received", "referral_assessed_right_granted")
CATALOG_BASES = ("national", "secondary")
UNITS = ("calendar_days", "working_days")

# Patient delay (code L) only counts when the postponement exceeds this many working days.
PATIENT_DELAY_MIN_WORKING_DAYS = 7
