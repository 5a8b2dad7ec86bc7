from django.urls import path

from forlop.indicators import views

app_name = "indicators"
urlpatterns = [
    path("indikatorer/", views.dashboard, name="dashboard"),
    path("indikatorer/eksport.xlsx", views.export_tables, {"fmt": "xlsx"}, name="export_xlsx"),
    path("indikatorer/eksport.csv", views.export_tables, {"fmt": "csv"}, name="export_csv"),
    path("indikatorer/forlop/", views.pathways, name="pathways"),
    path("indikatorer/forlop/eksport.xlsx", views.export_pathways, {"fmt": "xlsx"},
         name="pathways_xlsx"),
    path("indikatorer/forlop/eksport.csv", views.export_pathways, {"fmt": "csv"},
         name="pathways_csv"),
]
