from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from forlop.worklist.presenters import Labels, WorklistRow
from forlop.worklist.selectors import worklist_for


@login_required
def worklist(request):
    """The unit's open pathways, most urgent first (the first worklist)."""
    today = timezone.localdate()
    page = Paginator(worklist_for(request.user), settings.WORKLIST_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    labels = Labels.current()
    rows = [WorklistRow.from_state(state, today, labels) for state in page.object_list]
    return render(request, "worklist/worklist.html", {"page": page, "rows": rows})
