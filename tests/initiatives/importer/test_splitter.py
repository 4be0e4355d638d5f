"""Stage 2: numbered paragraphs and section headings out of messy text."""

from initiatives.importer.readers import read_markdown
from initiatives.importer.splitter import clean_inline, join_lines, split_statement


def numbers(result):
    return [p.number for p in result.paragraphs]


def test_it_splits_the_seed_into_21_paragraphs_under_four_sections(seed_text):
    result = split_statement(read_markdown(seed_text).text)
    assert numbers(result) == list(range(1, 22))
    assert result.sections == [
        "Synergy Towards a Sustainable Digital Future",
        "Digital Cooperation with Dialogue and Development Partners",
        "Next Meeting",
        "Acknowledgement",
    ]
    assert result.title == "Joint Media Statement"


def test_it_keeps_a_bold_fragment_after_an_unfinished_sentence_in_its_paragraph(seed_text):
    fifth = split_statement(read_markdown(seed_text).text).paragraphs[4]
    assert fifth.text.endswith(
        "and ASEAN Cross Border Data Flows (CBDF) Mechanism, the initiative that was launched "
        "during the 1st ADGMIN."
    )
    assert "**" not in fifth.text


def test_it_joins_hard_wrapped_lines_and_paragraphs_without_blank_lines():
    text = (
        "1. The Ministers welcomed the\n"
        "ASEAN Digital Masterplan 2025.\n"
        "2. The Ministers noted the\n"
        "progress.\n"
    )
    result = split_statement(text)
    assert [p.text for p in result.paragraphs] == [
        "The Ministers welcomed the ASEAN Digital Masterplan 2025.",
        "The Ministers noted the progress.",
    ]


def test_it_finds_title_case_and_capital_headings_between_single_newlines():
    text = (
        "JOINT MEDIA STATEMENT\n"
        "1. The Ministers met.\n"
        "Cooperation with Dialogue Partners\n"
        "2. The Ministers thanked Japan.\n"
        "NEXT MEETING\n"
        "3. The Ministers agreed to meet again.\n"
    )
    result = split_statement(text)
    assert numbers(result) == [1, 2, 3]
    assert result.sections == ["Cooperation with Dialogue Partners", "NEXT MEETING"]
    assert result.paragraphs[0].section == ""
    assert result.title == "JOINT MEDIA STATEMENT"


def test_it_does_not_take_a_wrapped_line_for_a_heading():
    text = "1. The Ministers welcomed the progress of the\nASEAN Digital Masterplan\n2. Next."
    result = split_statement(text)
    assert result.sections == []
    assert result.paragraphs[0].text.endswith("of the ASEAN Digital Masterplan")


def test_it_keeps_a_capitals_title_block_as_the_preamble():
    text = "JOINT MEDIA STATEMENT\nOF THE 4TH MEETING\n1-2 FEBRUARY 2024, SINGAPORE\n\n1. Met."
    result = split_statement(text)
    assert result.title == "JOINT MEDIA STATEMENT OF THE 4TH MEETING 1-2 FEBRUARY 2024, SINGAPORE"
    assert numbers(result) == [1]


def test_it_mends_hyphenation_using_the_documents_own_words():
    text = "1. The develop-\nment of the people-\ncentred approach to development.\n"
    paragraph = split_statement(text).paragraphs[0]
    assert paragraph.text == "The development of the people-centred approach to development."


def test_it_mends_stray_spaces_after_hyphens_but_not_suspended_hyphens():
    text = "1. The ASEAN- China dialogue and short- and long-term CERT- related work.\n"
    paragraph = split_statement(text).paragraphs[0]
    assert paragraph.text == (
        "The ASEAN-China dialogue and short- and long-term CERT-related work."
    )


def test_it_collapses_stray_spaces_and_drops_emphasis():
    assert clean_inline("  The  **Meeting**\u00a0welcomed *it* , \\*here ") == (
        "The Meeting welcomed it, *here"
    )


def test_it_takes_a_number_alone_on_its_line_with_the_text_after_it():
    result = split_statement("1.\nThe Ministers met.\n2.\n\nThey agreed.\n")
    assert [p.text for p in result.paragraphs] == ["The Ministers met.", "They agreed."]


def test_it_counts_a_list_numbered_1_throughout():
    result = split_statement("1. One.\n\n1. Two.\n\n1. Three.\n")
    assert numbers(result) == [1, 2, 3]


def test_it_ignores_numbers_inside_text_that_do_not_follow_on():
    result = split_statement("1. The Meeting met in\n2023. Everyone came.\n2. Next.\n")
    assert numbers(result) == [1, 2]
    assert result.paragraphs[0].text == "The Meeting met in 2023. Everyone came."


def test_it_numbers_on_when_each_section_starts_again_at_one():
    text = "1. One.\n\n2. Two.\n\n3. Three.\n\n**Partners**\n\n1. Four.\n\n2. Five.\n"
    result = split_statement(text)
    assert [(p.number, p.text) for p in result.paragraphs][-2:] == [(4, "Four."), (5, "Five.")]
    assert "numbered on" in result.warnings[0]


def test_it_warns_about_a_skipped_paragraph_number():
    result = split_statement("1. One.\n2. Two.\n4. Four.\n")
    assert numbers(result) == [1, 2, 4]
    assert result.warnings == ["Paragraph 3 is missing: the numbering jumps to 4."]


def test_it_removes_bullet_markers_inside_a_paragraph():
    text = "1. The Ministers endorsed:\n• the Plan;\n• the Guide.\n2. Next."
    assert (
        split_statement(text).paragraphs[0].text == "The Ministers endorsed: the Plan; the Guide."
    )


def test_it_drops_page_numbers_left_in_plain_text():
    result = split_statement("1. The Ministers\nPage 1 of 2\nmet.\n- 2 -\n2. Next.\n")
    assert result.paragraphs[0].text == "The Ministers met."


def test_it_returns_no_paragraphs_for_text_without_numbering():
    assert split_statement("A press release\n\nwith no numbered paragraphs.").paragraphs == []


def test_join_lines_keeps_a_hyphen_before_a_capital():
    assert join_lines(["the ASEAN-", "Japan plan"]) == "the ASEAN-Japan plan"
