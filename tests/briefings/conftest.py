"""A small record around the 7th ADGMIN: the 5th and 6th held, the 7th planned.

Dates follow the real series (5th: January 2025, 6th: January 2026, 7th planned for January
2027 in Brunei Darussalam); the initiatives are chosen so that each section of the pack has
something to show and something it must leave out.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from initiatives.choices import EvidenceKind
from initiatives.models import (
    DesiredOutcome,
    Initiative,
    InitiativePartner,
    Meeting,
    Mention,
    Paragraph,
    ProgressUpdate,
    Statement,
)
from partners.models import Partner

TODAY = date(2026, 12, 2)


@dataclass
class Record:
    m5: Meeting
    m6: Meeting
    m7: Meeting
    defa: Initiative
    adm2030: Initiative
    ai_guide: Initiative
    study: Initiative
    cert: Initiative
    japan_2025: Initiative
    japan_2026: Initiative
    dmf: Initiative
    overdue: Initiative
    coming: Initiative
    idea: Initiative
    malaysia: Partner
    japan: Partner


def _statement(meeting: Meeting, paragraphs: list[tuple[int, str, str]]) -> list[Paragraph]:
    text = "\n\n".join(f"{n}. {t}" for n, _, t in paragraphs)
    statement = Statement.objects.create(meeting=meeting, text=text, checksum=f"{meeting.pk:064d}")
    return [
        Paragraph.objects.create(statement=statement, number=n, section=s, text=t)
        for n, s, t in paragraphs
    ]


def _mention(meeting, initiative, status, phrase, paragraph=None, **extra) -> Mention:
    return Mention.objects.create(
        meeting=meeting,
        initiative=initiative,
        paragraph=paragraph,
        status=status,
        phrase=phrase,
        matched_text=initiative.acronym or initiative.name,
        is_confirmed=True,
        **extra,
    )


@pytest.fixture
def record(db) -> Record:
    brunei = Partner.objects.create(
        name="Brunei Darussalam", slug="brunei", kind="member_state", country_code="BN"
    )
    malaysia = Partner.objects.get_or_create(
        name="Malaysia", defaults={"slug": "malaysia", "kind": "member_state", "country_code": "MY"}
    )[0]
    japan = Partner.objects.create(name="Japan", slug="japan", kind="dialogue_partner")
    adgsom = Partner.objects.create(
        name="ASEAN Digital Senior Officials' Meeting",
        short_name="ADGSOM",
        slug="adgsom",
        kind="asean_body",
    )
    m5 = Meeting.objects.create(
        series="ADGMIN", number=5, slug="adgmin-5", start_date=date(2025, 1, 16),
        end_date=date(2025, 1, 17), venue="Bangkok, Thailand",
        title="The 5th ASEAN Digital Ministers' Meeting",
    )  # fmt: skip
    m6 = Meeting.objects.create(
        series="ADGMIN", number=6, slug="adgmin-6", start_date=date(2026, 1, 15),
        end_date=date(2026, 1, 16), venue="Hanoi, Viet Nam",
        title="The 6th ASEAN Digital Ministers' Meeting",
    )  # fmt: skip
    m7 = Meeting.objects.create(
        series="ADGMIN", number=7, slug="adgmin-7", start_date=date(2027, 1, 14),
        is_planned=True, date_text="January 2027", venue="Bandar Seri Begawan", host=brunei,
        title="The 7th ASEAN Digital Ministers' Meeting",
    )  # fmt: skip

    def initiative(name, slug, acronym="", kind="framework", **extra):
        return Initiative.objects.create(name=name, slug=slug, acronym=acronym, kind=kind, **extra)

    defa = initiative(
        "Digital Economy Framework Agreement", "defa", "DEFA", "agreement", lead_body=adgsom
    )
    adm2030 = initiative("ASEAN Digital Masterplan 2030", "adm-2030", "ADM 2030", "masterplan")
    ai_guide = initiative("ASEAN Guide on AI Governance and Ethics", "ai-guide", kind="guide")
    study = initiative("ASEAN Data Landscape Study", "data-study", kind="study")
    cert = initiative(
        "ASEAN Regional Computer Emergency Response Team", "asean-cert", "ASEAN Regional CERT",
        "centre",
    )  # fmt: skip
    japan_2025 = initiative(
        "ASEAN-Japan Digital Work Plan 2025", "japan-2025", kind="work_plan",
        work_plan_partner=japan, work_plan_year=2025,
    )  # fmt: skip
    japan_2026 = initiative(
        "ASEAN-Japan Digital Work Plan 2026", "japan-2026", kind="work_plan",
        work_plan_partner=japan, work_plan_year=2026,
    )  # fmt: skip
    dmf = initiative("ASEAN Data Management Framework", "dmf", "DMF")
    overdue = initiative("ASEAN Online Safety Roadmap", "online-safety", kind="roadmap")
    coming = initiative("ASEAN Digital Talent Programme", "talent", kind="programme")
    idea = initiative("ASEAN Quantum Computing Framework", "quantum", kind="framework")
    InitiativePartner.objects.create(initiative=japan_2026, partner=japan, role="co_lead")
    outcome = DesiredOutcome.objects.create(masterplan=adm2030, code="DO3", title="Trust")
    dmf.outcomes.add(outcome)

    p5 = _statement(
        m5,
        [
            (2, "", "The Meeting noted the progress of the DEFA negotiations. The Meeting "
             "welcomed the ASEAN Regional CERT."),
            (3, "", "The Meeting welcomed the on-going implementation of the ASEAN Guide on AI "
             "Governance and Ethics."),
            (4, "", "The Meeting noted the completion of the ASEAN Data Landscape Study."),
            (5, "", "The Meeting endorsed the ASEAN-Japan Digital Work Plan 2025."),
            (6, "", "The Meeting endorsed the ASEAN Data Management Framework (DMF)."),
        ],
    )  # fmt: skip
    p6 = _statement(
        m6,
        [
            (2, "", "The Meeting approved the ASEAN Digital Masterplan 2030 (ADM 2030)."),
            (3, "", "The Meeting welcomed the progress in the implementation of the ASEAN "
             "Regional CERT."),
            (4, "", "The Meeting endorsed the ASEAN-Japan Digital Work Plan 2026."),
            (5, "", "The Meeting looked forward to the completion of the ASEAN Online Safety "
             "Roadmap by mid-2026 and of the ASEAN Digital Talent Programme in 2026. The "
             "Meeting endorsed the ASEAN Data Management Framework (DMF)."),
            (6, "", "The Meeting agreed to explore the ASEAN Quantum Computing Framework."),
        ],
    )  # fmt: skip
    _mention(m5, defa, "preparing", "noted the progress of … negotiations", p5[0])
    _mention(m5, cert, "adopted", "welcomed", p5[0])
    _mention(m5, ai_guide, "implementing", "welcomed the on-going implementation of", p5[1])
    _mention(m5, study, "completed", "noted the completion of", p5[2])
    _mention(m5, japan_2025, "adopted", "endorsed", p5[3])
    _mention(m5, dmf, "adopted", "endorsed", p5[4])
    # At the 6th, DEFA is known only from a report of the meeting.
    _mention(
        m6, defa, "preparing", "welcomed the substantial conclusion of the negotiations",
        evidence=EvidenceKind.REPORT, publisher="ASEAN Secretariat", confidence="high",
        source_url="https://asean.org/6th-adgmin-defa-report",
    )  # fmt: skip
    _mention(m6, adm2030, "adopted", "approved", p6[0])
    _mention(m6, cert, "implementing", "welcomed the progress in the implementation of", p6[1])
    _mention(m6, japan_2026, "adopted", "endorsed", p6[2])
    _mention(
        m6, overdue, "preparing", "looked forward to the completion of", p6[3],
        expected_date=date(2026, 6, 30), expected_text="by mid-2026",
    )  # fmt: skip
    _mention(
        m6, coming, "preparing", "looked forward to the completion of", p6[3],
        expected_date=date(2026, 12, 31), expected_text="in 2026",
    )  # fmt: skip
    _mention(m6, dmf, "adopted", "endorsed", p6[3])
    _mention(m6, idea, "proposed", "agreed to explore", p6[4])
    ProgressUpdate.objects.create(
        initiative=defa, date=date(2026, 5, 20), status="adopted",
        summary="Negotiations concluded; signing planned.",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        initiative=dmf, date=date(2026, 9, 1), status="completed",
        summary="Every Member State has adopted the framework.",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        initiative=adm2030, date=date(2026, 3, 1), member_state=malaysia,
        summary="National digital plan aligned with ADM 2030.",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        initiative=ai_guide, date=date(2025, 6, 1), member_state=malaysia,
        summary="Before the 6th: consultations.",
    )  # fmt: skip
    # Expectations as the record holds them (set after the mentions, which may refresh them).
    Initiative.objects.filter(pk=overdue.pk).update(
        expected_date=date(2026, 6, 30), expected_text="by mid-2026", expected_by=None,
        expected_met=False,
    )  # fmt: skip
    Initiative.objects.filter(pk=coming.pk).update(
        expected_date=date(2026, 12, 31), expected_text="in 2026", expected_by=None,
        expected_met=False,
    )  # fmt: skip
    return Record(
        m5, m6, m7, defa, adm2030, ai_guide, study, cert, japan_2025, japan_2026, dmf, overdue,
        coming, idea, malaysia, japan,
    )  # fmt: skip
