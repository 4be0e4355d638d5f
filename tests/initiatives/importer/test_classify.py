"""Stage 5: the phrase that governs each mention, and the status the rules table gives it."""

from datetime import date

import pytest

from initiatives.importer.classify import (
    NextMeeting,
    Rule,
    apply_rules,
    classify_mention,
    sentence_spans,
)


def classify(text, name, rules, *, names=(), not_before=None, nth=0, next_meeting=None):
    """Classify the `nth` occurrence of `name`; `names` are the other initiatives named."""

    def spans_of(n):
        out, i = [], text.find(n)
        while i >= 0:
            out.append((i, i + len(n)))
            i = text.find(n, i + 1)
        return out

    span = spans_of(name)[nth]
    spans = sorted({span, *(s for n in names for s in spans_of(n))})
    return classify_mention(
        text, span, spans, rules, not_before=not_before, next_meeting=next_meeting
    )


class TestRules:
    def test_the_highest_priority_rule_that_matches_decides(self):
        rules = [
            Rule("welcom", status="adopted", priority=50),
            Rule("progress", status="implementing", priority=240),
        ]
        assert apply_rules("welcomed the progress of", rules).status == "implementing"

    def test_a_rule_without_status_stops_weaker_rules(self):
        rules = [Rule("noted", priority=90), Rule("note", status="adopted", priority=10)]
        rule = apply_rules("noted the plan", rules)
        assert rule.pattern == "noted" and rule.status == ""

    def test_words_match_from_a_word_boundary_so_stems_cover_their_forms(self):
        rule = Rule("endorse", status="adopted")
        assert rule.matches("welcomed the endorsement of")
        assert rule.matches("ENDORSED")
        assert not rule.matches("reendorsed")

    def test_a_regex_rule_is_a_regular_expression(self):
        assert Rule(r"look\w*\s+forward", match_kind="regex").matches("looked  forward to")

    def test_a_broken_regex_is_skipped_not_fatal(self):
        assert apply_rules("anything", [Rule("(unclosed", match_kind="regex")]) is None


SEED_CASES = [
    (
        "The Meeting looked forward to the completion of study for the Digital Economy "
        "Framework Agreement (DEFA), to examine areas.",
        "Digital Economy Framework Agreement (DEFA)",
        (),
        "preparing",
        "",
    ),
    (
        "The Meeting also noted the completion of the AI Landscape Study Report, and welcomed the "
        "development of an ASEAN Guide on AI Governance and Ethics in 2023.",
        "ASEAN Guide on AI Governance and Ethics",
        ("AI Landscape Study Report",),
        "preparing",
        "2023",
    ),
    (
        "The Meeting also noted the completion of the AI Landscape Study Report, and welcomed the "
        "development of an ASEAN Guide on AI Governance and Ethics in 2023.",
        "AI Landscape Study Report",
        ("ASEAN Guide on AI Governance and Ethics",),
        "completed",
        "",
    ),
    (
        "The Meeting welcomed the endorsement of the ASEAN-U.S. priority areas, and looked forward "
        "to the adoption of the ASEAN-U.S. Work Plan in early 2023.",
        "ASEAN-U.S. Work Plan",
        (),
        "preparing",
        "early 2023",
    ),
    (
        "The Meeting welcomed ongoing activities, including the policy dialogue through the "
        "Digital Policy Forum and the development of the ASEAN Cybersecurity Assessment Model "
        "(ACAM), which was endorsed by ADGSOM in November 2022.",
        "ASEAN Cybersecurity Assessment Model (ACAM)",
        ("Digital Policy Forum",),
        "adopted",
        "",
    ),
    (
        "The Meeting welcomed Japan's contribution. The Meeting endorsed the ASEAN-Japan 2023 "
        "Digital Work Plan.",
        "ASEAN-Japan 2023 Digital Work Plan",
        (),
        "adopted",
        "",
    ),
]


