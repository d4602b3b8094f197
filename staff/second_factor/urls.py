from django.contrib import admin
from django.urls import path

from staff.second_factor import views

app_name = "second_factor"

# Inside the admin's address, behind its sign-in (admin_view) but before the second factor.
urlpatterns = [
    path("", admin.site.admin_view(views.verify), name="verify"),
    path("security/", admin.site.admin_view(views.security), name="security"),
    path(
        "security/recovery-codes/",
        admin.site.admin_view(views.new_recovery_codes),
        name="new-recovery-codes",
    ),
    path(
        "security/remove/<path:persistent_id>",
        admin.site.admin_view(views.remove_factor),
        name="remove",
    ),
]
