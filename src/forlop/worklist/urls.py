from django.urls import path

from forlop.worklist import views

urlpatterns = [
    path("", views.worklist, name="worklist"),
]
