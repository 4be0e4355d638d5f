"""Which initiatives of the reference record member states carry out at home.

The reference file (initiatives/reference/, a copy of ../shared/reference/) reports what the
ministers decided; where a report says that member states implement an initiative themselves,
it is marked here as implemented nationally, with the reported fact and its source as the note.
Initiatives the reports only name, endorse or run regionally (the Regional CERT, the MCC/SCC
joint guide, the AI guide's generative-AI annex, ADM 2030 before any report of national action)
are left for officers to mark.

Called after every `reference_load` (a step registered in apps.py). An initiative that already
has a scope row keeps it, so an officer's decision, either way, is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from initiatives.models import Initiative

from .models import NationalScope


@dataclass(frozen=True)
class Reported:
    initiative: str  # the name the loader gives it (the catalogue's)
    fact: str  # what the reports say member states do, in a few words
    source: str

    @property
    def note(self) -> str:
        return f"Reference record: {self.fact} ({self.source})"


REPORTED = [
    Reported(
        "ASEAN Model Contractual Clauses for Cross Border Data Flows",
        "approved at the 1st ADGMIN for use in member states; capacity building on the DMF and "
        "MCCs launched in 2022",
        "https://www.engage.hoganlovells.com/knowledgeservices/news/asean-launches-model-contractual-clauses-for-cross-border-data-transfers",
    ),
    Reported(
        "ASEAN Data Management Framework",
        "implemented by member states through the Implementing Guidelines endorsed at the 1st "
        "ADGMIN; capacity building launched in 2022",
        "http://namnewsnetwork.org/?p=110347",
    ),
    Reported(
        "Implementing Guidelines for the ASEAN Data Management Framework and ASEAN Cross Border "
        "Data Flows Mechanism",
        "endorsed at the 1st ADGMIN for member states to implement the DMF and the CBDF mechanism",
        "http://namnewsnetwork.org/?p=110347",
    ),
    Reported(
        "ASEAN Guide on AI Governance and Ethics",
        "endorsed at the 4th ADGMIN; the Working Group on AI Governance oversees its adoption",
        "https://www.mtic.gov.bn/Lists/News/NewItemDisplay.aspx?ID=990",
    ),
    Reported(
        "ASEAN Recommendations on Anti-Online Scams",
        "welcomed at the 5th ADGMIN as the core of the Bangkok Digital Declaration",
        "https://www.bangkokpost.com/thailand/general/2932432/thailand-urges-regional-anti-scam-effort",
    ),
    Reported(
        "ASEAN Digital Masterplan 2025",
        "the 4th ADGMIN encouraged member states to carry out the Mid-Term Review's "
        "recommendations (the enabling actions)",
        "https://www.mtic.gov.bn/Lists/News/NewItemDisplay.aspx?ID=990",
    ),
    Reported(
        "ASEAN Cybersecurity Cooperation Strategy 2021-2025",
        "the 3rd ADGMIN welcomed member states' efforts to implement cybersecurity measures "
        "consistent with it",
        "https://newsbytes.ph/2023/02/12/ph-hosted-asean-ict-meeting-issues-boracay-digital-declaration/",
    ),
    Reported(
        "ASEAN Guidelines for Strengthening Resilience and Repair of Submarine Cables",
        "the enhanced guidelines (6th ADGMIN) ask each state for a 10-day cap on repair permits "
        "and a single national point of contact",
        "https://internationalbusinessweekly.com/asean-agrees-on-guidelines-for-quicker-subsea-cable-fixes",
    ),
]


def mark_reported_scope(report=None) -> int:
    """Mark the initiatives the reports say member states implement; returns how many were new.

    `report` is the reference load's report (anything with `add(what, n)`); an initiative the
    record does not hold is skipped, and a second load marks nothing.
    """
    by_name = {
        i.name: i
        for i in Initiative.objects.filter(name__in=[r.initiative for r in REPORTED]).only(
            "pk", "name"
        )
    }
    scoped = set(
        NationalScope.objects.filter(initiative__in=by_name.values()).values_list(
            "initiative_id", flat=True
        )
    )
    created = 0
    for reported in REPORTED:
        initiative = by_name.get(reported.initiative)
        if initiative is None or initiative.pk in scoped:
            continue
        NationalScope.objects.create(initiative=initiative, note=reported.note)
        created += 1
    if created and report is not None:
        report.add("initiatives marked as implemented nationally", created)
    return created
