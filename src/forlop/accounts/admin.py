from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from forlop.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    """Read-only: roles open patient records, so they are granted and ended on the
    access administrator's page (``access:roles``), which logs every change."""

    model = RoleAssignment
    extra = 0
    readonly_fields = ("role", "unit", "municipality", "gp_office", "valid_from", "valid_to")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class ForlopUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
