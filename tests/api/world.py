"""A small, varied database for the API tests, built with tests/factories.py.

``build_world()`` makes regions (a province, two prefectures, a county),
npc_sc and cppcc_sc bodies, sources with reports, agenda-item trees,
statistics (one rejected, one pair in conflict), indicators and an import run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.models import ImportRun, Statistic
from tests import factories as f

TEXT = (
    "白城市人民代表大会常务委员会工作报告\n"
    "一、加强立法工作\n"
    "一年来，召开常委会会议6次，审议通过地方性法规3件，开展立法调研12项。\n"
    "全年共召开常委会会议7次。\n"
    "（一）强化监督\n"
    "开展执法检查4次，听取专项工作报告8个。\n"
    "二、2024年工作安排\n"
    "计划开展执法检查5次。\n"
)


@dataclass
class World:
    regions: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)
    reports: list = field(default_factory=list)
    items: list = field(default_factory=list)
    statistics: list = field(default_factory=list)
    indicators: dict = field(default_factory=dict)


def _regions(world: World) -> None:
    jl = f.make_region("220000", "吉林省", "province")
    world.regions = {
        "jl": jl,
        "bc": f.make_region("220800", "白城市", "prefecture", jl, "吉林省白城市"),
        "tb": f.make_region("220802", "洮北区", "county", None, "吉林省白城市洮北区"),
        "cc": f.make_region("220100", "长春市", "prefecture", jl, "吉林省长春市"),
        "bj": f.make_region("110000", "北京市", "province"),
    }
    world.regions["tb"].parent = world.regions["bc"]
    world.regions["tb"].save()


def _bodies(world: World) -> None:
    r = world.regions
    world.bodies = {
        "jl": f.make_body("吉林省人民代表大会常务委员会", "npc_sc", "provincial", r["jl"]),
        "bc": f.make_body("白城市人民代表大会常务委员会", "npc_sc", "prefecture", r["bc"]),
        "tb": f.make_body("洮北区人民代表大会常务委员会", "npc_sc", "county", r["tb"]),
        "bc_cppcc": f.make_body("政协白城市委员会常务委员会", "cppcc_sc", "prefecture", r["bc"]),
        "bj": f.make_body("北京市人民代表大会常务委员会", "npc_sc", "provincial", r["bj"]),
    }


def _report(world: World, body, year: int, title: str, report_type="work_report") -> None:
    source = f.make_source(TEXT.replace("白城市", body.name[:3], 1))
    report = f.make_report(source, body, title=title, report_type=report_type, review_year=year, plan_year=year + 1)
    sec = f.make_item(report, "一、加强立法工作", number="一", heading="加强立法工作")
    sub = f.make_item(report, "（一）强化监督", parent=sec, number="（一）", heading="强化监督")
    plan = f.make_item(report, "计划开展执法检查5次。", part="plan", number="", heading="计划开展执法检查")
    world.items += [sec, sub, plan]
    ind = world.indicators
    world.statistics += [
        f.make_statistic(report, "召开常委会会议6次", "6", 6, ind["sc_meetings"], agenda_item=sec),
        f.make_statistic(report, "审议通过地方性法规3件", "3", 3, ind["laws_passed"], unit="件", agenda_item=sec),
        f.make_statistic(report, "开展执法检查4次", "4", 4, ind["inspections"], agenda_item=sub),
        f.make_statistic(report, "计划开展执法检查5次", "5", 5, ind["inspections"], part="plan", year=year + 1),
    ]
    world.reports.append(report)


def build_world(extra_reports: int = 0) -> World:
    """The standard test database; ``extra_reports`` more reports for paging and query-count tests."""
    world = World()
    _regions(world)
    _bodies(world)
    world.indicators = {
        "sc_meetings": f.make_indicator("sc_meetings", "召开常委会会议", "次"),
        "laws_passed": f.make_indicator("laws_passed", "审议通过地方性法规", "件"),
        "inspections": f.make_indicator("inspections", "开展执法检查", "次"),
    }
    b = world.bodies
    _report(world, b["bc"], 2023, "白城市人民代表大会常务委员会工作报告")
    _report(world, b["tb"], 2023, "洮北区人大常委会工作报告")
    _report(world, b["bj"], 2022, "北京市人大常委会监督工作情况")
    _report(world, b["bc_cppcc"], 2023, "政协白城市委员会常务委员会工作报告")
    for n in range(extra_reports):
        body = f.make_body(f"吉林省第{n}号人大常委会", "npc_sc", "county", world.regions["jl"])
        _report(world, body, 2000 + n % 20, f"吉林省人大常委会工作报告第{n}号")
    # The Baicheng 2023 report states a second, different meeting count: a conflict.
    bc = world.reports[0]
    world.statistics.append(
        f.make_statistic(bc, "共召开常委会会议7次", "7", 7, world.indicators["sc_meetings"], key="conflict")
    )
    rejected = world.statistics[4]  # Taobei's meetings, rejected by an editor
    rejected.review_status = Statistic.ReviewStatus.REJECTED
    rejected.save()
    ImportRun.objects.create(command="manage.py import_seeds", extractor_version="test", status="succeeded")
    return world
