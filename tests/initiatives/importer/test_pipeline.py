"""The whole pipeline against the tracker's own catalogue and rules, as an officer meets it."""

from datetime import date

import pytest

from initiatives.importer.pipeline import summary_json
from initiatives.importer.proposal import Proposal
from initiatives.importer.services import proposal_prepare
from initiatives.models import Initiative
from tests.snapshot import DEMO

from .conftest import sixth_docx
from .conversions import to_docx, to_pdf
from .steps import SEED, STATEMENTS, load_tracker_without_statements


def mentions_by_name(proposal) -> dict[str, dict]:
    """The strongest mention of each initiative, by name, from the --json summary."""
    from initiatives.choices import STATUS_RANK

    best: dict[str, dict] = {}
    for m in summary_json(proposal)["mentions"]:
        held = best.get(m["initiative"])
        if held is None or STATUS_RANK.get(m["status"], 0) > STATUS_RANK.get(held["status"], 0):
            best[m["initiative"]] = m
    return best


@pytest.fixture
def seed_proposal(computed):
    return computed(
        "seed",
        load_tracker_without_statements,
        lambda: proposal_prepare(SEED.read_bytes(), filename=SEED.name),
    )


@pytest.fixture
def known_names(computed):
    return computed(
        "known",
        load_tracker_without_statements,
        lambda: {n.casefold() for i in Initiative.objects.all() for n in i.names()},
    )


def later(computed, name: str, data: bytes, filename: str = "") -> Proposal:
    return computed(name, DEMO.load, lambda: proposal_prepare(data, filename=filename))


class TestSeedStatement:
    """The checks of issue 3, on the 3rd ADGMIN statement."""

    def test_it_finds_the_meeting_and_its_details(self, seed_proposal):
        meeting = summary_json(seed_proposal)["meeting"]
        assert (meeting["series"], meeting["number"]) == ("ADGMIN", 3)
        assert (meeting["start_date"], meeting["end_date"]) == ("2023-02-09", "2023-02-10")
        assert meeting["venue"] == "Boracay Island, Aklan, Philippines"
        assert meeting["host"] == "Philippines"
        assert meeting["chair_country"] == "Philippines"
        assert meeting["vice_chair_country"] == "Singapore"

    def test_it_finds_21_paragraphs_in_four_sections(self, seed_proposal):
        paragraphs = summary_json(seed_proposal)["paragraphs"]
        assert [p["number"] for p in paragraphs] == list(range(1, 22))
        assert list(dict.fromkeys(p["section"] for p in paragraphs if p["section"])) == [
            "Synergy Towards a Sustainable Digital Future",
            "Digital Cooperation with Dialogue and Development Partners",
            "Next Meeting",
            "Acknowledgement",
        ]

    def test_it_announces_the_4th_adgmin_in_singapore(self, seed_proposal):
        (planned,) = summary_json(seed_proposal)["planned_meetings"]
        assert (planned["series"], planned["number"]) == ("ADGMIN", 4)
        assert (planned["venue"], planned["host"]) == ("Singapore", "Singapore")
        assert planned["date_text"] == "January/February 2024"

    def test_it_finds_at_least_25_distinct_initiatives(self, seed_proposal):
        assert len(mentions_by_name(seed_proposal)) >= 25

    @pytest.mark.parametrize(
        ("name", "known", "status", "expected"),
        [
            ("Digital Economy Framework Agreement", True, "preparing", ""),
            ("ASEAN-Japan 2023 Digital Work Plan", False, "adopted", ""),
            ("Artificial Intelligence Landscape Study Report", False, "completed", ""),
            ("ASEAN Guide on AI Governance and Ethics", True, "preparing", "2023"),
            ("ASEAN-U.S. Work Plan", False, "preparing", "early 2023"),
            ("ASEAN Cybersecurity Assessment Model", False, "adopted", ""),
            ("ASEAN Digital Masterplan 2025", True, "implementing", ""),
        ],
    )
    def test_it_reads_what_the_ministers_said(self, seed_proposal, name, known, status, expected):
        mention = mentions_by_name(seed_proposal)[name]
        assert (mention["known"], mention["status"], mention["expected"]) == (
            known,
            status,
            expected,
        )

    def test_it_proposes_new_initiatives_with_kind_acronym_and_partner(self, seed_proposal):
        candidates = {c.name: c for c in seed_proposal.candidates}
        acam = candidates["ASEAN Cybersecurity Assessment Model"]
        assert (acam.kind, acam.acronym, acam.action) == ("model", "ACAM", "accept")
        plan = candidates["ASEAN-Japan 2023 Digital Work Plan"]
        japan = plan.work_plan_partner_id
        assert (plan.kind, plan.work_plan_year) == ("work_plan", 2023)
        assert japan is not None and japan in plan.partner_ids

    def test_it_never_proposes_what_the_tracker_knows(self, seed_proposal, known_names):
        assert len(known_names) > 50
        assert not [c for c in seed_proposal.candidates if c.name.casefold() in known_names]

    def test_it_keeps_the_document_verbatim_with_its_checksum(self, seed_proposal):
        assert seed_proposal.statement.text == SEED.read_text(encoding="utf-8")
        assert len(seed_proposal.source.checksum) == 64


