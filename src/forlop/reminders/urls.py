from django.urls import path

from forlop.reminders import views

app_name = "reminders"
urlpatterns = [
    path("varsler/", views.notices, name="notices"),
]
