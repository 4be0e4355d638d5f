"""Stage 3: one automaton finds every known name, however it is spelled."""

import time

from initiatives.importer.matcher import Matcher, fold_with_index

from .conftest import initiative, partner


def found(catalogue, text):
    return [(m.text, m.entry.id) for m in Matcher(catalogue.entries).find(text)]


def test_it_ignores_spacing_case_and_punctuation(catalogue):
    assert found(catalogue, "the ADM2025 and the adm 2025") == [("ADM2025", 100), ("adm 2025", 100)]
    japan_plan = Matcher([partner(1, "ASEAN-Japan Centre")])
    assert [m.text for m in japan_plan.find("the ASEAN - Japan Centre")] == ["ASEAN - Japan Centre"]


def test_it_maps_matches_back_to_the_original_text_across_accents_and_ligatures():
    matcher = Matcher([initiative(1, "Cafe Programme"), initiative(2, "Office Study")])
    text = "the Café Programme and the O\ufb03ce Study"
    matches = matcher.find(text)
    assert [text[m.start : m.end] for m in matches] == ["Café Programme", "O\ufb03ce Study"]


def test_it_takes_a_bracketed_acronym_with_the_name(catalogue):
    assert found(catalogue, "welcomed the Digital Economy Framework Agreement (DEFA).") == [
        ("Digital Economy Framework Agreement (DEFA)", 101)
    ]
    assert found(catalogue, "the Republic of Korea (ROK) and ROK") == [
        ("Republic of Korea (ROK)", 11),
        ("ROK", 11),
    ]


def test_it_finds_a_long_name_written_with_acronyms_in_brackets(catalogue):
    text = (
        "before Implementing Guidelines for the ASEAN Data Management Framework (DMF) and ASEAN "
        "Cross Border Data Flows (CBDF) Mechanism, the initiative"
    )
    matches = Matcher(catalogue.entries).find(text)
    assert [m.entry.id for m in matches] == [103]
    assert matches[0].text.endswith("(CBDF) Mechanism")


def test_the_longest_match_wins(catalogue):
    matcher = Matcher(
        [*catalogue.entries, initiative(200, "Expanded ASEAN Guide on AI Governance and Ethics")]
    )
    matches = matcher.find("endorsed the Expanded ASEAN Guide on AI Governance and Ethics.")
    assert [m.entry.id for m in matches] == [200]


def test_it_respects_word_boundaries(catalogue):
    assert found(catalogue, "DEFAULT settings and INDIAN food") == []
    assert found(catalogue, "the DEFA's text") == [("DEFA", 101)]
    assert found(catalogue, "the DEFA\u00b9 footnote") == [("DEFA", 101)]


def test_short_capital_names_must_be_written_in_capitals(catalogue):
    assert found(catalogue, "it let us take an apt view") == []
    assert found(catalogue, "the US and the U.S. and APT") == [
        ("US", 12),
        ("U.S", 12),
        ("APT", 16),
    ]


def test_folding_keeps_an_index_of_source_characters():
    folded, index = fold_with_index("A & B")
    assert folded == "aandb"
    assert index == [0, 2, 2, 2, 4]


def test_its_cost_hardly_grows_with_the_number_of_names(seed_text):
    def timed(count: int) -> float:
        entries = [initiative(i, f"Synthetic Programme Number {i:05d}") for i in range(count)]
        matcher = Matcher(entries)
        runs = []
        for _ in range(5):  # the fastest run is the least disturbed by a busy machine
            start = time.perf_counter()
            matcher.find(seed_text)
            runs.append(time.perf_counter() - start)
        return min(runs)

    small, large = timed(100), timed(10_000)
    # A loop of one pattern per name would take about 100 times longer; allow for noise.
    assert large < small * 10
