from django.urls import path

from forlop.npr import views

app_name = "npr"
urlpatterns = [
    path("npr/retting/", views.fix_list, name="fix_list"),
]