@pytest.mark.parametrize("convert", [to_pdf, to_docx], ids=["pdf", "docx"])
def test_the_seed_as_pdf_or_word_yields_the_same_paragraphs_and_mentions(
    computed, seed_proposal, seed_text, convert
):
    markdown = seed_proposal
    name = "seed.pdf" if convert is to_pdf else "seed.docx"
    other = computed(
        name,
        load_tracker_without_statements,
        lambda: proposal_prepare(convert(seed_text), filename=name),
    )
    assert summary_json(other)["paragraphs"] == summary_json(markdown)["paragraphs"]
    assert summary_json(other)["mentions"] == summary_json(markdown)["mentions"]
    assert summary_json(other)["meeting"] == summary_json(markdown)["meeting"]


def test_the_json_summary_has_exactly_the_documented_shape(seed_proposal):
    summary = summary_json(seed_proposal)
    assert set(summary) == {"meeting", "paragraphs", "mentions", "planned_meetings"}
    assert {frozenset(p) for p in summary["paragraphs"]} == {
        frozenset({"number", "section", "text"})
    }
    assert {frozenset(m) for m in summary["mentions"]} == {
        frozenset({"paragraph", "initiative", "known", "phrase", "status", "expected"})
    }


class TestLaterStatements:
    """Invented statements of later meetings, formatted unlike the seed."""

    def test_a_hard_wrapped_plain_text_with_a_capitals_title_block(self, computed):
        data = (STATEMENTS / "fourth-plain-wrapped.txt").read_bytes()
        proposal = later(computed, "fourth", data)
        meeting = summary_json(proposal)["meeting"]
        assert (meeting["number"], meeting["start_date"], meeting["venue"]) == (
            4,
            "2024-02-01",
            "Singapore",
        )
        assert (meeting["chair_country"], meeting["vice_chair_country"]) == (
            "Singapore",
            "Thailand",
        )
        assert meeting["theme"] == "Trusted Connections, Shared Growth"
        assert proposal.existing_meeting.is_planned is False  # held, in the reference
        (planned,) = proposal.planned_meetings
        assert (planned.number, planned.host, planned.date_text) == (
            5,
            "Thailand",
            "January 2025",
        )
        said = mentions_by_name(proposal)
        expected = {
            "ASEAN Digital Masterplan 2025": ("implementing", ""),
            "ASEAN Digital Masterplan 2030": ("preparing", "early 2025"),
            "ASEAN Guide on AI Governance and Ethics": ("adopted", ""),
            "ASEAN Online Safety Toolkit": ("adopted", ""),
            "Digital Economy Framework Agreement": ("preparing", "by 2025"),
            "ASEAN Regional Computer Emergency Response Team": ("adopted", ""),
            "ASEAN Quantum Readiness Framework": ("proposed", ""),
            "ASEAN Digital Talent Roadmap 2024-2030": ("preparing", "second half of 2024"),
            "ASEAN-Japan 2024 Digital Work Plan": ("adopted", ""),
            "ASEAN-India Digital Work Plan 2024": ("adopted", ""),
            "ASEAN-ROK Digital Work Plan 2024": ("adopted", ""),
            "ASEAN-EU Joint Guide for Model Contractual Clauses for Data Transfers": (
                "completed",
                "",
            ),
            # "will be launched at the next ADGMIN": the 5th, announced for January 2025.
            "ASEAN Smart Cities Digital Network": (
                "preparing",
                "at the next ADGMIN (January 2025)",
            ),
        }
        assert {n: (said[n]["status"], said[n]["expected"]) for n in expected} == expected
        candidates = {c.name: c for c in proposal.candidates}
        assert said["ASEAN Digital Masterplan 2030"]["known"] is True  # in the reference
        assert candidates["ASEAN Digital Talent Roadmap 2024-2030"].period_end == 2030

    def test_a_web_page_with_headings_and_ordered_lists(self, computed):
        proposal = later(computed, "fifth", (STATEMENTS / "fifth-website.html").read_bytes())
        meeting = summary_json(proposal)["meeting"]
        assert (meeting["number"], meeting["venue"], meeting["host"]) == (
            5,
            "Bangkok, Thailand",
            "Thailand",
        )
        assert (meeting["start_date"], meeting["end_date"]) == ("2025-01-16", "2025-01-17")
        assert meeting["vice_chair_country"] == "Viet Nam"
        assert meeting["declaration"] == "Chiang Mai Digital Declaration"
        (planned,) = proposal.planned_meetings
        assert (planned.number, planned.venue, planned.host) == (6, "Hanoi", "Viet Nam")
        said = mentions_by_name(proposal)
        assert said["ASEAN Digital Masterplan 2030"]["status"] == "adopted"
        assert said["ASEAN Digital Masterplan 2025"]["status"] == "superseded"
        assert said["Expanded ASEAN Guide on AI Governance and Ethics - Generative AI"][
            "status"
        ] == ("adopted")
        assert said["ASEAN Guide on AI Governance and Ethics"]["status"] == "implementing"
        assert said["ASEAN Digital Public Infrastructure Framework"]["status"] == "proposed"
        assert said["ASEAN Cyber Incident Response Playbook"]["status"] == "proposed"
        assert said["ASEAN-Japan 2024 Digital Work Plan"]["status"] == "completed"
        # "noted with appreciation the ADIX 2024 results": an index publishing results runs.
        assert said["ASEAN Digital Index"]["status"] == "implementing"

    def test_a_word_file_with_word_numbering(self, computed):
        proposal = later(computed, "sixth", sixth_docx(), "sixth.docx")
        meeting = summary_json(proposal)["meeting"]
        assert (meeting["number"], meeting["start_date"], meeting["end_date"]) == (
            6,
            "2026-01-15",
            "2026-01-16",
        )
        assert (meeting["venue"], meeting["host"]) == ("Hanoi, Viet Nam", "Viet Nam")
        assert (meeting["chair_name"], meeting["vice_chair_country"]) == (
            "Ms Linh Pham",
            "Cambodia",
        )
        assert proposal.sections == ["Building the ASEAN Digital Community", "Next Meeting"]
        said = mentions_by_name(proposal)
        assert said["ASEAN Digital Trust Framework"]["status"] == "adopted"
        assert said["ASEAN Cross-Border Payments Roadmap"]["status"] == "preparing"
        assert (
            said["Digital Economy Framework Agreement"]["status"],
            said["Digital Economy Framework Agreement"]["expected"],
        ) == ("preparing", "second half of 2026")
        assert said["ASEAN Artificial Intelligence Safety Network"]["status"] == "proposed"
        (planned,) = proposal.planned_meetings
        assert (planned.number, planned.host, planned.start_date) == (
            7,
            "Cambodia",
            date(2027, 1, 1),
        )


