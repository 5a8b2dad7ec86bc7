from django.urls import path, re_path

from forlop.fhir import views

# Only metadata and the EpisodeOfCare read are named: the URL x persona matrix walks
# named routes, and the pathway read is the one it can walk on every pathway (the
# generic routes are walked by tests/fhir).
urlpatterns = [
    path("fhir/R4/metadata", views.metadata, name="fhir-metadata"),
    path("fhir/R4/", views.batch),
    path("fhir/R4/$export", views.export_kick_off),
    path("fhir/R4/$export-status/<str:job_id>", views.export_status),
    path("fhir/R4/$export-file/<str:job_id>/<path:path>", views.export_file),
    path("fhir/R4/EpisodeOfCare/<int:pk>", views.read_episode, name="fhir-episode"),
    path("fhir/R4/<str:rtype>", views.search),
    path("fhir/R4/<str:rtype>/<str:rid>", views.read),
    re_path(r"^fhir/(?P<rest>.*)$", views.unknown),
]
