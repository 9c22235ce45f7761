from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from deals.roles import is_admin
from newsroom.health import healthz

admin.site.site_header = "Dealdesk administration"
admin.site.site_title = "Dealdesk admin"
admin.site.site_url = "/"


def _admin_role_only(request) -> bool:
    """The Django admin is for the admin role (and superusers), whatever is_staff says."""
    return request.user.is_active and is_admin(request.user)


admin.site.has_permission = _admin_role_only

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("", include("deals.urls")),
]
