"""The documentation pages, served with local assets only (drf-spectacular-sidecar)."""

from drf_spectacular.views import SpectacularRedocView


class RedocView(SpectacularRedocView):
    """Redoc without the Google web fonts of drf-spectacular's default template."""

    template_name = "api/redoc.html"
