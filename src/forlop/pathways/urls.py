from django.urls import path

from forlop.pathways import views
from forlop.pathways.moves import views as moves

urlpatterns = [
    path("forlop/<int:pk>/", views.pathway_detail, name="pathway_detail"),
    path("forlop/<int:pk>/hendelser/", views.pathway_register, name="pathway_register"),
    path("forlop/<int:pk>/hendelser/<int:event_id>/korriger/", views.pathway_correct,
         name="pathway_correct"),
    path("forlop/<int:pk>/overfor/", moves.transfer, name="pathway_transfer"),
    path("forlop/<int:pk>/flytt/", moves.move, name="pathway_move"),
    path("forlop/<int:pk>/omsorgsniva/", moves.change_setting, name="pathway_setting"),
]
