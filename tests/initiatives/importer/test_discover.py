"""Stage 4: initiatives the tracker does not know yet, proposed with a kind and acronym."""

from initiatives.importer.discover import canonical_words, discover, find_titles
from initiatives.importer.matcher import Matcher

from .conftest import initiative


def titles(text):
    return [(name, kind, acronym) for name, kind, acronym, _, _ in find_titles(text)]


def proposed(catalogue, *paragraphs):
    matcher = Matcher(catalogue.entries)
    return discover(list(enumerate(paragraphs, start=1)), matcher)


def test_it_finds_titles_with_a_kind_word_and_an_acronym():
    assert titles("the development of the ASEAN Cybersecurity Assessment Model (ACAM), which") == [
        ("ASEAN Cybersecurity Assessment Model", "model", "ACAM")
    ]


def test_it_reads_the_head_noun_before_the_first_preposition():
    assert titles("welcomed the ASEAN Guide on AI Governance and Ethics in 2023.") == [
        ("ASEAN Guide on AI Governance and Ethics", "guide", "")
    ]
    assert titles("noted the Artificial Intelligence Landscape Study Report, and") == [
        ("Artificial Intelligence Landscape Study Report", "study", "")
    ]


def test_it_splits_two_titles_joined_by_and():
    assert titles(
        "the ASEAN-China Digital Security Forum and the 2nd ASEAN- China Cyber Dialogue"
    ) == [
        ("ASEAN-China Digital Security Forum", "forum", ""),
        ("ASEAN-China Cyber Dialogue", "forum", ""),
    ]


def test_it_keeps_a_dash_suffix_that_names_an_edition():
    assert titles(
        "endorsed the Expanded ASEAN Guide on AI Governance and Ethics - Generative AI."
    ) == [("Expanded ASEAN Guide on AI Governance and Ethics - Generative AI", "guide", "")]


def test_it_accepts_a_lower_case_head_after_a_capitalised_name():
    assert titles("acknowledged the ASEAN Open Data Dictionary initiative, and") == [
        ("ASEAN Open Data Dictionary", "programme", "")
    ]


def test_it_recognises_work_plans_written_in_many_ways():
    text = (
        "the ASEAN-EU 2023 Digital Workplan, the ASEAN-ROK Digital Work Plan 2023 and the "
        "ASEAN-U.S. Work Plan"
    )
    assert [t[:2] for t in titles(text)] == [
        ("ASEAN-EU 2023 Digital Workplan", "work_plan"),
        ("ASEAN-ROK Digital Work Plan 2023", "work_plan"),
        ("ASEAN-U.S. Work Plan", "work_plan"),
    ]


def test_it_does_not_propose_plain_words_or_someone_elses_policy():
    text = (
        "The Meeting thanked Dialogue Partners and Member States, in line with Korea's "
        "Indo-Pacific Strategy, through the Centre of Excellences and the Digital Work Plan."
    )
    assert titles(text) == []


def test_it_never_proposes_a_known_initiative_or_partner(catalogue):
    candidates = proposed(
        catalogue,
        "The Meeting welcomed the Digital Economy Framework Agreement (DEFA), the ASEAN "
        "Digital Ministers Meeting and the ADM 2025 Plan.",
        "Implementing Guidelines for the ASEAN Data Management Framework (DMF) and ASEAN Cross "
        "Border Data Flows (CBDF) Mechanism",
    )
    assert [c.name for c in candidates] == []


def test_it_proposes_a_longer_title_that_contains_a_known_one(catalogue):
    candidates = proposed(
        catalogue, "endorsed the Expanded ASEAN Guide on AI Governance and Ethics - Generative AI."
    )
    assert [c.name for c in candidates] == [
        "Expanded ASEAN Guide on AI Governance and Ethics - Generative AI"
    ]


def test_it_links_a_work_plan_to_its_partner_and_year(catalogue):
    (plan,) = proposed(catalogue, "The Meeting endorsed the ASEAN-Japan 2023 Digital Work Plan.")
    assert (plan.kind, plan.work_plan_partner_id, plan.work_plan_year) == ("work_plan", 10, 2023)
    assert plan.partner_ids == [10]


def test_it_suggests_merging_the_same_words_in_another_order(catalogue):
    (plan,) = proposed(catalogue, "The Meeting noted the ASEAN-India Digital Work Plan 2023.")
    assert plan.suggested_merge_id == 105
    assert "another order" in plan.merge_reason


def test_it_suggests_merging_the_same_partners_work_plan_for_the_same_year(catalogue):
    (plan,) = proposed(catalogue, "The Meeting noted the ASEAN-India ICT Cooperation Plan 2023.")
    assert plan.suggested_merge_id == 105
    assert "work plan" in plan.merge_reason


def test_it_does_not_merge_work_plans_of_different_years(catalogue):
    (plan,) = proposed(catalogue, "The Meeting noted the ASEAN-India 2024 Digital Work Plan.")
    assert plan.suggested_merge_id is None


def test_it_suggests_merging_a_title_with_a_known_acronym(catalogue):
    (defa,) = proposed(catalogue, "welcomed the ASEAN Digital Economy Agreement (DEFA).")
    assert defa.suggested_merge_id == 101


def test_it_keeps_one_candidate_per_name_and_remembers_its_acronym(catalogue):
    candidates = proposed(
        catalogue,
        "welcomed the ASEAN Smart Cities Network.",
        "noted the ASEAN Smart Cities Network (ASCN) and the ASEAN Smart Cities Network.",
    )
    assert [(c.name, c.acronym, c.paragraph) for c in candidates] == [
        ("ASEAN Smart Cities Network", "ASCN", 1)
    ]


