from django.urls import path

from forlop.pathways import views

urlpatterns = [
    path("forlop/<int:pk>/", views.pathway_detail, name="pathway_detail"),
]
