from django.urls import path

from forlop.worklist import views, workspace

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("arbeidsliste/visninger/", workspace.saved_views, name="worklist_saved_views"),
    path("arbeidsliste/visninger/ny/", workspace.saved_view_new, name="worklist_saved_view_new"),
    path("arbeidsliste/visninger/<int:view_id>/slett/", workspace.saved_view_delete,
         name="worklist_saved_view_delete"),
    path("arbeidsliste/koordinatorer/", workspace.caseload, name="worklist_caseload"),
    path("arbeidsliste/koordinatorer/bytt/", workspace.reassign, name="worklist_reassign"),
]
