"""One module per resource type: ``read(request, rid)`` and ``search(request, query,
page)`` (resources of the page, total). ``TYPES`` is what the server supports, and
the CapabilityStatement is built from it."""

from forlop.fhir.endpoints import (
    audit_event,
    care_plan,
    consent,
    encounter,
    episode,
    organization,
    patient,
    practitioner,
    questionnaire_response,
    task,
)

TYPES = {m.TYPE: m for m in (patient, organization, practitioner, episode, encounter, task,
                             care_plan, consent, audit_event, questionnaire_response)}
