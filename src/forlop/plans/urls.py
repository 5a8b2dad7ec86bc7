from django.urls import path

from forlop.plans import views

app_name = "plans"

urlpatterns = [
    path("forlop/<int:pk>/behandlingsplan/", views.plan, name="plan"),
    path("forlop/<int:pk>/behandlingsplan/endre/", views.plan_edit, name="edit"),
    path("forlop/<int:pk>/behandlingsplan/versjoner/", views.plan_versions, name="versions"),
    path("forlop/<int:pk>/behandlingsplan/mote/", views.plan_meeting, name="meeting"),
    path("min-side/forlop/<int:pk>/behandlingsplan/", views.own_plan, name="own_plan"),
    path("min-side/forlop/<int:pk>/egenrapport/", views.self_report, name="self_report"),
    path("parorende/forlop/<int:pk>/", views.shared_plan, name="shared"),
]
