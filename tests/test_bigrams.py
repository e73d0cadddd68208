"""Bigram codes (reports/bigrams.py): every substring's pairs are among its text's, and nothing else is."""

import random
import unicodedata

from reports.bigrams import SEPARATORS, bigram_codes, ordered_pair_codes, pair_code, parity


def test_a_word_has_one_code_per_adjacent_pair():
    assert bigram_codes(["执法检查"]) == sorted({pair_code("执", "法"), pair_code("法", "检"), pair_code("检", "查")})


def test_codes_are_distinct_sorted_and_within_postgresql_integer():
    codes = bigram_codes(["代表代表代表", "AZ\U0001f600\n"])  # 代表 表代; AZ, Z and 😀's first unit, its two units
    assert codes == sorted(set(codes)) and len(codes) == 5
    assert all(-(2**31) <= code < 2**31 for code in codes)


def test_pairs_never_span_two_texts():
    assert pair_code("立", "法") not in bigram_codes(["加强立", "法工作"])
    assert pair_code("立", "法") in bigram_codes(["加强立法", ""])


def test_a_text_of_fewer_than_two_characters_has_no_codes():
    assert bigram_codes(["法"]) == [] and bigram_codes(["", None]) == []


def test_different_pairs_in_the_basic_plane_get_different_codes():
    pairs = {(chr(a), chr(b)) for a in range(0x4E00, 0x4E40) for b in (0x41, 0x4E00, 0x9FA5, 0xFF01)}
    assert len({pair_code(a, b) for a, b in pairs}) == len(pairs)


def test_every_substring_of_a_text_has_its_codes_among_the_texts():
    rng = random.Random(7)
    alphabet = "人大常委会立法监督代表建议执法检查，。、1２Ａa \n\U00020000"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        full = set(bigram_codes(["标题", text]))
        start = rng.randint(0, len(text))
        word = text[start : start + rng.randint(2, 6)]
        assert set(bigram_codes([word])) <= full, (text, word)


def test_a_words_pairs_in_order_are_its_codes_first_occurrence_first():
    assert ordered_pair_codes("执法检查") == [pair_code("执", "法"), pair_code("法", "检"), pair_code("检", "查")]
    assert ordered_pair_codes("代表代表") == [pair_code("代", "表"), pair_code("表", "代")]


def test_ordered_pairs_are_the_words_codes_for_any_word():
    rng = random.Random(11)
    alphabet = "人大常委会立法监督，。1Ａa \U00020000"
    for _ in range(300):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        ordered = ordered_pair_codes(word)
        assert len(ordered) == len(set(ordered)) and sorted(ordered) == bigram_codes([word]), word


def test_a_single_character_has_no_pair():
    assert ordered_pair_codes("法") == [] and ordered_pair_codes("") == []


def test_the_arrays_of_codes_hold_exactly_the_sorted_codes_of_each_half():
    """bigram_arrays (numpy, for an import's workers) gives what bigram_codes gives for each half,
    texts of every shape; the halves part the codes by their lowest bit, negative codes too."""
    from pathlib import Path

    from reports.bigrams import bigram_arrays

    shapes = [
        [],
        [None],
        [""],
        ["法"],
        ["法", None],
        ["执法检查"],
        ["代表代表代表", "AZ\U0001f600\n"],
        ["a"],
        ["ab", "c"],
    ]
    shapes += [["\U0001f600"], ["\U0001f600\U0001f601"], ["議" * 5 + "a"], ["\uffff\u0000x"], ["标题", "正文。" * 50]]
    shapes += [["，" * 5], ["立法，监督"], ["a，\U0001f600。b\U0001f600"], ["“”", "（一）"], ["\u3000\u3000正文\n"]]
    rng = random.Random(5)
    alphabet = "立法监督，。、“”（）1２Ａa \n\t\U00020000\u00b7\u3007"
    shapes += [["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))] for _ in range(200)]
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    text = seeds[0].read_text(encoding="utf-8")
    shapes += [[text[start : start + length]] for start in range(0, 3000, 97) for length in (2, 3, 7, 500)]
    seen_halves = set()
    for texts in shapes:
        even, odd = bigram_arrays(texts)
        assert even.typecode == odd.typecode == "i", texts
        assert list(even) == bigram_codes(texts, 0) and list(odd) == bigram_codes(texts, 1), texts
        assert sorted([*even, *odd]) == bigram_codes(texts), texts
        assert all(code % 2 == 0 for code in even) and all(code % 2 == 1 for code in odd), texts
        seen_halves |= {(code < 0, code % 2) for code in [*even, *odd]}
    assert seen_halves == {(False, 0), (False, 1), (True, 0), (True, 1)}  # both signs in both halves


def test_a_code_s_half_is_its_lowest_bit():
    assert [parity(code) for code in (0, 1, 2, -1, -2, -3, 2**31 - 1, -(2**31))] == [0, 1, 0, 1, 0, 1, 1, 0]
    # A pair's code holds its first character in the low half: 立 (U+7ACB) is odd, 法 (U+6CD5) odd, 监 (U+76D1) odd.
    assert bigram_codes(["立法监督"], 1) == sorted(
        {pair_code("立", "法"), pair_code("法", "监"), pair_code("监", "督")}
    )
    assert bigram_codes(["立法监督"], 0) == []
    assert bigram_codes(["人大"], 0) == [pair_code("人", "大")] and bigram_codes(["人大"], 1) == []  # 人: U+4EBA
    assert bigram_codes(["检查"], 0) == [pair_code("检", "查")]  # 检: U+68C0, the second character's bit aside


def test_pairs_holding_a_separator_are_left_out():
    assert bigram_codes(["立法，监督"]) == sorted({pair_code("立", "法"), pair_code("监", "督")})
    assert bigram_codes(["“两个确立”\n"]) == sorted(
        {pair_code("两", "个"), pair_code("个", "确"), pair_code("确", "立")}
    )
    assert bigram_codes(["增长5%。", "（二）"]) == sorted({pair_code("增", "长"), pair_code("长", "5")})


def test_a_word_of_separator_pairs_only_has_no_pair():
    for word in ("5%", "”，“", "，\n", "1.", "法："):
        assert ordered_pair_codes(word) == [] and bigram_codes([word]) == [], word


def test_a_words_pairs_on_either_side_of_a_separator_are_kept():
    assert ordered_pair_codes("立法，监督") == [pair_code("立", "法"), pair_code("监", "督")]


def test_separators_are_punctuation_spaces_and_controls_only():
    """Never a letter, a digit or an ideograph: their pairs are what searches look for."""
    for character in SEPARATORS:
        category = unicodedata.category(character)
        assert category[0] in "PZS" or category in ("Cc", "Cf", "Cn"), (hex(ord(character)), category)
    for kept in "〇々〡０９ＡｚＡ0aZ汉·"[:-1]:  # the middle dot, last, is a separator
        assert kept not in SEPARATORS, kept
    assert "·" in SEPARATORS and "，" in SEPARATORS and "\u3000" in SEPARATORS


def test_numbers_written_in_chinese_keep_their_pairs():
    assert pair_code("〇", "二") in bigram_codes(["二〇二三年"])
    assert pair_code("２", "０") in bigram_codes(["２０２３年"])