@pytest.mark.parametrize(("text", "name", "names", "status", "expected"), SEED_CASES)
def test_it_reads_the_seed_sentences(seeded_rules, text, name, names, status, expected):
    result = classify(text, name, seeded_rules, names=names, not_before=date(2023, 2, 9))
    assert (result.status, result.expected_text) == (status, expected)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The Ministers adopted the X Plan.", "adopted"),
        ("The Ministers launched the X Plan.", "adopted"),
        ("The Ministers endorsed the X Plan.", "adopted"),
        ("The Ministers welcomed the signing of the X Plan.", "adopted"),
        ("The Ministers noted with appreciation the X Plan.", ""),
        ("The Ministers noted with appreciation the progress of the X Plan.", "implementing"),
        ("The Ministers welcomed the conclusion of the X Plan.", "completed"),
        ("The Ministers tasked ADGSOM to develop the X Plan.", "preparing"),
        ("The Ministers tasked ADGSOM to explore the X Plan.", "proposed"),
        ("The Ministers agreed to explore the X Plan.", "proposed"),
        ("The Ministers called for the development of the X Plan.", "proposed"),
        ("The Ministers looked forward to the finalisation of the X Plan.", "preparing"),
        ("The Ministers welcomed the ongoing work on the X Plan.", "preparing"),
        ("The Ministers welcomed the on-going implementation of the X Plan.", "implementing"),
        ("The Ministers acknowledged the X Plan.", ""),
        ("The Ministers expressed appreciation for the X Plan.", ""),
        ("The X Plan was launched at the Meeting.", "adopted"),
        ("The X Plan will be launched in 2025.", "preparing"),
        ("The Ministers welcomed the launch of the X Plan negotiations.", "preparing"),
        (
            "The Ministers welcomed the completion of the mid-term review of the X Plan.",
            "implementing",
        ),
        ("The Ministers adopted the Y Plan as the successor of the X Plan.", "superseded"),
        ("The Ministers noted the completion of the X Plan Mid-Term Review.", "implementing"),
        ("The Ministers noted the completion of the X Plan study.", "preparing"),
        ("The Ministers noted the progress in the development of the X Plan.", "preparing"),
        ("The Ministers noted that the X Plan had been completed.", "completed"),
        ("The Ministers welcomed the commencement of the X Plan.", "implementing"),
        ("The Ministers noted the concept paper on the X Plan.", "proposed"),
    ],
)
def test_it_maps_the_usual_phrases_to_statuses(seeded_rules, sentence, status):
    names = ("Y Plan",) if "Y Plan" in sentence else ()
    assert classify(sentence, "X Plan", seeded_rules, names=names).status == status


def test_one_verb_governs_a_whole_list(seeded_rules):
    text = "The Ministers endorsed the A Guide, the B Roadmap and the C Framework."
    names = ("A Guide", "B Roadmap", "C Framework")
    for name in names:
        result = classify(text, name, seeded_rules, names=names)
        assert (result.status, result.phrase) == ("adopted", "endorsed")


def test_each_item_of_a_list_keeps_its_own_action(seeded_rules):
    text = (
        "The Ministers welcomed the on-going implementation of the A Guide, the completion of "
        "the B Roadmap and the launch of the C Framework."
    )
    names = ("A Guide", "B Roadmap", "C Framework")
    statuses = [classify(text, n, seeded_rules, names=names).status for n in names]
    assert statuses == ["implementing", "completed", "adopted"]


def test_the_verb_of_the_same_sentence_governs_not_the_one_before(seeded_rules):
    text = "The Ministers endorsed the A Guide. The B Roadmap is mentioned here too."
    assert classify(text, "B Roadmap", seeded_rules, names=("A Guide",)).status == ""


def test_a_past_date_is_history_not_an_expectation(seeded_rules):
    text = "The Ministers welcomed the progress of the X Plan since its launch in 2022."
    result = classify(text, "X Plan", seeded_rules, not_before=date(2024, 1, 1))
    assert result.expected_text == ""


def test_the_first_date_still_ahead_is_the_expectation(seeded_rules):
    text = "The Ministers welcomed the progress of the X Plan, begun in 2022, and its end by 2025."
    result = classify(text, "X Plan", seeded_rules, not_before=date(2024, 1, 1))
    assert (result.expected_text, str(result.expected_date)) == ("by 2025", "2025-01-01")


def test_a_date_in_the_next_clause_belongs_to_that_clause(seeded_rules):
    text = "The Ministers endorsed the X Plan, and tasked ADGSOM to review it by 2025."
    assert classify(text, "X Plan", seeded_rules).expected_text == ""


@pytest.mark.parametrize(
    "text",
    [
        "The Ministers welcomed the progress of the X Plan for 2021-2025.",
        "The Ministers approved the X Plan for 2026-2030.",
        "The Ministers approved the X Plan (2026-2030).",
        "The Ministers approved the X Plan, which will guide cooperation from 2026 to 2030.",
        "The Ministers approved the X Plan for 2026.",
    ],
)
def test_a_period_is_never_an_expected_date(seeded_rules, text):
    result = classify(text, "X Plan", seeded_rules, not_before=date(2026, 1, 15))
    assert (result.expected_text, result.expected_date) == ("", None)


