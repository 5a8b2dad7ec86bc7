"""CSV files for the import tests, with synthetic identities."""

import random

from forlop.kernel.identifiers import generate_synthetic_person

HEADER = ("pathway_ref,unit_resh,patient_identifier,patient_name,type,setting,event,date,"
          "outcome,together_with_patient,standardised_tool,user_involved")
_rng = random.Random(4711)


def person() -> str:
    return generate_synthetic_person(_rng)[0]


def pathway_rows(ref, resh, identifier, *, closed=False, name="Ola Import"):
    rows = [f"{ref},{resh},{identifier},{name},tsb,outpatient,referral_received,2024-01-02,,,,",
            f"{ref},,,,,,referral_assessed,2024-01-05,right_granted,,,",
            f"{ref},,,,,,pathway_start,2024-01-05,,,,",
            f"{ref},,,,,,first_attendance,2024-01-15,,,,",
            f"{ref},,,,,,clinical_decision,2024-01-30,CT,,,",
            f"{ref},,,,,,treatment_plan,2024-02-05,,ja,,",
            f"{ref},,,,,,evaluation,2024-02-20,,,ja,nei"]
    if closed:
        rows.append(f"{ref},,,,,,pathway_end,2024-04-01,completed,,,")
    return rows


def write_csv(path, rows) -> str:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)
