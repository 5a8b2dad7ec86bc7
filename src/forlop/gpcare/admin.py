from django.contrib import admin

from forlop.gpcare.models import UnitContact


@admin.register(UnitContact)
class UnitContactAdmin(admin.ModelAdmin):
    list_display = ("unit", "phone", "hours")
