"""Clause table: a whole report sentence -> the indicator code of one number in it.

Sentences are written for these tests in the style of 人大常委会 / 政协常委会 work
reports of provinces, cities and counties. Each row names the number (as written)
whose code is checked; the sentence is run through the full statistics extractor,
so the clause, the 、-chain and the sentence contexts are all exercised.
Rows marked ``other`` are negatives: real counts that no specific code fits.
"""

import pytest

from reports.extraction.records import BodyRecord, ReportRecord
from reports.extraction.statistics import extract_statistics

NPC = BodyRecord("某市人民代表大会常务委员会", "npc_sc", "prefecture")
CPPCC = BodyRecord("政协某市委员会", "cppcc_sc", "prefecture")
BODIES = {"npc": NPC, "cppcc": CPPCC}


def code_of(kind: str, sentence: str, number_text: str) -> str:
    report = ReportRecord(
        key="t",
        title="工作报告",
        report_type="work_report",
        body=BODIES[kind],
        char_start=0,
        char_end=len(sentence),
        review_year=2023,
        plan_year=2024,
        review_scope="one_year",
        items=[],
    )
    found = [s for s in extract_statistics(sentence, report) if s.number_text == number_text]
    assert found, f"{number_text} not extracted from {sentence}"
    return found[0].indicator


