from django.urls import path

from forlop.access import views

app_name = "access"
urlpatterns = [
    path("forlop/<int:pk>/samtykke/", views.pathway_consents, name="pathway_consents"),
    path("forlop/<int:pk>/samtykke/<int:consent_id>/trekk-tilbake/",
         views.pathway_consent_revoke, name="pathway_consent_revoke"),
    path("forlop/<int:pk>/tilgangslogg/", views.pathway_log, name="pathway_log"),
    path("pasientsok/", views.patient_search, name="patient_search"),
    path("naudtilgang/", views.break_glass, name="break_glass"),
    path("leder/naudtilgang/", views.review_list, name="review_list"),
    path("leder/naudtilgang/<int:item_id>/", views.review_item, name="review_item"),
    path("tilgang/roller/", views.roles, name="roles"),
    path("tilgang/roller/<int:assignment_id>/avslutt/", views.role_end, name="role_end"),
]
