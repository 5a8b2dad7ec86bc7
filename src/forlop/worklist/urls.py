from django.urls import path

from forlop.worklist import views

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("arbeidsliste/visninger/", views.saved_views, name="worklist_saved_views"),
    path("arbeidsliste/visninger/ny/", views.saved_view_new, name="worklist_saved_view_new"),
    path("arbeidsliste/visninger/<int:view_id>/slett/", views.saved_view_delete,
         name="worklist_saved_view_delete"),
    path("arbeidsliste/koordinatorer/", views.caseload, name="worklist_caseload"),
    path("arbeidsliste/koordinatorer/bytt/", views.reassign, name="worklist_reassign"),
]
