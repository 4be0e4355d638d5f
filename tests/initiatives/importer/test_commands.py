"""import_statement and benchmark_importer, as an administrator runs them."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from initiatives.models import ImportJob, Statement

from .steps import SEED, STATEMENTS, table_counts


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_prints_the_parse_as_one_object_and_writes_nothing(tracker_without_statements):
    before = table_counts()
    out, err = run("import_statement", str(SEED), "--json")
    parsed = json.loads(out)
    assert set(parsed) == {"meeting", "paragraphs", "mentions", "planned_meetings"}
    assert len(parsed["paragraphs"]) == 21
    defa = [
        m for m in parsed["mentions"] if m["initiative"] == "Digital Economy Framework Agreement"
    ]
    assert defa[0]["status"] == "preparing" and defa[0]["known"] is True
    assert parsed["planned_meetings"][0]["number"] == 4
    assert "nothing was saved" in err  # notes go to stderr, so stdout stays JSON
    assert table_counts() == before


def test_dry_run_writes_nothing_and_says_so(tracker_without_statements):
    before = table_counts()
    out, _ = run("import_statement", str(SEED), "--dry-run")
    assert "3rd ASEAN Digital Ministers' Meeting (ADGMIN 3), 2023-02-09 to 2023-02-10" in out
    assert "21 paragraphs in 4 sections" in out
    assert "NEW ASEAN Cybersecurity Assessment Model: adopted" in out
    assert "Dry run: nothing was saved." in out
    assert table_counts() == before


def test_confirm_saves_and_a_second_run_changes_nothing(tracker_without_statements):
    out, _ = run("import_statement", str(SEED), "--confirm")
    assert "Imported the statement of the 3rd ADGMIN: 21 paragraphs" in out
    assert Statement.objects.count() == 1
    before = table_counts()
    out, _ = run("import_statement", str(SEED), "--confirm")
    assert "already in the tracker" in out and "Nothing was changed" in out
    assert table_counts() == before


def test_without_flags_it_leaves_the_proposal_for_review_in_the_browser(
    tracker_without_statements,
):
    out, _ = run("import_statement", str(STATEMENTS / "fourth-plain-wrapped.txt"))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.READY and job.proposal["meeting"]["number"] == 4
    assert f"/imports/{job.pk}/" in out
    assert Statement.objects.count() == 0


def test_a_refused_file_fails_with_its_message_and_writes_nothing(
    tracker_without_statements, tmp_path
):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 10)
    before = table_counts()
    with pytest.raises(CommandError, match="neither text"):
        run("import_statement", str(junk), "--confirm")
    assert table_counts() == before


def test_it_refuses_a_missing_file_and_contradictory_flags(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_statement", str(tmp_path / "nope.md"))
    with pytest.raises(CommandError, match="either --dry-run or --confirm"):
        run("import_statement", str(SEED), "--dry-run", "--confirm")


def test_the_benchmark_prints_a_table_for_each_size(db):
    out, _ = run("benchmark_importer", "--sizes", "40", "120", "--repeat", "1")
    lines = out.splitlines()
    assert "automaton build" in lines[1] and "regex match" in lines[1]
    rows = [line for line in lines if line.strip().split(" ")[0].replace(",", "").isdigit()]
    assert [int(row.split()[1].replace(",", "")) for row in rows] == [40, 120]
    assert all(row.rstrip().endswith("x") for row in rows)


def test_the_benchmark_refuses_nonsense_sizes(db):
    with pytest.raises(CommandError):
        run("benchmark_importer", "--sizes", "0")
