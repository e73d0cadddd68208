"""System checks run at start-up (runserver, migrate, check)."""

from django.core.checks import Warning, register
from django.db import DatabaseError

from .database import ctype_supports_chinese_search, postgres_ctype


@register("database")
def check_postgres_ctype(app_configs=None, databases=None, **kwargs):
    """Warn when PostgreSQL's LC_CTYPE makes pg_trgm blind to Chinese text."""
    if not databases or "default" not in databases:
        return []
    try:
        ctype = postgres_ctype()
    except DatabaseError:
        return []  # an unreachable database is reported by the command that needs it
    if ctype_supports_chinese_search(ctype):
        return []
    return [
        Warning(
            f"The PostgreSQL database has LC_CTYPE={ctype!r}: pg_trgm finds no trigrams in Chinese "
            "text, so search (q=) falls back to slow sequential scans.",
            hint="Create the database with a UTF-8 locale, e.g. "
            "CREATE DATABASE rdapi TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'.",
            id="reports.W001",
        )
    ]
