"""Routes of /api/v1/."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from . import views
from .text import SourceTextView


class Router(DefaultRouter):
    """The default router without ``.json``-style suffix routes (``?format=`` does that)."""

    include_format_suffixes = False


router = Router()
router.register("regions", views.RegionViewSet, basename="region")
router.register("bodies", views.BodyViewSet, basename="body")
router.register("sources", views.SourceViewSet, basename="source")
router.register("reports", views.ReportViewSet, basename="report")
router.register("agenda-items", views.AgendaItemViewSet, basename="agendaitem")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("statistics", views.StatisticViewSet, basename="statistic")
router.register("import-runs", views.ImportRunViewSet, basename="importrun")

urlpatterns = [
    path("sources/<int:pk>/text", SourceTextView.as_view(), name="source-text"),
    *router.urls,
    re_path(r"^[\s\S]*$", views.NotFoundView.as_view(), name="api-not-found"),
]
