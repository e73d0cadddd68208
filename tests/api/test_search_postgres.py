"""On PostgreSQL, q= uses the GIN indexes: pg_trgm, and the agenda items' bigrams (shown with EXPLAIN)."""

import pytest
from django.db import connection

from reports import pair_statistics
from reports.api import filters, querysets
from reports.bigrams import pair_code
from reports.models import AgendaItem, Report, Statistic

HALVES = ("search_bigrams_even", "search_bigrams_odd")  # the columns of the items' pairs
SOURCES = AgendaItem.SEARCH_SOURCES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm indexes exist only on PostgreSQL"),
]


def add_items(report, texts: list[str]) -> None:
    """One agenda item of ``report`` per text (bulk-created, so with their search bigrams)."""
    AgendaItem.objects.bulk_create(
        AgendaItem(
            report=report,
            source=report.source,
            key=f"bulk/{n}",
            part="review",
            order=1000 + n,
            heading=f"第{n}项工作",
            text=text,
            char_start=0,
            char_end=1,
        )
        for n, text in enumerate(texts)
    )


@pytest.fixture
def big_tables(world):
    """A few thousand rows, analysed, so the planner weighs an index against a real scan."""
    report = world.reports[0]
    filler = "依法开展工作，推动经济社会发展。" * 8
    add_items(report, [f"{filler}编号{n}" for n in range(4000)])
    Report.objects.bulk_create(
        Report(
            source=report.source, key=f"bulk{n}", title=f"第{n}号文件", report_type="other", char_start=0, char_end=1
        )
        for n in range(4000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_agendaitem")
        cursor.execute("ANALYZE reports_report")


def explain(queryset) -> str:
    """The plan of ``queryset`` without its ORDER BY, sequential scans discouraged.

    A few thousand rows are still cheap to scan, so the planner is told to avoid
    it (as it would by itself on the full corpus); an index that cannot serve
    the pattern would still not be chosen.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.order_by().explain()


def test_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE %s OR indexname LIKE %s", ["%_trgm", "%_bigrams"]
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "reports_report_title_trgm",
        "reports_statistic_label_trgm",
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_bigrams_%"])
        halves = {row[0] for row in cursor.fetchall()}
    assert halves == {"reports_agendaitem_bigrams_even", "reports_agendaitem_bigrams_odd"}


def api_item_search(word: str):
    return filters.AgendaItemFilterSet(data={"q": word}, queryset=querysets.agenda_items()).qs


@pytest.mark.parametrize(
    "word, half",
    [("立法", "odd"), ("人大", "even")],  # 立 is U+7ACB, 人 U+4EBA: a pair's half is its first character's lowest bit
)
def test_a_two_character_search_uses_the_index_of_its_pair_s_half(big_tables, word, half):
    plan = explain(api_item_search(word))
    other = {"odd": "even", "even": "odd"}[half]
    assert f"reports_agendaitem_bigrams_{half}" in plan and f"bigrams_{other}" not in plan, plan
    assert "trgm" not in plan, plan
    assert f"'{{{pair_code(*word)}}}'::integer[]" in plan, plan


@pytest.fixture
def one_in_twenty(world):
    """4,000 items, every twentieth about vaccines (疫苗), analysed."""
    add_items(world.reports[0], ["做好疫苗接种工作。" if n % 20 == 0 else "依法开展监督工作。" for n in range(4000)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_agendaitem")


def estimated_rows(queryset) -> int:
    plan = queryset.order_by().explain()
    return int(plan.split("rows=")[1].split()[0])


def test_a_two_character_search_is_estimated_by_the_pair_alone(one_in_twenty):
    # 200 rows hold 疫苗. Estimating the pair and a LIKE as unrelated would expect 5 % of 5 %
    # (10 rows), and for common words plan a sort of every match instead of an ordered walk.
    assert 75 <= estimated_rows(api_item_search("疫苗")) <= 400
    assert api_item_search("疫苗").count() == 200


@pytest.fixture
def enforcement(world):
    """4,000 more items, analysed: 执法 in 40 %, 检查 in 65 %, the pair 法检 only in 执法检查 (5 %)."""
    texts = ["开展执法检查工作。"] + ["严格执法。"] * 7 + ["加强监督检查。"] * 12
    add_items(world.reports[0], [texts[n % 20] for n in range(4000)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_agendaitem")
    pair_statistics.forget()  # the statistics just changed
    yield
    pair_statistics.forget()


def items_holding(word: str) -> set[int]:
    """The ids of the items whose heading or text holds ``word``, found in Python."""
    rows = AgendaItem.objects.values_list("id", "heading", "text")
    return {pk for pk, heading, text in rows if word in heading or word in text}


def test_a_longer_search_asks_the_index_for_its_rarest_pair(enforcement):
    rare = pair_code("法", "检")
    pair, frequency = pair_statistics.rarest_pair("执法检查", "reports_agendaitem", HALVES)
    assert pair == rare and 0.025 < frequency < filters.COMMON_PAIR
    query = api_item_search("执法检查")
    plan = explain(query)
    assert "reports_agendaitem_bigrams_odd" in plan and "trgm" not in plan, plan  # 法 is U+6CD5: odd
    assert f"'{{{rare}}}'::integer[]" in plan, plan  # that pair alone


def test_a_longer_search_is_estimated_by_its_rarest_pair(enforcement):
    # 200 rows hold 执法检查; all three of its pairs multiplied would expect 40 % × 5 % × 65 % of that.
    assert len(items_holding("执法检查")) >= 200
    assert 75 <= estimated_rows(api_item_search("执法检查")) <= 400


def test_a_word_whose_pairs_are_all_common_is_searched_by_its_text_alone(enforcement):
    # 严格执法: its rarest pair, 严格, is in 35 % of rows. A scan finds the word's rows by their text;
    # testing the pair first would read every row's pair array as well.
    pair, frequency = pair_statistics.rarest_pair("严格执法", "reports_agendaitem", HALVES)
    assert frequency >= filters.COMMON_PAIR
    sql = str(api_item_search("严格执法").query)
    assert "@>" not in sql and "STRPOS" in sql.upper(), sql
    assert set(api_item_search("严格执法").values_list("id", flat=True)) == items_holding("严格执法")
    assert "@>" in str(api_item_search("执法检查").query)  # 法检: in 5 % of rows


def test_pairs_missing_from_the_statistics_count_as_rarest(enforcement):
    # 执法 is common; 法巡 and 巡查 are in no row: the first of them is asked for.
    assert pair_statistics.rarest_pair("执法巡查", "reports_agendaitem", HALVES) == (pair_code("法", "巡"), 0)


def test_the_frequencies_of_both_halves_are_read(enforcement):
    # 检查 (检: U+68C0, even) in 65 % of rows, 执法 (执: U+6267, odd) in 40 %: one in each half's statistics.
    even, odd = (pair_statistics.pair_frequencies("reports_agendaitem", column) for column in HALVES)
    assert 0.55 < even[pair_code("检", "查")] < 0.75 and pair_code("执", "法") not in even
    assert 0.3 < odd[pair_code("执", "法")] < 0.5 and pair_code("检", "查") not in odd
    # Frequencies compared across the halves: 格执 (even, 35 %) against 执法 (odd, 40 %), and
    # 督检 (odd, 60 %) against 检查 (even, 65 %).
    pair, frequency = pair_statistics.rarest_pair("格执法", "reports_agendaitem", HALVES)
    assert pair == pair_code("格", "执") and 0.25 < frequency < 0.45
    pair, frequency = pair_statistics.rarest_pair("督检查", "reports_agendaitem", HALVES)
    assert pair == pair_code("督", "检") and 0.5 < frequency < 0.7


@pytest.mark.parametrize(
    "word", ["执法检查", "法检", "严格执法", "监督检查。", "检查工作", "执法巡查", "项工作", "。", "法。", "查。"]
)
def test_a_search_of_any_length_finds_exactly_the_items_holding_the_word(enforcement, word):
    assert set(api_item_search(word).values_list("id", flat=True)) == items_holding(word)


def test_a_word_whose_every_pair_holds_a_separator_is_searched_by_its_text_alone(enforcement):
    # 法。 and 查。 have no pair the index holds (reports/bigrams.py): no pair is asked for, none counted.
    for word in ("法。", "查。"):
        assert pair_statistics.rarest_pair(word, "reports_agendaitem", HALVES) is None
        sql = str(api_item_search(word).query)
        assert "@>" not in sql and "STRPOS" in sql.upper(), sql
        assert filters.rows_holding_rarest_pair(AgendaItem, SOURCES, word, 5000) is None
    assert items_holding("法。") and items_holding("法。") != items_holding("查。")


def test_stored_pairs_hold_no_separator(enforcement):
    item = AgendaItem.objects.get(key="bulk/1", text="严格执法。", heading="第1项工作")
    even, odd = AgendaItem.objects.values_list(*HALVES).get(pk=item.pk)
    expected = {pair_code(*pair) for pair in ("第1", "1项", "项工", "工作", "严格", "格执", "执法")}
    assert sorted(even + odd) == sorted(expected)  # no 法。


def test_the_statistics_are_read_again_after_a_while(enforcement, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(pair_statistics, "monotonic", lambda: clock[0])
    pair_statistics.forget()
    before = pair_statistics.pair_frequencies("reports_agendaitem", HALVES[0])
    assert before.get(pair_code("检", "查"), 0) > 0.5
    AgendaItem.objects.filter(text="加强监督检查。").delete()  # 检查 was in 65 % of rows, now in about 13 %
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_agendaitem")
    clock[0] += pair_statistics.REFRESH_SECONDS / 2
    assert pair_statistics.pair_frequencies("reports_agendaitem", HALVES[0]) == before  # kept a while
    clock[0] += pair_statistics.REFRESH_SECONDS
    after = pair_statistics.pair_frequencies("reports_agendaitem", HALVES[0])
    assert after.get(pair_code("检", "查"), 0) < 0.5


def test_report_title_search_uses_index(big_tables):
    plan = explain(Report.objects.filter(title__contains="常务委员会"))
    assert "reports_report_title_trgm" in plan, plan


def test_statistic_label_search_uses_index(big_tables):
    plan = explain(Statistic.objects.filter(label__contains="执法检查"))
    assert "reports_statistic_label_trgm" in plan, plan


def test_first_page_is_an_index_walk_in_the_api_order(big_tables):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = AgendaItem.objects.order_by("report_id", "order", "id")[:50].explain()
    assert "agendaitem_report_order" in plan and "Sort" not in plan, plan


def test_two_character_words_are_found_exactly(big_tables, client):
    rows = client.get("/api/v1/agenda-items/", {"q": "立法", "page_size": 500}).json()["results"]
    assert len(rows) == 4 and all("立法" in r["heading"] + r["text"] for r in rows)


def test_api_search_finds_two_character_words(world, client):
    rows = client.get("/api/v1/agenda-items/", {"q": "监督"}).json()["results"]
    assert rows and all("监督" in r["heading"] + r["text"] for r in rows)


def test_only_a_pair_the_statistics_do_not_list_is_counted_and_only_up_to_the_limit(enforcement):
    count = filters.rows_holding_rarest_pair
    assert count(AgendaItem, SOURCES, "执法检查", 5000) is None  # 法检 is listed: common, not counted
    assert count(AgendaItem, SOURCES, "执法巡查", 5000) == 0  # 法巡: in no row
    add_items(
        Report.objects.exclude(agenda_items__key="bulk/0").first(), ["推进殡葬改革。"] * 3
    )  # added after ANALYZE: no statistics list 殡葬
    assert count(AgendaItem, SOURCES, "殡葬", 3) == 3  # 殡: U+6BA1, odd
    assert count(AgendaItem, SOURCES, "殡葬", 2) is None
    assert count(AgendaItem, SOURCES, "查验", 5000) == 0  # 查验: in no row; 查 is U+67E5, odd
    assert count(AgendaItem, SOURCES, "检验", 5000) == 0  # 检验: in no row; 检 is U+68C0, even
