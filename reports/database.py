"""Facts about the database connection that the app depends on."""

from __future__ import annotations

from django.db import connection


def postgres_ctype() -> str | None:
    """Return the PostgreSQL database's LC_CTYPE, or None on other databases."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def ctype_supports_chinese_search(ctype: str | None) -> bool:
    """pg_trgm extracts no trigrams from CJK text unless the character type is UTF-8 aware."""
    if ctype is None:
        return True
    return ctype not in {"C", "POSIX"} and "utf" in ctype.lower().replace("-", "")