@pytest.mark.parametrize(
    ("text", "words", "on", "precision"),
    [
        ("The Ministers looked forward to the X Plan by mid-2026.", "by mid-2026", "2026-05-01",
         "half"),
        ("The Ministers looked forward to the X Plan in early 2027.", "early 2027", "2027-01-01",
         "half"),
        ("The Ministers looked forward to the X Plan in 2027.", "2027", "2027-01-01", "year"),
        ("The Ministers looked forward to the X Plan in March 2027.", "March 2027", "2027-03-01",
         "month"),
        ("The Ministers looked forward to the X Plan by 30 June 2026.", "by 30 June 2026",
         "2026-06-30", "day"),
        ("The Ministers looked forward to the X Plan in Q3 2026.", "Q3 2026", "2026-07-01",
         "quarter"),
    ],
)  # fmt: skip
def test_an_expected_date_keeps_its_precision(seeded_rules, text, words, on, precision):
    result = classify(text, "X Plan", seeded_rules, not_before=date(2026, 1, 15))
    assert (result.expected_text, str(result.expected_date), result.expected_precision) == (
        words,
        on,
        precision,
    )


def test_the_next_meeting_gives_its_announced_date(seeded_rules):
    text = "The Ministers looked forward to the X Plan, to be presented at the next ADGMIN."
    announced = NextMeeting("January 2027", date(2027, 1, 1), "month")
    result = classify(text, "X Plan", seeded_rules, next_meeting=announced)
    assert (result.status, result.expected_date, result.expected_precision) == (
        "preparing",
        date(2027, 1, 1),
        "month",
    )
    assert result.expected_text == "at the next ADGMIN (January 2027)"


def test_the_next_meeting_without_an_announced_date_sets_words_only(seeded_rules):
    text = "The Ministers looked forward to the X Plan, to be presented at the next ADGMIN."
    result = classify(text, "X Plan", seeded_rules)
    assert (result.expected_text, result.expected_date) == ("at the next ADGMIN", None)


def test_no_action_verb_means_no_phrase_and_no_status(seeded_rules):
    result = classify("In line with the X Plan, cooperation grew.", "X Plan", seeded_rules)
    assert (result.phrase, result.status) == ("", "")


def test_sentences_do_not_end_at_abbreviations_or_inside_names():
    text = "H.E. Dr. Tan met the U.S. Team. The ASEAN-U.S. Plan grew. Done."
    protected = [(text.index("ASEAN-U.S. Plan"), text.index("ASEAN-U.S. Plan") + 15)]
    spans = sentence_spans(text, protected)
    assert [text[a:b] for a, b in spans] == [
        "H.E. Dr. Tan met the U.S. Team.",
        "The ASEAN-U.S. Plan grew.",
        "Done.",
    ]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # A verb form after an article is a noun: the verb before it governs.
        ("The Meeting looks forward to the launch of the X Plan in 2025.", "preparing"),
        ("The Ministers looked forward to the official launch of the X Plan.", "preparing"),
        # An expectation outranks the completion it waits for.
        ("The Meeting looked forward to the conclusion of the X Plan negotiations.", "preparing"),
        (
            "The Meeting looked forward to the substantial conclusion of the X Plan in 2025.",
            "preparing",
        ),
        # Negotiations concluded, even substantially, leave an agreement unsigned: preparing.
        ("The Meeting welcomed the substantial conclusion of the X Plan.", "preparing"),
        ("The Meeting noted the completion of negotiations on the X Plan.", "preparing"),
        # Infinitives after "pleased to".
        ("The Meeting was pleased to note the adoption of the X Plan.", "adopted"),
        ("The Ministers were pleased to welcome the completion of the X Plan.", "completed"),
        # Officials are tasked in many words, and the body tasked can have a long name.
        (
            "The Meeting tasked the ADGSOM Working Group on Digital Data Governance to develop "
            "the X Plan.",
            "preparing",
        ),
        ("The Meeting instructed ADGSOM to develop the X Plan.", "preparing"),
        ("The Meeting directed ADGSOM to finalise the X Plan.", "preparing"),
        ("The Meeting tasked ADGSOM with the development of the X Plan.", "preparing"),
        ("The Meeting requested ADGSOM to study the X Plan.", "proposed"),
        # A future in the clause describing the name decides after a weak "welcomed".
        ("The Meeting welcomed the X Plan, to be launched in 2025.", "preparing"),
        ("The Meeting welcomed the X Plan, which will be launched in 2025.", "preparing"),
        ("The Meeting noted that the X Plan would be finalised in 2025.", "preparing"),
        # The name opens the sentence and a plain verb says what it does.
        ("The X Plan continues to guide cooperation.", "implementing"),
        ("The X Plan entered into force in 2024.", "implementing"),
        ("The Meeting noted the plans for the X Plan in 2024.", "preparing"),
        ("The Meeting announced the X Plan.", "adopted"),
    ],
)
def test_it_reads_the_phrasings_of_later_statements(seeded_rules, sentence, status):
    assert classify(sentence, "X Plan", seeded_rules).status == status


