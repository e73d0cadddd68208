"""GET /healthz: 200 when the database answers, 503 when it does not."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .database import ctype_supports_chinese_search, postgres_ctype


@never_cache
@require_GET
def healthz(request):
    """Report whether the database is reachable and fit for Chinese search."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        ctype = postgres_ctype()
    except DatabaseError as error:
        return JsonResponse({"status": "unavailable", "database": "unreachable", "error": str(error)}, status=503)
    body = {"status": "ok", "database": connection.vendor}
    if ctype is not None:
        body["ctype"] = ctype
        if not ctype_supports_chinese_search(ctype):
            body["warnings"] = ["LC_CTYPE is not UTF-8: Chinese trigram search cannot use its index"]
    return JsonResponse(body)