CLAUSES = [
    # --- 人大常委会: meetings
    ("npc", "一年来，常委会共召开常委会会议8次，审议议题46项。", "8", "sc_meetings"),
    ("npc", "全年举行常委会全体会议6次。", "6", "sc_meetings"),
    ("npc", "召开主任会议22次，研究决定重要事项。", "22", "chair_meetings"),
    ("npc", "常委会党组召开党组会议19次，专题研究重大事项。", "19", "party_group_meetings"),
    # --- legislation
    ("npc", "制定和修订地方性法规5件，批准自治条例1件。", "5", "laws_passed"),
    ("npc", "审议通过地方性法规7件，其中新制定4件、修改3件。", "7", "laws_passed"),
    ("npc", "审议通过地方性法规7件，其中新制定4件、修改3件。", "4", "laws_new"),
    ("npc", "审议通过地方性法规7件，其中新制定4件、修改3件。", "3", "laws_amended"),
    ("npc", "打包修改涉及优化营商环境的法规6件。", "6", "laws_amended"),
    ("npc", "废止不适应改革发展要求的地方性法规2件。", "2", "laws_repealed"),
    ("npc", "审议物业管理条例草案等法规草案3件，尚未表决。", "3", "laws_under_review"),
    ("npc", "围绕养犬管理、烟花爆竹燃放等开展立法调研9项。", "9", "legislative_research"),
    ("npc", "新设立基层立法联系点8个，收集立法建议600余条。", "8", "legislative_contact_points"),
    ("npc", "新设立基层立法联系点8个，收集立法建议600余条。", "600余", "other"),
    # --- oversight
    ("npc", "听取和审议市政府专项工作报告14项。", "14", "reports_reviewed"),
    ("npc", "对大气污染防治法等4部法律法规开展执法检查。", "4", "law_enforcement_inspections"),
    ("npc", "开展执法检查5项，提出审议意见38条。", "5", "law_enforcement_inspections"),
    ("npc", "就义务教育优质均衡发展开展专题询问2次。", "2", "special_inquiries"),
    ("npc", "组织常委会组成人员开展视察调研26次。", "26", "inspections_visits"),
    ("npc", "备案审查规范性文件63件，督促制定机关纠正3件。", "63", "normative_docs_reviewed"),
    ("npc", "备案审查规范性文件63件，督促制定机关纠正3件。", "3", "other"),
    ("npc", "全年接收报备规范性文件41件，对存在问题的依法纠正2件。", "2", "other"),
    ("npc", "作出决议、决定9项，保障重大事项依法决策。", "9", "resolutions"),
    ("npc", "依法任免国家机关工作人员127人次。", "127", "appointments"),
    ("npc", "组织宪法宣誓6次，宣誓人员58人。", "6", "oath_sessions"),
    ("npc", "组织宪法宣誓6次，宣誓人员58人。", "58", "oath_persons"),
    # --- deputies
    ("npc", "大会期间代表提出建议6193件，已全部办结。", "6193", "deputy_suggestions"),
    ("npc", "代表提出的12件议案、435件建议全部办理完毕。", "12", "deputy_motions"),
    ("npc", "代表提出的12件议案、435件建议全部办理完毕。", "435", "deputy_suggestions"),
    ("npc", "交办代表建议、批评和意见298件，办复率100%。", "298", "deputy_suggestions"),
    ("npc", "交办代表建议、批评和意见298件，办复率100%。", "100%", "suggestion_resolution_rate"),
    ("npc", "代表对办理结果满意率达97.6%。", "97.6%", "suggestion_resolution_rate"),
    ("npc", "先后邀请市人大代表182人次列席常委会会议。", "182", "deputies_attending"),
    ("npc", "健全代表列席制度，共邀请代表64人次，实现全覆盖。", "64", "deputies_attending"),
    ("npc", "邀请代表45人次参加执法检查和视察调研活动。", "45", "other"),
    ("npc", "分三期培训代表3000余人次，实现新任代表全覆盖。", "3000余", "deputy_training"),
    ("npc", "举办代表履职培训班4期，参训代表560人次。", "560", "deputy_training"),
    ("npc", "举办代表履职培训班4期，参训代表560人次。", "4", "training_sessions"),
    ("npc", "全市建成代表之家126个、代表联络站1034个。", "1034", "liaison_stations"),
    ("npc", "在产业园区设立预算审查监督联系点5个。", "5", "other"),
    ("npc", "市人大常委会组成人员直接联系基层代表210名。", "210", "other"),
    # --- internal work
    ("npc", "开展“第一议题”学习31次，常委会党组理论学习中心组集体学习12次。", "31", "study_sessions"),
    ("npc", "开展“第一议题”学习31次，常委会党组理论学习中心组集体学习12次。", "12", "study_sessions"),
    ("npc", "举办人大讲堂专题讲座6期，机关干部全员参加。", "6", "training_sessions"),
    ("npc", "组织机关干部参加业务培训420人次。", "420", "trainees"),
    ("npc", "向市委请示报告重大事项21件。", "21", "requests_reported"),
    ("npc", "制定修订常委会议事规则等工作制度15项。", "15", "rules_adopted"),
    ("npc", "梳理完善调研、督办等工作流程9项。", "9", "rules_adopted"),
    ("npc", "形成高质量调研报告18篇，提出意见建议96条。", "18", "research_reports"),
    ("npc", "形成高质量调研报告18篇，提出意见建议96条。", "96", "recommendations"),
    ("npc", "受理群众来信来访1260件次，交办转办318件。", "1260", "petitions"),
    ("npc", "在各级媒体刊发人大新闻稿件460余篇。", "460余", "media_reports"),
    ("npc", "微信公众号推送信息1100余条。", "1100余", "media_reports"),
    ("npc", "组织开展人大代表“双联系”活动，帮助群众解决实际问题230余个。", "230余", "other"),
    # --- 政协常委会
    ("cppcc", "全年召开常委会议4次、主席会议13次。", "4", "cppcc_sc_meetings"),
    ("cppcc", "全年召开常委会议4次、主席会议13次。", "13", "cppcc_chair_meetings"),
    ("cppcc", "共收到委员提案486件，经审查立案432件。", "486", "proposals_submitted"),
    ("cppcc", "共收到委员提案486件，经审查立案432件。", "432", "proposals_accepted"),
    ("cppcc", "截至目前，已办复提案425件，办复率98.4%。", "425", "proposals_resolved"),
    ("cppcc", "截至目前，已办复提案425件，办复率98.4%。", "98.4%", "proposal_resolution_rate"),
    ("cppcc", "各党派团体提交集体提案67件。", "67", "proposals_submitted"),
    ("cppcc", "主席会议成员领衔督办重点提案12件。", "12", "other"),
    ("cppcc", "围绕乡村振兴收集社情民意信息1200余条，报送超过800篇，被采用160篇。", "800", "public_opinion_reports"),
    ("cppcc", "围绕乡村振兴收集社情民意信息1200余条，报送超过800篇，被采用160篇。", "160", "public_opinion_reports"),
    ("cppcc", "积极反映社情民意，向省政协报送58篇，被全国政协采用3篇。", "58", "public_opinion_reports"),
    ("cppcc", "委员提交提案、反映社情民意等共计210件。", "210", "other"),
    ("cppcc", "开展专题协商、对口协商等协商活动27次。", "27", "consultations"),
    ("cppcc", "组织委员视察调研35次，形成调研报告21篇。", "35", "cppcc_inspections"),
    ("cppcc", "组织委员视察调研35次，形成调研报告21篇。", "21", "research_reports"),
    ("cppcc", "委员参加各类履职活动4600余人次。", "4600余", "members_participation"),
    ("cppcc", "委员参加集中学习1800人次，举办委员培训班3期。", "1800", "members_participation"),
    ("cppcc", "委员参加集中学习1800人次，举办委员培训班3期。", "3", "training_sessions"),
    ("cppcc", "分批培训委员320人次。", "320", "trainees"),
    ("cppcc", "举办委员讲堂8期，邀请专家学者授课。", "8", "training_sessions"),
    ("cppcc", "报送建议案2份，提出对策建议150余条。", "2", "recommendations"),
    ("cppcc", "报送建议案2份，提出对策建议150余条。", "150余", "recommendations"),
    ("cppcc", "提出的十二条建议、五个“金点子”被市政府采纳。", "五", "recommendations"),
    ("cppcc", "发动委员捐款捐物折合860万元。", "860万", "money"),
    ("cppcc", "召开党组会议16次，向市委请示报告重要事项9次。", "9", "requests_reported"),
    ("cppcc", "接待群众来访83批次。", "83", "petitions"),
    ("cppcc", "协助省政协开展调研4次，做好服务保障。", "4", "other"),
    ("cppcc", "推荐28名委员担任特约监督员。", "28", "other"),
    ("cppcc", "在人民政协报等媒体刊发稿件120篇。", "120", "media_reports"),
    ("cppcc", "主席会议成员带头下沉开展协商活动12次。", "12", "consultations"),
    ("cppcc", "省政协领导6次来我市调研指导。", "6", "other"),
    ("cppcc", "微信公众号发稿578篇，总阅读量超过14万次。", "14万", "other"),
    ("npc", "常委会组成人员深入基层开展调研42次。", "42", "inspections_visits"),
    ("npc", "全年共向市委常委会会议专题汇报6次，向市委请示报告11次。", "6", "requests_reported"),
    ("npc", "课题调研提出了10个方面对策、30条具体建议。", "30", "recommendations"),
    ("npc", "大会期间，代表们积极建言，共收到建议612件。", "612", "deputy_suggestions"),
    ("npc", "231件代表建议全部办理完毕并答复代表。", "231", "deputy_suggestions"),
    ("npc", "向省人大常委会报备规范性文件16件。", "16", "other"),
    ("npc", "邀请代表群众参加各类会议、执法检查175人次。", "175", "other"),
    ("npc", "各联系点共报送法规修改意见建议56条。", "56", "recommendations"),
    ("npc", "通过网络媒体收到意见建议650条。", "650", "other"),
    # --- the counted noun after the unit, not the activity verb, decides (对N个部门进行专题询问)
    ("npc", "常委会对11个市直部门进行专题询问。", "11", "other"),
    ("npc", "对全市44个城市规划予以备案。", "44", "other"),
    ("npc", "开展执法检查4项，检查发现问题377项。", "4", "law_enforcement_inspections"),
    ("npc", "开展执法检查4项，检查发现问题377项。", "377", "other"),
    ("npc", "组织专题调研13次，走访企业86家。", "13", "inspections_visits"),
    ("npc", "组织专题调研13次，走访企业86家。", "86", "other"),
    ("npc", "深入32个乡镇、118个村开展视察调研。", "32", "other"),
    ("npc", "深入32个乡镇、118个村开展视察调研。", "118", "other"),
    ("npc", "对全市12个重点项目开展视察。", "12", "other"),
    ("npc", "对市政府8个工作部门开展工作评议。", "8", "other"),
    ("npc", "围绕民生实事开展专题询问3次。", "3", "special_inquiries"),
    ("npc", "对2018年以来制定的15部法规进行立法后评估。", "15", "other"),
    ("npc", "走访调研企业、社区等基层单位60余个。", "60余", "other"),
    ("npc", "督促有关部门办理群众反映的问题280件。", "280", "other"),
    ("npc", "全市建成15家立法联系点、60家民情联系点。", "15", "legislative_contact_points"),
    ("npc", "全市建成15家立法联系点、60家民情联系点。", "60", "other"),
    ("cppcc", "组织委员视察企业45家。", "45", "other"),
    ("cppcc", "开展对口协商12次，邀请17个部门参与。", "12", "consultations"),
    ("cppcc", "开展对口协商12次，邀请17个部门参与。", "17", "other"),
    # --- the subject decides
    ("npc", "市代表团在省人代会期间提出议案4件、建议52件。", "4", "other"),
    ("npc", "市代表团在省人代会期间提出议案4件、建议52件。", "52", "other"),
    ("npc", "全国人大代表团在大会期间提出建议38件。", "38", "other"),
    ("npc", "市人大代表在大会期间提出建议、批评和意见528件。", "528", "deputy_suggestions"),
    ("npc", "代表提交议案15件，均已交付专门委员会审议。", "15", "deputy_motions"),
    ("npc", "分级分类培训代表1200人次。", "1200", "deputy_training"),
    ("npc", "举办机关干部业务培训班3期，培训560人次。", "3", "training_sessions"),
    ("npc", "举办机关干部业务培训班3期，培训560人次。", "560", "trainees"),
    ("npc", "组织新任代表履职培训，参训280人次。", "280", "deputy_training"),
    ("cppcc", "委员提交提案523件，经审查立案468件。", "523", "proposals_submitted"),
    ("cppcc", "民主党派、工商联和人民团体提交提案71件。", "71", "proposals_submitted"),
    ("cppcc", "邀请委员列席常委会议86人次。", "86", "members_participation"),
    # --- media: items published are reports; outlets and reach are not
    ("npc", "在市级以上媒体发表稿件320篇。", "320", "media_reports"),
    ("npc", "在电视台开设《人大之声》专栏，播出节目48期。", "48", "media_reports"),
    ("npc", "在中央和省级媒体刊播新闻报道85篇次。", "85", "media_reports"),
    ("npc", "联合8家媒体开展集中宣传报道。", "8", "other"),
    ("npc", "微信公众号全年推文点击量达56万人次。", "56万", "other"),
    ("cppcc", "在各级媒体刊发政协新闻460篇，制作电视专题节目12期。", "12", "media_reports"),
    ("cppcc", "与6家媒体合作开设政协专栏。", "6", "other"),
    # --- 政协 recommendations and 社情民意
    ("cppcc", "形成建言报告12篇，报送市委市政府。", "12", "recommendations"),
    ("cppcc", "委员个人建言46条被有关部门采纳。", "46", "recommendations"),
    ("cppcc", "形成协商成果18项，推动转化落实。", "18", "recommendations"),
    ("cppcc", "委员撰写社情民意信息320篇。", "320", "public_opinion_reports"),
    ("cppcc", "社情民意信息获省领导批示15条。", "15", "public_opinion_reports"),
    ("cppcc", "编报《社情民意》专刊24期。", "24", "public_opinion_reports"),
    # --- laws and oaths
    ("npc", "制定出台地方性法规5部。", "5", "laws_passed"),
    ("npc", "制定修改地方性法规9件。", "9", "laws_passed"),
    ("npc", "新制定地方性法规3件。", "3", "laws_new"),
    ("npc", "组织新任命的国家工作人员进行宪法宣誓，共132人次。", "132", "oath_persons"),
    ("npc", "代表建议办结率100%，满意率98.6%。", "98.6%", "suggestion_resolution_rate"),
    ("npc", "先后制定出台物业管理条例等6部地方性法规，对2部法规进行修改。", "6", "laws_new"),
    ("npc", "先后制定出台物业管理条例等6部地方性法规，对2部法规进行修改。", "2", "laws_amended"),
    ("npc", "两次听取和审议市政府关于民生实事项目推进情况的报告。", "两", "reports_reviewed"),
    ("npc", "建成56个代表联络站、30个经济监督联系点。", "30", "other"),
    ("npc", "全国人大两位副委员长来我市调研指导。", "两", "other"),
    # body kind decides between the two families
    ("npc", "组织代表开展视察调研15次。", "15", "inspections_visits"),
    ("cppcc", "组织委员开展视察调研15次。", "15", "cppcc_inspections"),
    ("npc", "立案446件。", "446", "other"),
]


@pytest.mark.parametrize(("kind", "sentence", "number_text", "code"), CLAUSES)
def test_clause_code(kind, sentence, number_text, code):
    assert code_of(kind, sentence, number_text) == code


def test_table_covers_every_code():
    from reports.extraction.taxonomy import CODES

    assert {row[3] for row in CLAUSES} == CODES


@pytest.mark.parametrize(
    ("sentence", "number_text", "kept"),
    [
        ("发挥立法、农情、民情、经济监督四个联系点作用。", "四", False),
        ("制定法制、监察、财经、教科文卫、农业农村五个专门委员会议事规则。", "五", True),
    ],
)
def test_count_of_listed_parts(sentence, number_text, kept):
    report = ReportRecord(
        key="t",
        title="工作报告",
        report_type="work_report",
        body=NPC,
        char_start=0,
        char_end=len(sentence),
        review_year=2023,
        plan_year=2024,
        review_scope="one_year",
        items=[],
    )
    found = [s for s in extract_statistics(sentence, report) if s.number_text == number_text]
    assert bool(found) == kept
