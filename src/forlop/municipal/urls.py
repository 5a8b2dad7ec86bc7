from django.urls import path

from forlop.municipal import views

app_name = "municipal"

urlpatterns = [
    path("kommune/", views.home, name="home"),
    path("kommune/koordinerende-enhet/", views.coordinating_unit, name="unit"),
    path("kommune/koordinerende-enhet/oppnevn/", views.appoint, name="appoint"),
    path("kommune/koordinerende-enhet/meldinger/<int:notice_id>/", views.notice, name="notice"),
    path("kommune/melding-om-behov/", views.notice_new, name="notice_new"),
    path("kommune/tidlig-varsel/", views.early_flag, name="early_flag"),
    path("forlop/<int:pk>/melding-om-behov/", views.pathway_notice, name="pathway_notice"),
]
