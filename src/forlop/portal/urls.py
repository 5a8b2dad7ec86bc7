from django.urls import path

from forlop.portal import views

app_name = "portal"

urlpatterns = [
    path("min-side/", views.home, name="home"),
    path("min-side/logg/", views.access_log, name="log"),
    path("min-side/samtykke/", views.consents, name="consents"),
    path("min-side/samtykke/<int:consent_id>/trekk-tilbake/", views.consent_revoke,
         name="consent_revoke"),
    path("min-side/sperring/", views.restrictions, name="restrictions"),
    path("min-side/sperring/<int:restriction_id>/opphev/", views.restriction_lift,
         name="restriction_lift"),
    path("parorende/", views.shared, name="shared"),
]
