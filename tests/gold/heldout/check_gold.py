"""Mechanical check of the held-out gold statistics files (stats_*.jsonl).

Usage (from the repo root):
    python tests/gold/heldout/check_gold.py            # validate every file
    python tests/gold/heldout/check_gold.py --uncovered  # also list Arabic numbers in
                                                          # each report span that no mention covers

Checks, per mention:
- all fields present with allowed values; `report` matches the file name;
- `line` lies inside the report span of the manifest, and `part` agrees with the
  manifest's review / plan heading lines;
- `text` occurs verbatim in that physical line of the seed file and contains `number_text`;
- `value` is consistent with `number_text` (万 multiplier applied except for 万元/亿元,
  余/多/近 and 超过 reflected in `qualifier`), `value_max` set only for ranges;
- `code` is one of the TAXONOMY.md codes.
It reads neither the extractor nor its output.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SEED_DIR = REPO / "seeds"
SPEC = Path("/work/shared/spec")
MANIFEST = {2: SPEC / "manifests" / "reports_002.json"}

CODES = {
    "sc_meetings",
    "chair_meetings",
    "laws_passed",
    "laws_new",
    "laws_amended",
    "laws_repealed",
    "laws_under_review",
    "legislative_research",
    "reports_reviewed",
    "law_enforcement_inspections",
    "special_inquiries",
    "inspections_visits",
    "normative_docs_reviewed",
    "resolutions",
    "appointments",
    "oath_sessions",
    "oath_persons",
    "deputy_suggestions",
    "deputy_motions",
    "deputies_attending",
    "deputy_training",
    "liaison_stations",
    "legislative_contact_points",
    "suggestion_resolution_rate",
    "cppcc_sc_meetings",
    "cppcc_chair_meetings",
    "proposals_submitted",
    "proposals_accepted",
    "proposals_resolved",
    "proposal_resolution_rate",
    "public_opinion_reports",
    "consultations",
    "cppcc_inspections",
    "members_participation",
    "party_group_meetings",
    "study_sessions",
    "requests_reported",
    "recommendations",
    "research_reports",
    "petitions",
    "rules_adopted",
    "training_sessions",
    "trainees",
    "media_reports",
    "money",
    "other",
}
FIELDS = [
    "report",
    "line",
    "part",
    "text",
    "number_text",
    "value",
    "value_max",
    "qualifier",
    "unit",
    "period",
    "per_unit",
    "code",
    "label",
]
CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
APPROX = ("余", "多", "近", "约", "左右")


def cn_int(s):
    """Small Chinese numerals: 两, 十, 十五, 二十三, 百."""
    if s == "百":
        return 100
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN[a] if a else 1) * 10 + (CN[b] if b else 0)
    return CN[s]


def parse_number(nt, unit):
    """Return (value, value_max, approx_marker) implied by number_text."""
    core = nt.rstrip("%")
    approx = any(m in core for m in APPROX)
    for m in APPROX:
        core = core.replace(m, "")
    rng = re.split(r"[—\-~至到]", core)
    vals = []
    for part in rng:
        mult = 1
        if part.endswith("万"):
            part = part[:-1]
            mult = 1 if unit in ("万元",) else 10000
        elif part.endswith("亿"):
            part = part[:-1]
            mult = 1 if unit in ("亿元",) else 100000000
        num = float(part) if re.fullmatch(r"[0-9.]+", part) else cn_int(part)
        vals.append(num * mult)
    return vals[0], (vals[1] if len(vals) > 1 else None), approx


def manifest_reports(seed):
    return {r["report_key"]: r for r in json.loads(MANIFEST[seed].read_text("utf-8"))}


def seed_lines(seed):
    path = next(SEED_DIR.glob(f"{seed:03d}_*.txt"))
    return path.read_text("utf-8").split("\n")


def check_file(path, uncovered=False):
    errors = []
    m = re.fullmatch(r"stats_(\d+)_(\d+)\.jsonl", path.name)
    seed, title = int(m.group(1)), int(m.group(2))
    key = f"{seed:03d}:{title}"
    rep = manifest_reports(seed)[key]
    lines = seed_lines(seed)
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    for i, r in enumerate(rows, 1):
        where = f"{path.name}#{i} (line {r.get('line')}, {r.get('number_text')!r})"
        missing = [f for f in FIELDS if f not in r]
        if missing:
            errors.append(f"{where}: missing {missing}")
            continue
        if r["report"] != key:
            errors.append(f"{where}: report {r['report']} != {key}")
        ln = r["line"]
        if not (rep["title_line"] <= ln <= rep["end_line"]):
            errors.append(f"{where}: line outside report span")
        exp_part = "plan" if ln > rep["plan_heading_line"] else "review" if ln > rep["review_heading_line"] else "other"
        if r["part"] != exp_part and not (r["part"] == "other" and exp_part == "review"):
            errors.append(f"{where}: part {r['part']} but line lies in {exp_part}")
        text = lines[ln - 1]
        if r["text"] not in text:
            errors.append(f"{where}: text not found in seed line")
        if r["number_text"] not in r["text"]:
            errors.append(f"{where}: number_text not in text")
        try:
            v, vmax, approx = parse_number(r["number_text"], r["unit"])
        except Exception as e:  # noqa: BLE001
            errors.append(f"{where}: cannot parse number_text ({e})")
            continue
        if abs(v - r["value"]) > 1e-9:
            errors.append(f"{where}: value {r['value']} != {v} from number_text")
        if vmax != r["value_max"]:
            errors.append(f"{where}: value_max {r['value_max']} != {vmax}")
        if approx and r["qualifier"] != "approx":
            errors.append(f"{where}: number_text has an approx marker, qualifier {r['qualifier']}")
        if r["number_text"].endswith("%") != (r["unit"] == "%"):
            errors.append(f"{where}: % in number_text vs unit mismatch")
        if r["qualifier"] not in ("exact", "approx", "at_least", "at_most"):
            errors.append(f"{where}: bad qualifier")
        if r["period"] not in ("year", "term", "unspecified"):
            errors.append(f"{where}: bad period")
        if r["part"] not in ("review", "plan", "other"):
            errors.append(f"{where}: bad part")
        if not isinstance(r["per_unit"], bool):
            errors.append(f"{where}: per_unit not bool")
        if r["code"] not in CODES:
            errors.append(f"{where}: unknown code {r['code']}")
        if not r["label"]:
            errors.append(f"{where}: empty label")
    if uncovered:
        covered = {}
        for r in rows:
            covered.setdefault(r["line"], []).append(r["number_text"])
        for ln in range(rep["title_line"], rep["end_line"] + 1):
            for num in re.findall(r"\d+(?:\.\d+)?", lines[ln - 1]):
                if not any(num in nt for nt in covered.get(ln, [])):
                    print(f"  uncovered {key} line {ln}: {num}")
    slog = sum(1 for r in rows if r.get("slogan_like"))
    print(f"{path.name}: {len(rows)} mentions ({slog} slogan_like), {len(errors)} errors")
    return errors


def main():
    uncovered = "--uncovered" in sys.argv
    errors = []
    for path in sorted(HERE.glob("stats_*.jsonl")):
        errors += check_file(path, uncovered)
    for e in errors:
        print("ERROR", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
