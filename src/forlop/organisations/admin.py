from django.contrib import admin

from forlop.organisations.models import (
    GpOffice,
    HealthTrust,
    Municipality,
    RegionalHealthAuthority,
    Unit,
)

admin.site.register(RegionalHealthAuthority)
admin.site.register(HealthTrust, list_display=["name", "kind", "region", "org_number",
                                              "agreement_from", "agreement_to"])
admin.site.register(Unit, list_display=["name", "trust", "resh_id"])
admin.site.register(Municipality, list_display=["name", "number", "coordinating_unit_name"])
admin.site.register(GpOffice, list_display=["name", "municipality"])
