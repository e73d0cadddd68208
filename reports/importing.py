"""Extraction records → database rows. The only module that knows both sides.

Rows are matched by natural keys (source name; report, agenda-item and
statistic keys within their parent; body key), so re-importing a changed file
updates rows in place and keeps their ids. Fields listed in a row's
``edited_fields`` belong to the editor: the importer never writes them, and
records an ImportConflict when it extracted something else.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal

from django.db import IntegrityError, connections, models, router, transaction

from .bulk import assign_keys, bulk_insert
from .extraction.divisions import division_chain
from .extraction.records import AgendaItemRecord, BodyRecord, DocumentRecord, ReportRecord, StatisticRecord
from .fields import SearchBigramsField
from .models import AgendaItem, Body, ImportConflict, ImportRun, Indicator, Region, Report, Source, Statistic

# Bodies whose region identifies them: one record per kind and region,
# however the title spells the name.
_ONE_PER_REGION = {"npc_sc", "npc", "cppcc_sc", "cppcc", "party_committee"}


@dataclass
class RowCounts:
    """Rows created, updated and deleted while storing one file."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept_edited: int = 0  # rows no longer extracted but kept because an editor touched them

    def add(self, other: RowCounts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.kept_edited += other.kept_edited


@dataclass
class RowCache:
    """Shared rows a run has already looked up: bodies by natural key, regions by code.

    The importer clears it when a transaction fails, so it never holds a row that a
    rollback removed. ``divisions`` (region code -> its GB/T 2260 chain, worked out by
    the extraction workers: reports/prepared.py) holds no rows and stays.
    """

    bodies: dict[str, Body] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    divisions: dict[str, list] = field(default_factory=dict)

    def clear(self) -> None:
        self.bodies.clear()
        self.regions.clear()


@dataclass
class StoreContext:
    """What row writers share while storing one file."""

    run: ImportRun
    counts: RowCounts = field(default_factory=RowCounts)
    conflicts: list[ImportConflict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    known_indicators: set[str] | None = None  # codes in the catalogue; read once when not given
    # Bodies and regions shared by every file of a run.
    cache: RowCache = field(default_factory=RowCache)
    # True while storing a source that was not stored before: it has no rows to
    # match, so the queries for existing rows are skipped.
    new_source: bool = False
    # Where new rows wait to be written with a whole batch's (UnwrittenRows); None: each
    # file's rows are written as it is stored.
    unwritten: UnwrittenRows | None = None


class UnwrittenRows:
    """New rows given their keys ahead (``bulk.assign_keys``) and held, to be written together:
    one COPY per model for a report's items of every tree level, or for a batch of files.

    Every statement costs PostgreSQL and the storing process a fixed fraction of a
    millisecond, and files were written with about six each (bench/findings.md). Foreign
    keys are checked at the commit, so a row may be written before the row it points to.
    """

    # The order in which they were written file by file: a parent's rows before its children's.
    ORDER = (Source, Report, AgendaItem, Statistic)

    def __init__(self) -> None:
        self._rows: dict[type[models.Model], list[models.Model]] = {}

    def hold(self, model: type[models.Model], rows: list[models.Model]) -> bool:
        """Give ``rows`` their keys and keep them to be written; False (nothing kept) where keys
        come only from the insert (off PostgreSQL): the caller writes them itself."""
        if not assign_keys(model, rows):
            return False
        self._rows.setdefault(model, []).extend(rows)
        return True

    def write(self) -> None:
        """Insert the rows held, one ``bulk_insert`` per model, and forget them."""
        order = {model: position for position, model in enumerate(self.ORDER)}
        for model in sorted(self._rows, key=lambda model: order.get(model, len(order))):
            bulk_insert(model, self._rows[model])
        self._rows.clear()


def store_document(name: str, sha256: str, document: DocumentRecord, ctx: StoreContext, version: str) -> Source:
    """Write ``document`` as the source called ``name``; the caller holds the transaction."""
    if ctx.known_indicators is None:
        ctx.known_indicators = set(Indicator.objects.values_list("code", flat=True))
    source = _store_source(name, sha256, document, version, ctx)
    existing = {} if ctx.new_source else {report.key: report for report in Report.objects.filter(source=source)}
    wanted = {record.key: _report_fields(record, source, ctx) for record in document.reports}
    reports = RowSync(Report, ctx).apply(existing, wanted, keep=_report_is_edited)
    for record in document.reports:
        if record.key in reports:
            _store_report_children(reports[record.key], record, ctx)
    ImportConflict.objects.bulk_create(ctx.conflicts)
    return source


def _store_source(name: str, sha256: str, document: DocumentRecord, version: str, ctx: StoreContext) -> Source:
    values = {
        "sha256": sha256,
        "length": len(document.text),
        "encoding": document.encoding,
        "text": document.text,
        "metadata": document.metadata,
        "extractor_version": version,
    }
    if ctx.new_source:
        source, created = Source(name=name, **values), True
        if ctx.unwritten is None or not ctx.unwritten.hold(Source, [source]):
            source.save(force_insert=True)
    else:
        source, created = Source.objects.update_or_create(name=name, defaults=values)
    if created:
        ctx.counts.created += 1
    else:
        ctx.counts.updated += 1
    return source


def _report_fields(record: ReportRecord, source: Source, ctx: StoreContext) -> dict:
    return {
        "source_id": source.pk,
        "title": record.title[:500],
        "report_type": record.report_type,
        "body_id": _pk(ensure_body(record.body, ctx.cache)),
        "term": record.term,
        "review_year": record.review_year,
        "plan_year": record.plan_year,
        "review_year_inferred": record.review_year_inferred,
        "plan_year_inferred": record.plan_year_inferred,
        "review_scope": record.review_scope,
        "metadata": record.metadata,
        "char_start": record.char_start,
        "char_end": record.char_end,
    }


def _store_report_children(report: Report, record: ReportRecord, ctx: StoreContext) -> None:
    items = _store_items(report, record.items, ctx)
    _store_statistics(report, record.statistics, items, ctx)


def _store_items(report: Report, records: list[AgendaItemRecord], ctx: StoreContext) -> dict[str, AgendaItem]:
    """Upsert a report's items one tree level at a time, so every parent has its id
    before its children's rows are made. Where ids are drawn before the insert
    (PostgreSQL), the new items of every level are written together, by one COPY: at the
    end of the report, or with the batch's rows when the batch holds them (``ctx.unwritten``);
    elsewhere each level is inserted before the next is made."""
    sync = RowSync(AgendaItem, ctx)
    existing = {} if ctx.new_source else {item.key: item for item in report.agenda_items.all()}
    items = sync.delete_stale(existing, {record.key for record in records}, keep=_is_edited)
    unwritten = ctx.unwritten if ctx.unwritten is not None else UnwrittenRows()
    for level in _tree_levels(records):
        wanted = {record.key: _item_fields(record, report, items.get(record.parent_key), ctx) for record in level}
        items.update(sync.upsert(items, wanted, unwritten=unwritten))
    if unwritten is not ctx.unwritten:
        unwritten.write()
    return items


def _tree_levels(records: list[AgendaItemRecord]) -> list[list[AgendaItemRecord]]:
    """Group records by depth (0 = top level), keeping reading order within a level."""
    depth: dict[str, int] = {}
    levels: list[list[AgendaItemRecord]] = []
    for record in records:  # parents come before their children in reading order
        depth[record.key] = depth.get(record.parent_key, -1) + 1 if record.parent_key else 0
        while len(levels) <= depth[record.key]:
            levels.append([])
        levels[depth[record.key]].append(record)
    return levels


def _item_fields(record: AgendaItemRecord, report: Report, parent: AgendaItem | None, ctx: StoreContext) -> dict:
    return {
        "report_id": report.pk,
        "parent_id": _pk(parent),
        "source_id": report.source_id,
        "part": record.part,
        "number": record.number[:20],
        "order": record.order,
        "heading": record.heading[:500],
        "text": record.text,
        "body_id": _pk(ensure_body(record.body, ctx.cache)),
        "char_start": record.char_start,
        "char_end": record.char_end,
    }


def _store_statistics(
    report: Report, records: list[StatisticRecord], items: dict[str, AgendaItem], ctx: StoreContext
) -> None:
    existing = {} if ctx.new_source else {stat.key: stat for stat in report.statistics.all()}
    wanted = {}
    for record in records:
        if not _value_fits(record.value) or (record.value_max is not None and not _value_fits(record.value_max)):
            ctx.warnings.append(
                {
                    "report": report.key,
                    "code": "value_out_of_range",
                    "message": f"{record.number_text!r} read as {record.value}: more digits than a statistic holds; "
                    "not stored",
                    "position": record.char_start,
                }
            )
            continue
        wanted[record.key] = _statistic_fields(record, report, items, ctx)
    RowSync(Statistic, ctx).apply(existing, wanted, keep=_statistic_is_reviewed)


def _value_fits(value: Decimal) -> bool:
    """Whether ``value``, rounded to the value column's decimal places, fits its digits: PostgreSQL
    refuses the row otherwise (and with it the file), and SQLite would store what PostgreSQL cannot.
    No real count comes near (10^16); a garbled or misread number can."""
    whole_digits, last_place, context, limit = _value_column()
    if not value.is_finite() or value.adjusted() >= whole_digits:
        return False
    # Below 10^16 by less than half the last place, PostgreSQL's rounding (half away from zero) reaches it.
    return abs(value.quantize(last_place, ROUND_HALF_UP, context)) < limit


@functools.cache
def _value_column() -> tuple[int, Decimal, Context, Decimal]:
    """The value column's whole digits, its last decimal place, a context wide enough to round to
    it, and the first value it cannot hold."""
    field = Statistic._meta.get_field("value")
    whole_digits = field.max_digits - field.decimal_places
    return (
        whole_digits,
        Decimal(1).scaleb(-field.decimal_places),
        Context(prec=field.max_digits + 1),
        Decimal(10) ** whole_digits,
    )


def _statistic_fields(record: StatisticRecord, report: Report, items: dict[str, AgendaItem], ctx: StoreContext) -> dict:
    indicator = record.indicator
    if indicator is not None and indicator not in ctx.known_indicators:
        ctx.warnings.append(
            {"code": "unknown_indicator", "message": f"indicator {indicator!r} is not in the catalogue"}
        )
        indicator = None
    return {
        "report_id": report.pk,
        "body_id": report.body_id,
        "source_id": report.source_id,
        "agenda_item_id": _pk(items.get(record.agenda_item_key)) if record.agenda_item_key else None,
        "indicator_id": indicator,
        "label": record.label[:200],
        "value": record.value,
        "value_max": record.value_max,
        "qualifier": record.qualifier,
        "unit": record.unit,
        "period": record.period,
        "part": record.part,
        "year": record.year,
        "per_unit": record.per_unit,
        "number_text": record.number_text[:40],
        "char_start": record.char_start,
        "char_end": record.char_end,
    }


def _refresh_derived(model: type[models.Model], changed: set[str], rows: list[models.Model]) -> set[str]:
    """Recompute the fields derived from ``changed`` ones (search bigrams) on ``rows``; return their names.

    ``bulk_update`` writes attributes as they are, without the ``pre_save`` that ``save()`` runs.
    """
    derived = set()
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, SearchBigramsField) and model_field.fields_to_refresh(changed):
            for row in rows:
                model_field.pre_save(row, add=False)
            derived.add(model_field.name)
    return derived


def _is_edited(row: models.Model) -> bool:
    return bool(row.edited_fields)


def _statistic_is_reviewed(row: Statistic) -> bool:
    # A rejected statistic stays (so it is never recreated); so does any reviewed one.
    return _is_edited(row) or row.review_status != Statistic.ReviewStatus.UNREVIEWED


def _report_is_edited(row: Report) -> bool:
    if _is_edited(row):
        return True
    reviewed = ~models.Q(review_status=Statistic.ReviewStatus.UNREVIEWED) | ~models.Q(edited_fields=[])
    return row.statistics.filter(reviewed).exists() or row.agenda_items.exclude(edited_fields=[]).exists()


class RowSync:
    """Upsert the rows of one model under one parent, matched by ``key``."""

    def __init__(self, model: type[models.Model], ctx: StoreContext):
        self.model = model
        self.ctx = ctx

    def apply(self, existing: dict[str, models.Model], wanted: dict[str, dict], keep) -> dict[str, models.Model]:
        """Create missing rows, update changed ones, delete stale ones unless ``keep(row)``.

        Returns every row that stands for a wanted key (plus kept stale rows), by key.
        """
        rows = self.delete_stale(existing, set(wanted), keep)
        rows.update(self.upsert(rows, wanted))
        return rows

    def delete_stale(self, existing: dict[str, models.Model], wanted_keys: set[str], keep) -> dict[str, models.Model]:
        """Delete rows whose key is no longer extracted, unless ``keep(row)``; return the rest by key."""
        rows = dict(existing)
        stale = [row for key, row in existing.items() if key not in wanted_keys]
        self._delete_stale(stale, keep, rows)
        return rows

    def upsert(
        self, existing: dict[str, models.Model], wanted: dict[str, dict], unwritten: UnwrittenRows | None = None
    ) -> dict[str, models.Model]:
        """Create the wanted rows missing from ``existing`` and update the others; return them by key.

        New rows are held in ``unwritten`` (by default the context's) where keys can be drawn
        ahead, for its owner to write in this transaction; else they are inserted now.
        """
        new = [_new_row(self.model, {"key": key, **values}) for key, values in wanted.items() if key not in existing]
        held = unwritten if unwritten is not None else self.ctx.unwritten
        if held is None or not held.hold(self.model, new):
            bulk_insert(self.model, new)
        self.ctx.counts.created += len(new)
        kept = {key: existing[key] for key in wanted if key in existing}
        self.update_only(kept, wanted)
        return {**kept, **{row.key: row for row in new}}

    def update_only(self, rows: dict[str, models.Model], wanted: dict[str, dict]) -> None:
        """Write the wanted values into existing rows, leaving editor-owned fields alone."""
        changed_rows, changed_fields = [], set()
        for key, row in rows.items():
            fields = self._apply_values(row, wanted.get(key, {}))
            if fields:
                changed_rows.append(row)
                changed_fields |= fields
        if changed_rows:
            changed_fields |= _refresh_derived(self.model, changed_fields, changed_rows)
            self.model.objects.bulk_update(changed_rows, sorted(changed_fields | {"updated_at"}))
            self.ctx.counts.updated += len(changed_rows)

    def _apply_values(self, row: models.Model, values: dict) -> set[str]:
        edited = set(row.edited_fields or [])
        changed = set()
        for name, value in values.items():
            model_field = self.model._meta.get_field(name)
            attname = model_field.attname
            new = _raw(value, model_field)
            old = getattr(row, attname)
            if _same(old, new):
                continue
            if model_field.name in edited:
                self._conflict(row, model_field, old, new)
                continue
            setattr(row, attname if not isinstance(value, models.Model) else name, value)
            changed.add(model_field.name)
        return changed

    def _conflict(self, row: models.Model, model_field, editor_value, extracted_value) -> None:
        self.ctx.conflicts.append(
            ImportConflict(
                run=self.ctx.run,
                model=self.model._meta.model_name,
                object_id=row.pk,
                field=model_field.name,
                editor_value=_display(editor_value),
                extracted_value=_display(extracted_value),
            )
        )

    def _delete_stale(self, stale: list[models.Model], keep, rows: dict) -> None:
        doomed = []
        for row in stale:
            if keep(row):
                self.ctx.counts.kept_edited += 1
            else:
                doomed.append(row.pk)
                del rows[row.key]
        if doomed:
            self.model.objects.filter(pk__in=doomed).delete()
            self.ctx.counts.deleted += len(doomed)


def _pk(row: models.Model | None) -> int | None:
    return None if row is None else row.pk


def _new_row(model: type[models.Model], values: dict) -> models.Model:
    """``model(**values)``, built the way Django builds rows read from the database: every column
    in order, by attribute name (``report_id``), the others at their defaults. Django's keyword
    path looks up each field's name and relation for every row (14 µs a statistic, against 7):
    an import builds tens of thousands. ``values`` are keyed by attribute names."""
    columns, names = _columns(model)
    if not names.issuperset(values):
        raise TypeError(f"{model.__name__} has no column {sorted(set(values) - names)[0]!r}")
    return model(*[values[name] if name in values else field.get_default() for name, field in columns])


@functools.cache
def _columns(model: type[models.Model]) -> tuple[list[tuple[str, models.Field]], frozenset[str]]:
    columns = [(field.attname, field) for field in model._meta.concrete_fields]
    return columns, frozenset(name for name, _ in columns)


def _raw(value, model_field):
    """The value as stored in the row's attribute (a primary key for relations)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(model_field, models.DecimalField) and value is not None:
        return Decimal(value)
    return value


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is new
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return Decimal(old) == Decimal(new)
    return old == new


def _display(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 9.0000 -> 9, as an editor typed it
    return "" if value is None else str(value)


# --- shared rows: regions and bodies ---------------------------------------------------


def ensure_region(
    code: str | None, cache: dict[str, Region] | None = None, chains: dict[str, list] | None = None
) -> Region | None:
    """Return the Region for a GB/T 2260 code, creating it and its parents; None if unknown.

    ``cache`` (code → Region, shared by a run's files) spares the look-ups of
    regions already seen: thousands of bodies share a few hundred regions.
    ``chains`` (code → division chain) spares loading the region table here.
    """
    if not code:
        return None
    cache = {} if cache is None else cache
    if code in cache:
        return cache[code]
    chain = chains.get(code) if chains else None
    if chain:  # worked out ahead: the chain's stored regions are read with the missing ones
        region = _regions_at_chain_ends({code: chain}, cache).get(code)
    else:
        region = Region.objects.filter(code=code).first()
        if region is None and chain is None:
            region = _regions_at_chain_ends({code: division_chain(code)}, cache).get(code)
    if region is not None:
        cache[code] = region
    return region


def _regions_at_chain_ends(chains: dict[str, list], cache: dict[str, Region]) -> dict[str, Region]:
    """The region of each code whose chain (code → its GB/T 2260 chain) ends at it, the chains'
    regions found or created; codes with an empty or foreign chain are left out (unknown).

    One query reads the chains' regions not cached and one INSERT adds those missing,
    skipping any that another import adds meanwhile (their values are the same).
    """
    unseen = {division.code: division for chain in chains.values() for division in chain if division.code not in cache}
    stored = Region.objects.in_bulk(list(unseen))
    missing = [
        Region(
            code=division.code,
            name=division.name,
            full_name=division.full_name,
            level=division.level,
            parent_id=division.parent_code,
        )
        for division in unseen.values()
        if division.code not in stored
    ]
    Region.objects.bulk_create(missing, ignore_conflicts=True)
    cache.update({region.code: region for region in (*stored.values(), *missing)})
    return {code: cache[code] for code, chain in chains.items() if chain and chain[-1].code == code}


def _ensure_regions(codes: set[str], cache: RowCache) -> dict[str, Region | None]:
    """``ensure_region`` of each code: those whose chains were worked out ahead in two queries for
    the lot, the others one by one."""
    ahead = {code: cache.divisions[code] for code in codes if code not in cache.regions and cache.divisions.get(code)}
    found = _regions_at_chain_ends(ahead, cache.regions) if ahead else {}
    cache.regions.update(found)
    return {
        code: found[code] if code in found else ensure_region(code, cache.regions, cache.divisions) for code in codes
    }


def body_key(record: BodyRecord) -> str:
    """Natural key of a body: kind and region where that identifies it, else kind, region and name."""
    region = record.region_code or "-"
    if record.kind in _ONE_PER_REGION and record.region_code:
        return f"{record.kind}:{region}"
    return f"{record.kind}:{region}:{record.name}"


def ensure_body(record: BodyRecord | None, cache: RowCache | None = None) -> Body | None:
    """Return the Body for ``record``, creating it (and its parent body) on first sight.

    An existing body keeps its fields: bodies are shared by many reports, and
    spellings vary between them.
    """
    if record is None:
        return None
    key = body_key(record)
    cache = RowCache() if cache is None else cache
    if key in cache.bodies:
        return cache.bodies[key]
    # One SELECT for a body already stored; its region and parent are looked up only
    # when it is new (get_or_create calls the defaults' callables then).
    body, _ = Body.objects.get_or_create(
        key=key,
        defaults={
            **_body_fields(record),
            "region": lambda: ensure_region(record.region_code, cache.regions, cache.divisions),
            "parent": lambda: _parent_body(record),
        },
    )
    cache.bodies[key] = body
    return body


def _body_fields(record: BodyRecord) -> dict:
    """A new body's own columns, as either way of creating bodies writes them."""
    return {"name": record.name[:200], "kind": record.kind, "level": record.level}


def ensure_bodies(records: Iterable[BodyRecord | None], cache: RowCache) -> int:
    """Find or create the bodies of ``records`` missing from ``cache``, a few statements for the lot
    (the files of a batch); return how many were created. ``ensure_body`` then finds them cached.

    One body at a time took about eight statements (look-up, savepoint, insert, history,
    regions, parent), a seventh of an import's time (bench/findings.md). Here: one look-up
    of the stored ones, two for their regions, one insert and one for their history.
    Left to ``ensure_body``, one by one as before: bodies that name a parent body (it may be
    among those created here), and all of them when the insert fails, which it does when
    another import has just added one of them (its savepoint undoes only this).
    """
    wanted: dict[str, BodyRecord] = {}
    for record in records:
        if record is not None and not record.parent_name:
            key = body_key(record)
            if key not in cache.bodies:
                wanted.setdefault(key, record)
    if not wanted:
        return 0
    cache.bodies.update(Body.objects.in_bulk(list(wanted), field_name="key"))
    missing = {key: record for key, record in sorted(wanted.items()) if key not in cache.bodies}
    if not missing or not connections[router.db_for_write(Body)].features.can_return_rows_from_bulk_insert:
        return 0
    regions = _ensure_regions({record.region_code for record in missing.values() if record.region_code}, cache)
    bodies = [
        Body(key=key, **_body_fields(record), region=regions.get(record.region_code) if record.region_code else None)
        for key, record in missing.items()  # in key order: two imports inserting the same bodies never deadlock
    ]
    try:
        with transaction.atomic():
            Body.objects.bulk_create(bodies)
            Body.history.bulk_history_create(bodies, default_change_reason=None)  # as save() records them
    except IntegrityError:
        return 0
    cache.bodies.update({body.key: body for body in bodies})
    return len(bodies)


def _parent_body(record: BodyRecord) -> Body | None:
    if not record.parent_name:
        return None
    return Body.objects.filter(name=record.parent_name).order_by("id").first()


def warning_rows(path: str, document: DocumentRecord, extra: Iterable[dict]) -> list[dict]:
    """Flatten the document's and its reports' warnings into ImportRun.warnings entries."""
    rows = [{"path": path, "code": w.code, "message": w.message, "position": w.char_start} for w in document.warnings]
    for report in document.reports:
        for w in report.warnings:
            rows.append(
                {"path": path, "report": report.key, "code": w.code, "message": w.message, "position": w.char_start}
            )
    rows.extend({"path": path, **entry} for entry in extra)
    return rows
