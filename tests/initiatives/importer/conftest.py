"""Fixtures of the importer tests: statements on disk, a small catalogue, the seeded rules."""

import importlib

import pytest

from initiatives.importer.classify import Rule
from initiatives.importer.matcher import INITIATIVE, PARTNER, Catalogue, Entry
from tests.snapshot import Snapshot

from .steps import SEED, load_tracker_without_statements


def partner(pk, name, *aliases, short="", kind="dialogue_partner"):
    return Entry(PARTNER, pk, name, (name, *aliases, *([short] if short else [])), short, kind)


def initiative(pk, name, *aliases, acronym="", kind="other", work_plan=(None, None)):
    names = (name, *aliases, *([acronym] if acronym else []))
    return Entry(INITIATIVE, pk, name, names, acronym, kind, *work_plan)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


RULE_MIGRATIONS = (
    "0002_seed_status_rules",
    "0003_status_rules_for_later_statements",
    "0006_status_rules_for_pilots_outcomes_and_agreements",
    "0008_status_rules_reading_rules",
)


@pytest.fixture(scope="session")
def seeded_rules() -> list[Rule]:
    """The rules the data migrations seed, without a database."""
    return [
        Rule(pattern=pattern, match_kind=kind, status=status, priority=priority)
        for name in RULE_MIGRATIONS
        for kind, pattern, status, priority, _ in importlib.import_module(
            f"initiatives.migrations.{name}"
        ).RULES
    ]


@pytest.fixture
def catalogue() -> Catalogue:
    """A few partners and initiatives, enough to exercise every stage without a database."""
    return Catalogue(
        [
            partner(1, "Philippines", "the Philippines", kind="member_state"),
            partner(2, "Singapore", kind="member_state"),
            partner(3, "Thailand", kind="member_state"),
            partner(4, "Viet Nam", "Vietnam", kind="member_state"),
            partner(10, "Japan"),
            partner(11, "Republic of Korea", "Korea", short="ROK"),
            partner(12, "United States", "US", short="U.S."),
            partner(13, "European Union", short="EU"),
            partner(14, "China"),
            partner(15, "India"),
            partner(16, "Asia-Pacific Telecommunity", short="APT", kind="international_org"),
            partner(
                20,
                "ASEAN Digital Ministers' Meeting",
                "ASEAN Digital Ministers Meeting",
                short="ADGMIN",
                kind="asean_body",
            ),
            partner(21, "ASEAN Digital Senior Officials' Meeting", short="ADGSOM", kind="body"),
            initiative(100, "ASEAN Digital Masterplan 2025", "ADM2025", acronym="ADM 2025"),
            initiative(101, "Digital Economy Framework Agreement", acronym="DEFA"),
            initiative(102, "ASEAN Guide on AI Governance and Ethics", kind="guide"),
            initiative(
                103,
                "Implementing Guidelines for the ASEAN Data Management Framework and ASEAN Cross "
                "Border Data Flows Mechanism",
                kind="guide",
            ),
            initiative(104, "ASEAN Data Management Framework", acronym="DMF", kind="framework"),
            initiative(
                105,
                "ASEAN-India 2023 Digital Work Plan",
                kind="work_plan",
                work_plan=(15, 2023),
            ),
            initiative(106, "ASEAN Regional CERT", kind="centre"),
        ]
    )


@pytest.fixture
def tracker_without_statements(db):
    """The demo's partners, meetings and initiatives, before any statement is imported."""
    CATALOGUE.load()


CATALOGUE = Snapshot(load_tracker_without_statements)


@pytest.fixture
def computed(db, request):
    """Run `fn` after `setup` in this test's database and remember the (plain data) result for
    the rest of the module, so that tests reading one proposal pay for its setup once."""
    cache = request.module.__dict__.setdefault("_computed_cache", {})

    def run(key, setup, fn):
        if key not in cache:
            setup()
            cache[key] = fn()
        return cache[key]

    return run


def sixth_docx() -> bytes:
    """A statement of an invented 6th meeting as a Word file: Word numbering, bold headings,
    a heading style, the date written the American way, and "the ADGMIN" as subject."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Joint Media Statement", style="Title")
    document.add_paragraph().add_run(
        "Sixth ASEAN Digital Ministers' Meeting, Hanoi, Viet Nam, January 15-16, 2026"
    ).italic = True
    paragraphs = [
        (
            None,
            "The Sixth ASEAN Digital Ministers' Meeting (6th ADGMIN) was held in Hanoi, Viet "
            "Nam on January 15-16, 2026. H.E. Ms Linh Pham, Minister of Science and Technology "
            "of Viet Nam, chaired the Meeting with H.E. Mr Dara Sok, Minister of Posts and "
            "Telecommunications of Cambodia as the Vice-Chair.",
        ),
        ("Building the ASEAN Digital Community", None),
        (
            None,
            "The ADGMIN launched the ASEAN Digital Trust Framework (ADTF) and took note of the "
            "preparatory work for the ASEAN Cross-Border Payments Roadmap.",
        ),
        (
            None,
            "The ADGMIN looked forward to the signing of the Digital Economy Framework "
            "Agreement (DEFA) in the second half of 2026.",
        ),
        (
            None,
            "The ADGMIN supported the proposal to establish an ASEAN Artificial Intelligence "
            "Safety Network and tasked ADGSOM to study its terms of reference by mid-2026.",
        ),
        ("Next Meeting", None),
        (
            None,
            "The ADGMIN agreed to convene the 7th ADGMIN and Related Meetings in Cambodia in "
            "early 2027.",
        ),
    ]
    for heading, text in paragraphs:
        if heading:
            document.add_paragraph().add_run(heading).bold = True
        else:
            document.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
