from django.urls import path

from forlop.gpcare import views

app_name = "gpcare"

urlpatterns = [
    path("fastlege/", views.home, name="home"),
    path("fastlege/konsultasjoner/ny/", views.consultation_new, name="consultation_new"),
    path("konsultasjoner/", views.consultation_list, name="consultations"),
    path("konsultasjoner/<int:consultation_id>/", views.consultation, name="consultation"),
    path("forlop/<int:pk>/tilbakemelding/", views.send_feedback, name="feedback"),
]
