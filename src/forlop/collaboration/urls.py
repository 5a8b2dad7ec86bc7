from django.urls import path

from forlop.collaboration import views

app_name = "collaboration"

urlpatterns = [
    path("forlop/<int:pk>/parorende/", views.relatives, name="relatives"),
    path("forlop/<int:pk>/evaluering/", views.evaluation, name="evaluation"),
    path("forlop/<int:pk>/samarbeidsmoter/", views.meeting_new, name="meeting_new"),
    path("forlop/<int:pk>/samarbeidsmoter/<int:meeting_id>/", views.meeting, name="meeting"),
    path("forlop/<int:pk>/avslutning/", views.closure, name="closure"),
]
