"""The treatment plan made with the patient: versioned plans, the patient's
co-signature (the evidence behind the user-involvement measurement point), the
patient's self-report before an evaluation, and what a relative may read of the
plan and tell the clinician (docs/care-plans.md)."""