def test_it_reads_a_period_in_brackets_as_the_period():
    matcher = Matcher([initiative(1, "Something Else")])
    text = "the Action Plan on Smart Manufacturing (2021-2025), which"
    (plan,) = discover([(1, text)], matcher)
    assert plan.name == "Action Plan on Smart Manufacturing (2021-2025)"
    assert (plan.period_start, plan.period_end) == (2021, 2025)


def test_canonical_words_ignore_order_and_spelling():
    assert canonical_words("ASEAN-India Digital Workplan 2023") == canonical_words(
        "ASEAN-India 2023 Digital Work Plan"
    )


def test_it_finds_a_programme_named_in_capitals_without_a_kind_word():
    text = "welcomed the completion of the ASEAN IGNITE and the launch of ASEAN DIGIHUB."
    assert titles(text) == [("ASEAN IGNITE", "programme", ""), ("ASEAN DIGIHUB", "programme", "")]


def test_a_known_acronym_after_asean_is_the_known_initiative(catalogue):
    assert proposed(catalogue, "The Meeting noted the ASEAN DEFA negotiations.") == []


def test_it_reads_the_title_after_a_partner_thanked_for_it():
    text = (
        "expressed appreciation to the ITU for the ITU-ASEAN Digital Transformation Programme "
        "and thanked Japan for the ASEAN-Japan Cyber Skills Programme."
    )
    assert [t[:2] for t in titles(text)] == [
        ("ITU-ASEAN Digital Transformation Programme", "programme"),
        ("ASEAN-Japan Cyber Skills Programme", "programme"),
    ]


def test_a_lower_case_head_names_only_the_last_title():
    text = "thanked the US for the US-ASEAN Smart Cities Partnership and the USAID IGNITE project."
    assert [t[:2] for t in titles(text)] == [
        ("US-ASEAN Smart Cities Partnership", "programme"),
        ("USAID IGNITE", "programme"),
    ]


def test_and_inside_a_name_does_not_split_it():
    text = (
        "endorsed the Bangkok Digital Declaration on Digital Trust and Inclusion and the ASEAN "
        "Framework for Digital Public Infrastructure."
    )
    assert [t[:2] for t in titles(text)] == [
        ("Bangkok Digital Declaration on Digital Trust and Inclusion", "declaration"),
        ("ASEAN Framework for Digital Public Infrastructure", "framework"),
    ]


def test_a_themed_year_is_a_programme_but_an_anniversary_is_not():
    assert titles("designated 2025 as the ASEAN-China Year of Digital Innovation.") == [
        ("ASEAN-China Year of Digital Innovation", "programme", "")
    ]
    assert titles("commemorated the 50th Year of ASEAN-Japan Friendship and Cooperation.") == []


def test_a_part_of_something_named_before_is_not_proposed():
    text = (
        "noted that the ASEAN Regional CERT was established and its Operational Framework "
        "endorsed, and endorsed their Monitoring and Evaluation Framework."
    )
    assert titles(text) == []


def test_a_partners_programme_for_asean_is_proposed_but_its_own_policy_is_not():
    text = (
        "took note of New Zealand's ASEAN Digital Skills Programme and Korea's Indo-Pacific "
        "Strategy."
    )
    assert titles(text) == [("ASEAN Digital Skills Programme", "programme", "")]


def test_it_knows_a_sandbox():
    assert titles("completed the pilot of the ASEAN Data Sandbox.") == [
        ("ASEAN Data Sandbox", "programme", "")
    ]


def test_capitals_before_a_lower_case_noun_describe_it_and_name_nothing():
    assert titles("support for the ASEAN MSME sector and the ASEAN TVET education.") == []
    assert titles("The ASEAN IGNITE was launched.") == [("ASEAN IGNITE", "programme", "")]


def test_a_name_followed_by_a_possessive_is_found_without_it():
    assert titles("The Meeting thanked Japan for ASEAN IGNITE's support to start-ups.") == [
        ("ASEAN IGNITE", "programme", "")
    ]
    assert titles("noted the ASEAN-Japan Digital Innovation Fund’s assistance, and") == [
        ("ASEAN-Japan Digital Innovation Fund", "mechanism", "")
    ]


def test_a_partner_possessive_before_a_title_still_marks_the_partner_policy():
    assert titles(
        "welcomed Korea's Indo-Pacific Strategy and New Zealand's ASEAN Skills Programme."
    ) == [("ASEAN Skills Programme", "programme", "")]


def test_terms_of_reference_of_a_body_are_a_document_of_their_own():
    assert titles(
        "The Meeting adopted the Terms of Reference (ToR) of the ASEAN Working Group on "
        "Artificial Intelligence Governance (WG-AIG)."
    ) == [
        (
            "Terms of Reference of the ASEAN Working Group on Artificial Intelligence Governance",
            "other",
            "",
        )
    ]


def test_terms_of_reference_of_an_initiative_propose_the_initiative():
    assert titles("endorsed the Terms of Reference for the ASEAN Data Governance Network.") == [
        ("ASEAN Data Governance Network", "network", "")
    ]


def test_terms_of_reference_of_no_named_body_are_nothing_to_track():
    assert titles("The Committee adopted its Terms of Reference for the coming year.") == []


def test_terms_of_reference_are_proposed_once_with_their_kind(catalogue):
    (candidate,) = proposed(
        catalogue,
        "The Meeting endorsed the Terms of Reference of the ASEAN Task Force on Online Scams.",
    )
    assert (candidate.name, candidate.kind) == (
        "Terms of Reference of the ASEAN Task Force on Online Scams",
        "other",
    )
