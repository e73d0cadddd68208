"""Model fields of the reports app."""

from __future__ import annotations

from django.db import models

from .bigrams import PARITIES, array_binary, array_text, bigram_codes, parity, take_ahead


def _postgresql(connection) -> bool:
    return connection.vendor == "postgresql"


class SearchBigramsField(models.Field):
    """The bigram codes (reports/bigrams.py) of other fields of the row, of one half (``half``,
    of ``bigrams.PARITIES``), kept for search: a row has a field for each half over the same
    sources (``search_pair_fields``).

    Computed from ``source_fields`` whenever Django writes the row: ``save()``,
    ``bulk_create()`` and reports/bulk.py's ``bulk_insert()`` (all call ``pre_save``);
    ``bulk_update()`` does not, so
    its callers list this field with the ones they changed (``fields_to_refresh``).
    PostgreSQL stores ``integer[]`` under a GIN index; other databases store
    NULL, since their search is a plain ``LIKE`` scan anyway. The attribute holds
    the codes as a sequence of ints: a list, or an ``array('i')`` when an import's
    worker computed them.
    """

    description = "Character bigrams of other fields, for search (PostgreSQL)"

    def __init__(self, *args, source_fields: tuple[str, ...] = (), half: int = 0, **kwargs):
        if half not in PARITIES:
            raise ValueError(f"half must be one of {PARITIES}, not {half!r}")
        self.source_fields = tuple(source_fields)
        self.half = half
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source_fields"] = self.source_fields
        kwargs["half"] = self.half
        return name, path, args, kwargs

    def db_type(self, connection) -> str:
        return "integer[]" if _postgresql(connection) else "text"

    def compute(self, instance) -> list[int]:
        return bigram_codes((getattr(instance, name) for name in self.source_fields), self.half)

    def pre_save(self, model_instance, add):
        """The row's codes, set on it and returned: computed, or taken from those an import's
        worker computed ahead for the same texts (reports/bigrams.py)."""
        codes = take_ahead([getattr(model_instance, name) for name in self.source_fields], self.half)
        if codes is None:
            codes = self.compute(model_instance)
        setattr(model_instance, self.attname, codes)
        return codes

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None or not _postgresql(connection):
            return None
        # PostgreSQL's array text, not a Python list: psycopg2 spells a list as ARRAY[c1, c2, …],
        # which PostgreSQL parses constant by constant (hundreds per item: an import took twice as long).
        return array_text(value)

    def copy_binary(self, value, connection) -> bytes | None:
        """The column's value in COPY's binary format (reports/bulk.py), from what ``pre_save`` returned."""
        if value is None or not _postgresql(connection):
            return None
        return array_binary(value)

    def fields_to_refresh(self, changed: set[str]) -> set[str]:
        """``{self.name}`` when ``changed`` includes a source field, else nothing (for ``bulk_update``)."""
        return {self.name} if changed & set(self.source_fields) else set()


def search_pair_fields(model, source_fields: tuple[str, ...]) -> tuple[SearchBigramsField, ...]:
    """The fields of ``model`` holding the pairs of ``source_fields``, one per half, in the order of
    ``PARITIES`` (a code's field: ``fields[parity(code)]``)."""
    found = {
        field.half: field
        for field in model._meta.concrete_fields
        if isinstance(field, SearchBigramsField) and field.source_fields == tuple(source_fields)
    }
    if sorted(found) != list(PARITIES):
        raise LookupError(f"{model.__name__} has no pair field for every half of {source_fields}")
    return tuple(found[half] for half in PARITIES)


def field_of_pair(fields: tuple[SearchBigramsField, ...], code: int) -> SearchBigramsField:
    """Of ``search_pair_fields``, the one that holds ``code``."""
    return fields[parity(code)]


@SearchBigramsField.register_lookup
class ContainsBigrams(models.Lookup):
    """``<pairs field>__contains_all=[codes]``: the row has every one of these codes (PostgreSQL ``@>``)."""

    lookup_name = "contains_all"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if not _postgresql(connection):
            raise NotImplementedError("search bigrams are stored on PostgreSQL only")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @> {rhs}::integer[]", [*lhs_params, *rhs_params]
