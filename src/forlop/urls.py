from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The JSON API (docs/api.md) and FHIR first: their reads are the busiest requests
    # systems send, and URL resolution tries the patterns in order.
    path("api/", include("forlop.api.urls")),
    path("", include("forlop.fhir.urls")),
    path("", include("forlop.worklist.urls")),
    path("", include("forlop.pathways.urls")),
    path("", include("forlop.access.urls")),
    path("", include("forlop.intake.urls")),
    path("", include("forlop.portal.urls")),
    path("", include("forlop.plans.urls")),
    path("", include("forlop.accounts.urls")),
    path("", include("forlop.reminders.urls")),
    path("", include("forlop.npr.urls")),
    path("", include("forlop.indicators.urls")),
    path("", include("forlop.collaboration.urls")),
    path("", include("forlop.messaging.urls")),
    path("", include("forlop.followup.urls")),
    path("", include("forlop.municipal.urls")),
    path("", include("forlop.gpcare.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in through our sign-in (second factor, lockout), never its own form.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]
