from django.urls import path

from forlop.intake import views

app_name = "intake"
urlpatterns = [
    path("henvisninger/", views.referral_list, name="list"),
    path("henvisninger/ny/", views.register, name="register"),
    path("henvisninger/<int:referral_id>/vurder/", views.assess, name="assess"),
]
