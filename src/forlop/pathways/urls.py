from django.urls import path

from forlop.pathways import views

urlpatterns = [
    path("forlop/<int:pk>/", views.pathway_detail, name="pathway_detail"),
    path("forlop/<int:pk>/hendelser/", views.pathway_register, name="pathway_register"),
    path("forlop/<int:pk>/hendelser/<int:event_id>/korriger/", views.pathway_correct,
         name="pathway_correct"),
]