def test_a_participle_after_an_article_still_governs(seeded_rules):
    text = "The Meeting welcomed Japan's work under the endorsed X Plan."
    assert classify(text, "X Plan", seeded_rules).phrase == "endorsed"


def test_an_infinitive_joins_the_phrase_of_the_verb_before_it(seeded_rules):
    text = "The Meeting agreed to launch the X Plan."
    assert classify(text, "X Plan", seeded_rules).phrase == "agreed to launch"


def test_a_name_opening_its_sentence_takes_only_a_lower_case_verb(seeded_rules):
    text = "The X Plan Steering Committee met twice."
    assert classify(text, "X Plan", seeded_rules).status == ""


def test_a_date_after_a_verb_that_comes_back_to_the_negotiations_is_kept(seeded_rules):
    text = (
        "The Meeting noted the progress in the X Plan negotiations, and looked forward to the "
        "substantial conclusion of the negotiations in 2025."
    )
    result = classify(text, "X Plan", seeded_rules, not_before=date(2025, 1, 16))
    assert (result.status, result.expected_text) == ("preparing", "2025")


def test_a_date_in_the_clause_describing_the_mention_is_its_expectation(seeded_rules):
    text = "The Ministers welcomed the X Plan, to be launched in 2024."
    result = classify(text, "X Plan", seeded_rules, not_before=date(2024, 2, 1))
    assert (result.status, result.expected_text) == ("preparing", "2024")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Meeting noted the completion of the pilot of the X Plan.",
        "The Meeting welcomed the completion of the pilot phase of the X Plan.",
        "The Ministers welcomed the successful conclusion of the X Plan pilot.",
        "The pilot phase of the X Plan was completed in 2026.",
    ],
)
def test_a_completed_pilot_means_the_initiative_is_being_implemented(seeded_rules, sentence):
    assert classify(sentence, "X Plan", seeded_rules).status == "implementing"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        (
            "The Meeting noted that the X Plan has achieved most of its desired outcomes.",
            "implementing",
        ),
        ("The Meeting noted that the X Plan has been substantially implemented.", "implementing"),
        (
            "The Meeting noted with satisfaction that the X Plan has been largely completed.",
            "implementing",
        ),
        ("The Meeting noted that the X Plan has been fully implemented.", "completed"),
        ("The Meeting noted that the X Plan has achieved all of its targets.", "completed"),
        (
            "The Meeting welcomed the X Plan, which will be fully implemented by 2028.",
            "implementing",
        ),
    ],
)
def test_how_much_an_initiative_has_achieved_says_its_status(seeded_rules, sentence, status):
    assert classify(sentence, "X Plan", seeded_rules).status == status


def test_each_subject_of_a_that_clause_takes_its_own_predicate(seeded_rules):
    text = (
        "The Meeting noted that the X Plan has been fully implemented and that the Y Plan has "
        "achieved most of its desired outcomes."
    )
    x = classify(text, "X Plan", seeded_rules, names=["Y Plan"])
    y = classify(text, "Y Plan", seeded_rules, names=["X Plan"])
    assert (x.status, y.status) == ("completed", "implementing")
    assert "fully" not in y.phrase


@pytest.mark.parametrize(
    ("sentence", "status", "expected"),
    [
        ("The Meeting agreed on the X Plan.", "adopted", ""),
        ("The Ministers agreed upon the X Plan.", "adopted", ""),
        ("The Meeting agreed to launch the X Plan in 2027.", "preparing", "2027"),
        ("The Meeting agreed to develop the X Plan.", "preparing", ""),
        ("The Meeting agreed to jointly establish the X Plan.", "preparing", ""),
        ("The Meeting agreed on the need to strengthen the X Plan.", "", ""),
    ],
)
def test_agreeing_on_a_text_adopts_it_and_agreeing_to_launch_it_prepares_it(
    seeded_rules, sentence, status, expected
):
    result = classify(sentence, "X Plan", seeded_rules, not_before=date(2027, 1, 15))
    assert (result.status, result.expected_text) == (status, expected)


def test_a_possessive_after_another_name_is_not_part_of_the_phrase(seeded_rules):
    text = "The Meeting appreciated the X Fund’s assistance to the Y Plan."
    assert classify(text, "Y Plan", seeded_rules, names=["X Fund"]).phrase == (
        "appreciated … assistance to"
    )


def test_a_noun_after_a_possessive_says_what_happens_to_the_name(seeded_rules):
    text = "The Meeting noted the X Plan's implementation in five Member States."
    assert classify(text, "X Plan", seeded_rules).status == "implementing"
