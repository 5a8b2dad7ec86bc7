from django.urls import path

from forlop.pathways import views
from forlop.pathways.moves import views as moves

urlpatterns = [
    path("forlop/<int:pk>/", views.pathway_detail, name="pathway_detail"),
    path("forlop/<int:pk>/overfor/", moves.transfer, name="pathway_transfer"),
    path("forlop/<int:pk>/flytt/", moves.move, name="pathway_move"),
    path("forlop/<int:pk>/omsorgsniva/", moves.change_setting, name="pathway_setting"),
]
