"""The scorer (score_importer), the corpus it scores, and the reading rules it measures."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from initiatives.importer.errors import ImportRefused
from initiatives.importer.matcher import Matcher
from initiatives.importer.meeting import parse_meeting
from initiatives.importer.pipeline import build_proposal
from initiatives.importer.proposal import PROPOSAL_VERSION, Proposal
from initiatives.importer.readers import read_document
from initiatives.importer.scoring import proposed_initiatives, score_statement, total
from initiatives.importer.series import SERIES, series_for_title
from initiatives.importer.services import proposal_prepare, statement_precheck
from initiatives.importer.splitter import split_statement
from initiatives.models import Meeting
from tests.snapshot import DEMO

from .make_corpus import CONVERSIONS, SOURCES
from .steps import STATEMENTS, table_counts

GOLD = Path(__file__).resolve().parent / "gold.json"


def mention(paragraph, target, status="", expected=""):
    return {
        "key": f"p{paragraph}",
        "paragraph": paragraph,
        "target": target,
        "status": status,
        "expected_text": expected,
        "keep": True,
    }


def typed(parts: dict) -> Proposal:
    """A proposal made of the few parts a scoring test gives."""
    empty = {"version": PROPOSAL_VERSION, "source": {}, "statement": {"text": ""}}
    return Proposal.from_json({**empty, "meeting": {}, "paragraphs": [], **parts})


KNOWN_CERT = {"type": "initiative", "id": 7, "name": "ASEAN Regional Computer Emergency Team"}


class TestScoring:
    proposal = typed(
        {
            "meeting": {"series": "ADGMIN", "number": 6},
            "candidates": [
                {"key": "c1", "name": "ASEAN Digital Masterplan 2030", "acronym": "ADM 2030"},
                {"key": "c2", "name": "Joint Media Statement", "action": "reject"},
                {"key": "c3", "name": "ASEAN Cable Guide", "action": "accept"},
            ],
            "mentions": [
                mention(2, {"type": "candidate", "key": "c1"}, "adopted"),
                mention(3, KNOWN_CERT, "adopted"),
                mention(5, KNOWN_CERT, "implementing"),
                mention(6, {"type": "candidate", "key": "c2"}, "adopted"),
                mention(7, {"type": "candidate", "key": "c3"}, "preparing", "by mid-2026"),
            ],
        }
    )
    gold = {
        "initiatives": [
            {"name": "ADM 2030", "status": "adopted", "expected": ""},
            {"name": "ASEAN Regional CERT", "status": "implementing"},
            {"name": "ASEAN Data Guide", "status": "adopted"},
        ]
    }

    def score(self):
        return score_statement(
            "x.md",
            self.gold,
            self.proposal,
            known_names=lambda pk: ("ASEAN Regional CERT",) if pk == 7 else (),
            catalogue_names=frozenset({"aseanregionalcert"}),
        )

    def test_it_counts_recall_precision_and_status_by_initiative(self):
        score = self.score()
        assert (score.gold, score.proposed, score.matched) == (3, 3, 2)
        assert score.missed == ["ASEAN Data Guide"]
        assert score.extra == ["ASEAN Cable Guide"]  # the rejected candidate is not proposed
        assert (round(score.recall, 3), round(score.precision, 3)) == (0.667, 0.667)
        assert score.status_agreement == 1.0  # implementing is furthest along for the CERT

    def test_discovery_counts_only_what_the_catalogue_does_not_know(self):
        score = self.score()
        assert (score.undiscovered, score.discovered) == (2, 1)

    def test_expected_words_are_checked_where_the_gold_gives_them(self):
        score = self.score()
        assert (score.expected_checked, score.expected_agreed) == (1, 1)

    def test_a_wrong_status_is_a_disagreement(self):
        gold = {"initiatives": [{"name": "ASEAN Regional CERT", "status": "adopted"}]}
        score = score_statement(
            "x.md", gold, self.proposal, known_names=lambda pk: ("ASEAN Regional CERT",)
        )
        assert score.status_agreement == 0.0
        assert score.disagreements == ["ASEAN Regional CERT: implementing (gold: adopted)"]

    def test_an_end_outranks_the_ladder_said_in_another_paragraph(self):
        proposal = typed(
            {
                "candidates": [{"key": "c1", "name": "ASEAN X Plan"}],
                "mentions": [
                    mention(2, {"type": "candidate", "key": "c1"}, "superseded"),
                    mention(3, {"type": "candidate", "key": "c1"}, "implementing"),
                ],
            }
        )
        (row,) = proposed_initiatives(proposal)
        assert (row.status, row.paragraphs) == ("superseded", [2, 3])

    def test_a_merged_candidate_is_the_known_initiative(self):
        proposal = typed(
            {
                "candidates": [
                    {"key": "c1", "name": "ASEAN Reg. CERT", "action": "merge", "merge_into": 7}
                ],
                "mentions": [mention(2, {"type": "candidate", "key": "c1"}, "adopted")],
            }
        )
        (row,) = proposed_initiatives(proposal, lambda pk: ("ASEAN Regional CERT",))
        assert row.known and "aseanregionalcert" in row.names

    def test_the_total_adds_up_the_statements(self):
        overall = total([self.score(), self.score()])
        assert (overall.gold, overall.matched, overall.proposed) == (6, 4, 6)
        assert round(overall.precision, 3) == 0.667


def score_corpus(*args):
    out, err = StringIO(), StringIO()
    call_command("score_importer", str(GOLD), str(STATEMENTS), *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def corpus_scores(computed):
    return computed("corpus", DEMO.load, lambda: json.loads(score_corpus("--json")))


class TestTheCorpus:
    def test_it_holds_at_least_eight_statements_in_every_format(self):
        gold = json.loads(GOLD.read_text(encoding="utf-8"))["statements"]
        assert len(gold) >= 8
        assert {Path(name).suffix for name in gold} >= {".md", ".txt", ".html", ".pdf", ".docx"}
        series = {entry["meeting"]["series"] for entry in gold.values()}
        assert "ADGMIN" in series and any(s.startswith("ADGMIN+") for s in series)

    def test_every_statement_meets_the_targets(self, corpus_scores):
        for row in corpus_scores["statements"]:
            assert row["error"] == ""
            assert row["recall"] >= 0.95, row
            assert row["precision"] >= 0.90, row
            assert row["status_agreement"] >= 0.95, row
        assert corpus_scores["targets_met"] is True

    def test_the_masterplans_defa_and_the_cert_read_right(self, corpus_scores):
        for row in corpus_scores["statements"]:
            assert not [d for d in row["disagreements"] if "Masterplan" in d or "CERT" in d], row

    def test_scoring_writes_nothing(self, corpus_scores, db):
        before = table_counts()
        score_corpus()
        assert table_counts() == before

    @pytest.mark.parametrize("source", sorted(CONVERSIONS))
    def test_the_pdf_and_word_files_read_as_their_sources(self, source):
        target = STATEMENTS / CONVERSIONS[source][1]
        converted = split_statement(read_document(target.read_bytes(), filename=target.name).text)
        original = split_statement(
            read_document((SOURCES / source).read_bytes(), filename=source).text
        )
        assert [p.text for p in converted.paragraphs] == [p.text for p in original.paragraphs]


def test_the_table_names_every_statement_and_the_overall_line(corpus_scores, db):
    out = score_corpus()
    for row in corpus_scores["statements"]:
        assert row["file"] in out
    assert "overall" in out and "Targets" in out


def test_a_missing_gold_file_or_statement_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("score_importer", str(tmp_path / "none.json"), str(STATEMENTS))
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"version": 1, "statements": {"absent.md": {}}}))
    with pytest.raises(CommandError, match="absent.md"):
        call_command("score_importer", str(gold), str(STATEMENTS))
    gold.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("score_importer", str(gold), str(STATEMENTS))


# ----------------------------------------------------------------------------------------------
# Meeting series
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "series"),
    [
        ("The 5th ASEAN-Japan Digital Ministers' Meeting", "ADGMIN+Japan"),
        ("ASEAN-China Digital Ministers’ Meeting", "ADGMIN+China"),
        ("the 3rd ASEAN-Republic of Korea Digital Ministers Meeting", "ADGMIN+Korea"),
        ("ASEAN-ROK Digital Ministers' Meeting", "ADGMIN+Korea"),
        ("India-ASEAN Digital Ministers' Meeting", "ADGMIN+India"),
        ("The ASEAN-U.S. Digital Ministers' Meeting", "ADGMIN+US"),
        ("ASEAN-EU Digital Ministers' Meeting", "ADGMIN+EU"),
        ("the ASEAN Digital Ministers' Meeting with the European Union", "ADGMIN+EU"),
        ("ADGMIN+Japan", "ADGMIN+Japan"),
        ("THE FOURTH ASEAN DIGITAL MINISTERS' MEETING", "ADGMIN"),
        ("The 6th ASEAN Digital Senior Officials' Meeting (ADGSOM)", "ADGSOM"),
        ("The Ministers thanked us all.", None),
    ],
)
def test_every_series_is_recognised_from_its_title(title, series):
    assert series_for_title(title) == series
    assert series is None or series in SERIES


def test_a_statement_without_an_ordinal_names_its_series(catalogue):
    text = (
        "1. The ASEAN-Japan Digital Ministers' Meeting was held on 15 January 2026 in Hanoi, "
        "Viet Nam.\n2. The Ministers approved the ASEAN-Japan Digital Work Plan 2026.\n"
    )
    meeting = parse_meeting(split_statement(text), {}, Matcher(catalogue.entries))
    assert (meeting.series, meeting.number, meeting.start_date) == (
        "ADGMIN+Japan",
        None,
        date(2026, 1, 15),
    )


UNNUMBERED = (
    "1. The {name} was held on {day} in Singapore.\n"
    "2. The Ministers approved the ASEAN Digital Cable Guide.\n"
)


def test_an_unnumbered_statement_takes_the_same_year_meeting_of_its_series(
    tracker_without_statements,
):
    planned = Meeting.objects.get(series="ADGMIN", number=4)  # announced for 2024
    text = UNNUMBERED.format(name="ASEAN Digital Ministers' Meeting", day="1 February 2024")
    statement_precheck(text.encode(), filename="x.txt")  # not refused
    proposal = proposal_prepare(text.encode(), filename="x.txt")
    assert (proposal.meeting.series, proposal.meeting.number) == ("ADGMIN", 4)
    assert proposal.existing_meeting.id == planned.pk


def test_an_unnumbered_statement_of_a_new_series_takes_the_next_free_number(
    tracker_without_statements,
):
    text = UNNUMBERED.format(name="ASEAN-EU Digital Ministers' Meeting", day="2 February 2027")
    proposal = proposal_prepare(text.encode(), filename="x.txt")
    meeting = proposal.meeting
    assert (meeting.series, meeting.number) == ("ADGMIN+EU", 1)
    assert meeting.title.startswith("1st ")
    text = UNNUMBERED.format(name="ASEAN Digital Ministers' Meeting", day="20 January 2031")
    assert proposal_prepare(text.encode(), filename="x.txt").meeting.number == 5


# ----------------------------------------------------------------------------------------------
# Reading rules, through the pipeline and the seeded rules
# ----------------------------------------------------------------------------------------------

HEADER = "1. The 7th ASEAN Digital Ministers' Meeting was held on 15 January 2027 in Brunei.\n"


def read(catalogue, rules, *paragraphs):
    text = HEADER + "".join(f"{n}. {p}\n" for n, p in enumerate(paragraphs, start=2))
    proposal = build_proposal(text.encode(), catalogue=catalogue, rules=rules, filename="x.txt")
    return {row.name: row for row in proposed_initiatives(proposal)}, proposal


@pytest.mark.parametrize(
    ("sentence", "name", "status"),
    [
        # The object of the verb decides.
        (
            "The Ministers launched the negotiations on the DEFA.",
            "Digital Economy Framework Agreement",
            "preparing",
        ),
        (
            "The Ministers noted the progress of the negotiations on the DEFA.",
            "Digital Economy Framework Agreement",
            "preparing",
        ),
        (
            "The Ministers welcomed the substantial conclusion of the negotiations on the DEFA.",
            "Digital Economy Framework Agreement",
            "preparing",
        ),
        (
            "The Ministers welcomed the signing of the DEFA.",
            "Digital Economy Framework Agreement",
            "adopted",
        ),
        (
            "The DEFA entered into force in 2027.",
            "Digital Economy Framework Agreement",
            "implementing",
        ),
        ("The Ministers launched a study on the ASEAN Cloud Framework.", "ASEAN Cloud Framework",
         "preparing"),
        ("The Ministers launched a public consultation on the ASEAN Online Harms Code.",
         "ASEAN Online Harms Code", "preparing"),
        ("The Ministers welcomed the launch of the pilot of the ASEAN Data Sandbox.",
         "ASEAN Data Sandbox", "preparing"),
        # Operation is implementing; launching a facility adopts it.
        ("The Ministers welcomed that the ASEAN Regional CERT is now fully operational.",
         "ASEAN Regional CERT", "implementing"),
        ("The Ministers welcomed the operation of the ASEAN Regional CERT.",
         "ASEAN Regional CERT", "implementing"),
        ("The ASEAN Digital Index held its annual forum in Jakarta.", "ASEAN Digital Index",
         "implementing"),
        ("The ASEAN Regional CERT released its latest threat report.", "ASEAN Regional CERT",
         "implementing"),
        ("The ASEAN Smart Cities Network has been used by seven Member States.",
         "ASEAN Smart Cities Network", "implementing"),
        ("The ASEAN Cyber Fund continues to train officials of Member States.",
         "ASEAN Cyber Fund", "implementing"),
        ("The Ministers launched the ASEAN Cyber Operations Hub.", "ASEAN Cyber Operations Hub",
         "adopted"),
        # Ends.
        ("The Ministers noted that the ASEAN Digital Masterplan 2025 has been fully implemented.",
         "ASEAN Digital Masterplan 2025", "completed"),
        ("The ASEAN Digital Skills Programme concluded its final activities in 2026.",
         "ASEAN Digital Skills Programme", "completed"),
        ("The ASEAN Connectivity Index achieved its targets.", "ASEAN Connectivity Index",
         "completed"),
        ("The ASEAN Broadband Framework was discontinued.", "ASEAN Broadband Framework",
         "discontinued"),
        ("The ASEAN e-Commerce Programme will no longer be pursued.",
         "ASEAN e-Commerce Programme", "discontinued"),
        ("The ASEAN Digital Masterplan 2025 was succeeded by the ASEAN Digital Masterplan 2030.",
         "ASEAN Digital Masterplan 2025", "superseded"),
        ("The ASEAN Digital Masterplan 2025 was succeeded by the ASEAN Digital Masterplan 2030.",
         "ASEAN Digital Masterplan 2030", ""),
    ],
)  # fmt: skip
def test_it_reads_the_words_as_design_says(catalogue, seeded_rules, sentence, name, status):
    found, _ = read(catalogue, seeded_rules, sentence)
    assert name in found, sorted(found)
    assert found[name].status == status


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The Ministers approved the ASEAN Data Portability Guide and the ASEAN Data Breach "
            "Notification Guide.",
            {"ASEAN Data Portability Guide", "ASEAN Data Breach Notification Guide"},
        ),
        (
            "The Ministers endorsed the ASEAN Digital ID Framework, the ASEAN e-Invoicing "
            "Guideline and the ASEAN Open Data Roadmap.",
            {
                "ASEAN Digital ID Framework",
                "ASEAN e-Invoicing Guideline",
                "ASEAN Open Data Roadmap",
            },
        ),
        (
            "The Ministers approved the ADGSOM-ATRC Work Plan and Budget 2027 and the ADGSOM-ATRC "
            "Key Deliverables 2027.",
            {"ADGSOM-ATRC Work Plan and Budget 2027", "ADGSOM-ATRC Key Deliverables 2027"},
        ),
        (
            "The Ministers endorsed the ASEAN Guide on AI Governance and Ethics and the ASEAN "
            "Recommendations on Anti-Online Scams.",
            {
                "ASEAN Guide on AI Governance and Ethics",
                "ASEAN Recommendations on Anti-Online Scams",
            },
        ),
    ],
)
def test_one_verb_gives_its_status_to_every_item_of_a_list(
    catalogue, seeded_rules, sentence, names
):
    found, _ = read(catalogue, seeded_rules, sentence)
    assert set(found) == names
    assert {row.status for row in found.values()} == {"adopted"}


def test_a_period_after_a_name_is_not_an_expected_date(catalogue, seeded_rules):
    _, proposal = read(
        catalogue,
        seeded_rules,
        "The Ministers approved the ASEAN Digital Masterplan 2030 (ADM 2030) for 2026-2030.",
    )
    (row,) = proposal.mentions
    assert (row.status, row.expected_text, row.expected_date) == ("adopted", "", None)


def test_the_next_meeting_as_announced_dates_what_is_due_there(catalogue, seeded_rules):
    _, proposal = read(
        catalogue,
        seeded_rules,
        "The Ministers looked forward to the ASEAN AI Readiness Report, to be presented at the "
        "next ADGMIN.",
        "The Ministers agreed to convene the 8th ADGMIN in Malaysia in January 2028.",
    )
    (row,) = proposal.mentions
    assert (row.status, row.expected_date, row.expected_precision) == (
        "preparing",
        date(2028, 1, 1),
        "month",
    )


@pytest.mark.parametrize(
    ("sentence", "name", "status"),
    [
        # A report or study received has been delivered; a guide is not a report.
        (
            "The Ministers acknowledged the Report on Online Scams in ASEAN 2025-2026.",
            "Report on Online Scams in ASEAN 2025-2026",
            "completed",
        ),
        (
            "The Ministers endorsed the Joint Mapping Guide to ASEAN MCCs and EU SCCs.",
            "Joint Mapping Guide to ASEAN MCCs and EU SCCs",
            "adopted",
        ),
        (
            "The Ministers looked forward to the ASEAN Quantum Readiness Study in 2027.",
            "ASEAN Quantum Readiness Study",
            "preparing",
        ),
        # The work plan of a year already over has run its course.
        (
            "The Ministers approved the ADGSOM-ATRC Key Deliverables 2026.",
            "ADGSOM-ATRC Key Deliverables 2026",
            "completed",
        ),
        (
            "The Ministers approved the ADGSOM-ATRC Work Plan 2027.",
            "ADGSOM-ATRC Work Plan 2027",
            "adopted",
        ),
        # Named only as a reference point of another initiative.
        (
            "The Ministers approved the ASEAN Cloud Roadmap, aligned with the ASEAN Community "
            "Vision 2045.",
            "ASEAN Community Vision 2045",
            "",
        ),
        # A successor still being developed supersedes nothing yet.
        (
            "The Ministers agreed to begin the development of the ASEAN Digital Masterplan 2030 "
            "as the successor to the ASEAN Digital Masterplan 2025.",
            "ASEAN Digital Masterplan 2025",
            "",
        ),
        (
            "The Ministers endorsed the ASEAN Regional CERT Implementation Paper.",
            "ASEAN Regional CERT",
            "preparing",
        ),
        (
            "The Ministers noted the activities of the ASEAN Regional CERT following the adoption "
            "of its financial model.",
            "ASEAN Regional CERT",
            "implementing",
        ),
        # A relative clause inside a list describes its own item.
        (
            "The Ministers endorsed the ASEAN CERT Funding Model, which will enable the "
            "operationalisation of the ASEAN Regional CERT, and the ASEAN Spectrum Work Plan 2027.",
            "ASEAN Spectrum Work Plan 2027",
            "adopted",
        ),
        (
            "The Ministers endorsed the ASEAN CERT Funding Model, which will enable the "
            "operationalisation of the ASEAN Regional CERT, and the ASEAN Spectrum Work Plan 2027.",
            "ASEAN Regional CERT",
            "preparing",
        ),
        (
            "The Ministers noted that the ASEAN Digital Masterplan 2025 will be succeeded by the "
            "ASEAN Digital Masterplan 2030.",
            "ASEAN Digital Masterplan 2025",
            "",
        ),
        (
            "The Ministers agreed to discontinue the ASEAN Broadband Index.",
            "ASEAN Broadband Index",
            "discontinued",
        ),
        (
            "The Ministers welcomed the plan of Malaysia to convene the ASEAN Cloud Forum in 2027.",
            "ASEAN Cloud Forum",
            "preparing",
        ),
    ],
)
def test_the_kind_of_thing_named_adds_to_the_words(catalogue, seeded_rules, sentence, name, status):
    found, _ = read(catalogue, seeded_rules, sentence)
    assert name in found, sorted(found)
    assert found[name].status == status


def test_one_paragraph_saying_an_end_and_a_step_keeps_the_end(catalogue, seeded_rules):
    _, proposal = read(
        catalogue,
        seeded_rules,
        "The Ministers noted that the ASEAN Digital Masterplan 2025 was replaced by a new plan, "
        "and welcomed the progress of the ASEAN Digital Masterplan 2025 in its final year.",
    )
    (row,) = [m for m in proposal.mentions if m.target.id == 100]
    assert row.status == "superseded"


def test_exact_dates_refine_a_meeting_recorded_by_its_month(tracker_without_statements):
    Meeting.objects.filter(series="ADGMIN", number=2).update(
        start_date=date(2022, 1, 1), end_date=None, date_text="January 2022"
    )
    text = (
        "1. The 2nd ASEAN Digital Ministers' Meeting was held on 28 January 2022, hosted by "
        "Myanmar.\n2. The Ministers launched the ASEAN Cyber Guide.\n"
    )
    statement_precheck(text.encode(), filename="x.txt")  # not a contradiction
    proposal = proposal_prepare(text.encode(), filename="x.txt")
    assert proposal.meeting_values.start_date == "2022-01-28"
    wrong = text.replace("28 January 2022", "28 February 2022")
    with pytest.raises(ImportRefused):
        proposal_prepare(wrong.encode(), filename="x.txt")


def test_a_related_meeting_with_co_chairs_and_its_next_meeting(catalogue):
    from initiatives.importer.meeting import parse_next_meetings

    text = (
        "1. The Fourth ASEAN-Republic of Korea Digital Ministers' Meeting was held on 17 January "
        "2025 in Bangkok, Thailand. The Meeting was co-chaired by H.E. Mr A. Somchai, Minister "
        "of Digital Economy of Thailand, and H.E. Mr B. Kim, Minister of Science of the Republic "
        "of Korea.\n"
        "2. The Ministers agreed to hold the next ASEAN-Korea Digital Ministers' Meeting in Viet "
        "Nam in 2026.\n"
    )
    split = split_statement(text)
    matcher = Matcher(catalogue.entries)
    meeting = parse_meeting(split, {}, matcher)
    assert (meeting.series, meeting.number, meeting.venue) == (
        "ADGMIN+Korea",
        4,
        "Bangkok, Thailand",
    )
    assert (meeting.chair.country, meeting.vice_chair.country) == ("Thailand", "Republic of Korea")
    (planned,) = parse_next_meetings(split, meeting, matcher)
    assert (planned.series, planned.number, planned.host, planned.date_text) == (
        "ADGMIN+Korea",
        5,
        "Viet Nam",
        "2026",
    )
