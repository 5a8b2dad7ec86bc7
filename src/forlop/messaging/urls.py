from django.urls import path

from forlop.messaging import views

app_name = "messaging"
urlpatterns = [
    path("meldinger/", views.inbox, name="inbox"),
    path("meldinger/<int:message_id>/", views.detail, name="detail"),
    path("meldinger/<int:message_id>/dokument/", views.document, name="document"),
]