class TestLaterMarkdownStatements:
    """Invented 4th, 5th and 6th statements in the seed's Markdown shape, worded the ways later
    statements are: chairs named in other words, names without a kind word, passive voice."""

    @staticmethod
    def statement(computed, name):
        return later(computed, name, (STATEMENTS / name).read_bytes(), name)

    def test_the_4th_in_singapore(self, computed):
        proposal = self.statement(computed, "4th-adgmin-2024-singapore.md")
        meeting = summary_json(proposal)["meeting"]
        assert (meeting["number"], meeting["venue"], meeting["host"]) == (
            4,
            "Singapore",
            "Singapore",
        )
        assert (meeting["chair_country"], meeting["vice_chair_country"]) == (
            "Singapore",
            "Thailand",
        )
        said = mentions_by_name(proposal)
        assert (
            said["ASEAN Cybersecurity Cooperation Strategy 2021-2025"]["status"] == "implementing"
        )
        assert said["ASEAN Digital Talent Blueprint"]["status"] == "preparing"
        flagship = said["ASEAN-Korea Digital Innovation Flagship Project"]
        assert (flagship["status"], flagship["expected"]) == ("preparing", "2024")
        candidates = {c.name: c.kind for c in proposal.candidates}
        assert candidates["ITU-ASEAN Digital Transformation Programme"] == "programme"
        assert candidates["ASEAN-China Year of Digital Innovation"] == "programme"
        assert candidates["ASEAN IGNITE"] == "programme"
        assert "Operational Framework" not in candidates

    def test_the_5th_in_bangkok(self, computed):
        proposal = self.statement(computed, "5th-adgmin-2025-bangkok.md")
        meeting = summary_json(proposal)["meeting"]
        assert (meeting["chair_name"], meeting["chair_country"]) == (
            "Mr Prasert Wongsakul",
            "Thailand",
        )
        assert meeting["vice_chair_country"] == "Viet Nam"
        assert (
            meeting["declaration"] == "Bangkok Digital Declaration on Digital Trust and Inclusion"
        )
        said = mentions_by_name(proposal)
        assert said["ASEAN Framework for Digital Public Infrastructure"]["phrase"] == "endorsed"
        defa = said["Digital Economy Framework Agreement"]
        assert (defa["status"], defa["expected"]) == ("preparing", "2025")
        assert said["ASEAN DIGIHUB"]["status"] == "adopted"
        assert said["ASEAN Online Safety Toolkit"]["status"] == "adopted"
        assert "ASEAN Data Sandbox" in said
        (planned,) = proposal.planned_meetings
        assert (planned.number, planned.host, planned.date_text) == (6, "Viet Nam", "2026")

    def test_the_6th_in_viet_nam(self, computed):
        proposal = self.statement(computed, "6th-adgmin-2026-viet-nam.md")
        meeting = summary_json(proposal)["meeting"]
        assert (meeting["start_date"], meeting["end_date"]) == ("2026-01-15", "2026-01-16")
        assert (meeting["chair_country"], meeting["vice_chair_name"]) == (
            "Viet Nam",
            "Mr Chea Sopheak",
        )
        said = mentions_by_name(proposal)
        assert said["Digital Economy Framework Agreement"]["status"] == "adopted"
        assert (
            said["ASEAN Critical Information Infrastructure Protection Framework"]["status"]
            == "adopted"
        )
        assert said["ASEAN Digital Skills Programme"]["known"] is False
        assert "Monitoring and Evaluation Framework" not in said
        (planned,) = proposal.planned_meetings
        assert (planned.number, planned.venue, planned.host) == (
            7,
            "Phnom Penh",
            "Cambodia",
        )


def test_the_status_said_of_terms_of_reference_goes_to_what_they_constitute(computed):
    text = (
        "# Joint Media Statement of the 9th ASEAN Digital Ministers' Meeting\n\n"
        "1. The Ninth ASEAN Digital Ministers' Meeting (9th ADGMIN) was held on 14-15 January "
        "2029 in Manila, Philippines.\n\n"
        "2. The Meeting adopted the Terms of Reference of the ASEAN Working Group on Quantum "
        "Computing and looked forward to the adoption of the Terms of Reference for the ASEAN "
        "Quantum Research Network.\n"
    )
    proposal = later(computed, "tor", text.encode(), "ninth.md")
    mentions = mentions_by_name(proposal)
    tor = mentions["Terms of Reference of the ASEAN Working Group on Quantum Computing"]
    network = mentions["ASEAN Quantum Research Network"]
    assert (tor["known"], tor["status"], network["status"]) == (False, "adopted", "preparing")
