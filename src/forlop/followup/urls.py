from django.urls import path

from forlop.followup import views

app_name = "followup"

urlpatterns = [
    path("individuell-plan/<int:patient>/", views.plan, name="plan"),
    path("individuell-plan/<int:patient>/endre/", views.plan_edit, name="edit"),
    path("min-side/individuell-plan/", views.own_plan, name="own_plan"),
    path("forlop/<int:pk>/oppfolgingsplan/", views.handover, name="handover"),
    path("forlop/<int:pk>/oppfolgingsplan/bekreft/", views.confirm, name="confirm"),
    path("oppfolgingsplaner/", views.awaiting, name="awaiting"),
]
