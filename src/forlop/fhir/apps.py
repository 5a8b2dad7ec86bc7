from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "forlop.fhir"
    label = "fhir"
    verbose_name = "FHIR R4"
