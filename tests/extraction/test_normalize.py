"""Text repair: table tests of input → output, and raw spans that map back exactly."""

from __future__ import annotations

import pytest

from reports.extraction.normalize import fold, fold_width, normalize

from .conftest import line_starts, manifest, seed_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "集中视察, 利用好",
            "集中视察，利用好",
        ),  # ASCII comma folded, stray space dropped
        ("规范性文件1 件", "规范性文件1件"),
        ("开通 12345热线", "开通12345热线"),
        ("“两个确立” ,深刻", "“两个确立”，深刻"),
        ("领导 and 决策部署", "领导和决策部署"),
        ("2022 1", "2022 1"),  # space between digits is kept
        ("Word and Excel", "Word and Excel"),  # English stays English
        (
            "一、加强领导 1.健全制度。",
            "一、加强领导 1.健全制度。",
        ),  # kept: a new item starts there
        ("  （一）加强学习。", "（一）加强学习。"),  # indentation dropped
        ("第１条（试行）", "第1条（试行）"),  # full-width digits to ASCII
        ("(区委)", "（区委）"),
    ],
)
def test_line_repairs(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # mid-sentence break after a comma, blank line between (PDF)
        (
            "习近平总书记指出，推进科学立法、民主\n\n立法，是根本途径。",
            "习近平总书记指出，推进科学立法、民主立法，是根本途径。",
        ),
        # unclosed bracket
        ("在镇(街\n\n道)人大主席", "在镇（街道）人大主席"),
        # sentence already ended: paragraph break kept
        ("报告工作。\n请予审议。", "报告工作。\n请予审议。"),
        # a heading line is not joined to its body
        (
            "2023年工作安排\n2023年，是开局之年。",
            "2023年工作安排\n2023年，是开局之年。",
        ),
        ("一、加强领导\n常委会坚持党的领导。", "一、加强领导\n常委会坚持党的领导。"),
        # the next line is numbered: never a continuation
        ("完成各项任务，推动\n二、加强监督", "完成各项任务，推动\n二、加强监督"),
        # a numbered heading cut in two
        (
            "（二）坚持把党的领导贯穿人大工\n\n作始终\n\n区人大常委会坚持党的领导，取得新成效。",
            "（二）坚持把党的领导贯穿人大工作始终\n\n区人大常委会坚持党的领导，取得新成效。",
        ),
        # a glued 一是 item without terminal punctuation was cut
        (
            "三是全力做好服务保障\n\n工作。中国共产党成立",
            "三是全力做好服务保障工作。中国共产党成立",
        ),
        # a part heading glued after the last sentence ends its line
        (
            "认真加以改进和解决。2023年工作安排\n各位代表，",
            "认真加以改进和解决。2023年工作安排\n各位代表，",
        ),
        # web breadcrumbs do not run on into the title
        (
            "首页 > 杂志 > 2023年 > 第7期 > 区乡人大 栏目导航很长很长很长\n在新起点上开创新局面——亮点扫描",
            None,
        ),
    ],
)
def test_line_joins(raw, expected):
    result = normalize(raw).text
    if expected is None:
        assert "\n" in result
    else:
        assert result == expected


def test_raw_spans_map_back_exactly():
    raw = "  一、健全机制 ，夯实基础\n\n区人大制定了联系群众 and 履职办法，规范了\n\n活动形式。"
    norm = normalize(raw)
    assert norm.text == "一、健全机制，夯实基础\n\n区人大制定了联系群众和履职办法，规范了活动形式。"
    for word in ("健全机制", "夯实基础", "联系群众和履职办法", "规范了活动形式。"):
        start = norm.text.index(word)
        raw_start, raw_end = norm.raw_span(start, start + len(word))
        assert fold_width(raw[raw_start:raw_end]).replace("\n", "").replace(" and ", "和") == word
    assert norm.raw_span(0, len(norm.text)) == (2, len(raw))
    assert norm.to_raw(norm.text.index("和")) == raw.index(" and ")


def test_offsets_into_a_slice_are_offsets_into_the_whole_text():
    raw = "前言。\n一、加强领导\n正文。"
    start = raw.index("一")
    norm = normalize(raw, start, len(raw))
    assert norm.text == "一、加强领导\n正文。"
    assert norm.raw_span(0, 6) == (start, start + 6)
    assert norm.to_raw(len(norm.text)) == len(raw)


def test_every_normalised_character_comes_from_its_raw_position():
    raw = seed_text("003")
    norm = normalize(raw)
    for i, char in enumerate(norm.text):
        source = raw[norm.to_raw(i)]
        assert char == source or char == fold_width(source) or char == "\n"


def test_replacement_characters_are_reported():
    raw = "正常文字ぁ⒁\ufffd7件。\n另一行\ufffd"
    norm = normalize(raw)
    assert norm.replacement_chars == (raw.index("\ufffd"), len(raw) - 1)


def test_seed_003_line_break_repairs():
    """Each manifest repair of a broken line is joined, each annotation line is kept."""
    raw = seed_text("003")
    starts = line_starts(raw)
    norm = normalize(raw)
    for repair in manifest("docs_other")["documents"]["003"]["line_break_repairs"]:
        tail = fold_width(repair["tail"]).replace(" ", "")
        head = fold_width(repair["head"]).strip()
        raw_line = starts[repair["break_after_line"] - 1]
        line_start = next(i for i in range(len(norm.text)) if norm.to_raw(i) >= raw_line)
        after_tail = norm.text.index(tail, line_start) + len(tail)
        following = norm.text[after_tail : after_tail + len(head)]
        if repair.get("join_as"):
            assert following == head, repair
        else:
            assert following.startswith("\n"), repair


def test_seed_004_mid_sentence_splits_are_mostly_joined():
    """At least 95% of the manifest's 130 PDF splits are re-joined, and no title is glued on."""
    raw = seed_text("004")
    starts = line_starts(raw)
    norm = normalize(raw)
    raw_of = [norm.to_raw(i) for i in range(len(norm.text))]
    splits = manifest("docs_other")["documents"]["004"]["extraction_artefacts"]["line_splits_mid_sentence"]["all"]
    from bisect import bisect_left

    joined = 0
    for split in splits:
        lo = bisect_left(raw_of, starts[split["line"] - 1])
        hi = bisect_left(raw_of, starts[split["continues_on_line"] - 1])
        joined += "\n" not in norm.text[lo:hi]
    assert joined >= 0.95 * len(splits)
    for article in manifest("docs_other")["documents"]["004"]["articles"]:
        title_start = starts[article["title_lines"][0] - 1]
        assert norm.text[raw_of.index(title_start) - 1] == "\n", article["n"]


def test_seed_002_web_text_gets_almost_no_joins():
    """The web-scraped reports have no broken lines: headings stay on their own lines."""
    raw = seed_text("002")
    norm = normalize(raw)
    assert raw.count("\n") - norm.text.count("\n") <= 2


def test_fast_fold_agrees_with_fold_width():
    sample = "会议(第1次),议题:预算;通过!是否?２０２３年"
    assert fold(sample) == fold_width(sample).replace("２０２３", "2023")
