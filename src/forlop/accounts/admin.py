from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from forlop.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class ForlopUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
