"""Admin is for reference data and support. Patient data is not browsable here:
the admin cannot scope by need-to-know, so pathways, patients and events stay out."""

from django.contrib import admin

from forlop.pathways.models import LocalNorm

admin.site.register(LocalNorm, list_display=["trust", "pathway_type", "clock", "setting", "days"])
