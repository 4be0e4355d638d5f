"""The spreadsheet format: an export imports back unchanged; edits are planned, then applied."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from initiatives import services
from initiatives import spreadsheets as ss
from initiatives.models import Initiative, ProgressUpdate
from partners.models import Partner


@pytest.fixture
def records(demo, officer, focal_my):
    """The demo data plus an officer's update and a country note."""
    defa = Initiative.objects.get(slug="defa")
    services.progress_update_create(
        initiative=defa,
        user=officer,
        date=date(2024, 3, 1),
        summary="Negotiations <b>launched</b> & on track",
        status="preparing",
        percent_complete=10,
    )
    services.progress_update_create(
        initiative=defa,
        user=focal_my,
        date=date(2024, 3, 2),
        summary="=SUM(A1) looks like a formula",
        member_state=Partner.objects.get(slug="malaysia"),
    )


def _workbook_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _export_all() -> bytes:
    return ss.export_xlsx(ss.querysets())


def _plan(data: bytes, **kwargs) -> ss.ImportPlan:
    return ss.plan_import(ss.read_spreadsheet(data, **kwargs))


# ------------------------------------------------------------------------------
# Round trip
# ------------------------------------------------------------------------------
def test_an_xlsx_export_imports_back_unchanged(records, officer):
    data = _export_all()
    plan, result = ss.import_spreadsheet(data, user=officer, dry_run=True)
    assert plan.ok and not plan.pending
    counts = {title: (c, u, n) for title, c, u, n in plan.counts()}
    assert counts["Partners"] == (0, 0, Partner.objects.count())
    assert counts["Initiatives"] == (0, 0, Initiative.objects.count())
    # The two above and the events the reference record reports between meetings.
    assert counts["Progress updates"] == (0, 0, ProgressUpdate.objects.count())
    assert (
        str(result) == "Partners: 0 created, 0 changed; Initiatives: 0 created, 0 changed; "
        "Progress updates: 0 created, 0 changed"
    )


@pytest.mark.parametrize("sheet", ["partners", "initiatives", "progress_updates"])
def test_a_csv_export_imports_back_unchanged(records, officer, sheet):
    data = ss.export_csv(sheet)
    plan = _plan(data, filename=f"adgmin-{sheet}.csv")
    assert plan.ok, plan.problems
    assert not plan.pending
    assert plan.counts()[0][3] > 0


def test_an_applied_export_leaves_the_next_export_identical(records, officer):
    first = ss.export_csv("initiatives")
    ss.import_spreadsheet(first, user=officer, filename="initiatives.csv")
    assert ss.export_csv("initiatives") == first


def test_text_that_looks_like_a_formula_stays_text(records):
    wb = load_workbook(io.BytesIO(_export_all()))
    cells = [c for row in wb["progress_updates"].iter_rows() for c in row]
    formula_like = [c for c in cells if c.value == "=SUM(A1) looks like a formula"]
    assert formula_like and formula_like[0].data_type == "s"
    csv_text = ss.export_csv("progress_updates").decode("utf-8-sig")
    assert "'=SUM(A1) looks like a formula" in csv_text


def test_dates_are_real_date_cells_in_xlsx(records):
    wb = load_workbook(io.BytesIO(_export_all()))
    ws = wb["progress_updates"]
    header = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=header.index("date") + 1).is_date


# ------------------------------------------------------------------------------
# Planning and applying edits
# ------------------------------------------------------------------------------
def _edit_xlsx(edit) -> bytes:
    wb = load_workbook(io.BytesIO(_export_all()))
    edit(wb)
    return _workbook_bytes(wb)


def _set(ws, row: int, column: str, value) -> None:
    header = [c.value for c in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1, value=value)


def _row_of(ws, slug: str) -> int:
    for row in ws.iter_rows(min_row=2):
        if row[0].value == slug:
            return row[0].row
    raise AssertionError(slug)


def test_it_previews_creates_and_changes_then_applies_them(records, officer):
    def edit(wb):
        ws = wb["initiatives"]
        _set(ws, _row_of(ws, "defa"), "description", "Signed in 2025")
        _set(ws, _row_of(ws, "defa"), "partners", "japan:funder | adgsom:lead")
        ws.append(["quantum-roadmap", "ASEAN Quantum Roadmap", "AQR", "roadmap"])
        _set(ws, ws.max_row, "parent", "adm-2025")
        _set(ws, ws.max_row, "outcomes", "adm-2025:DO2")
        pu = wb["progress_updates"]
        pu.append([None, "quantum-roadmap", date(2024, 5, 1), "proposed", 5, "Scoping"])
        wb["partners"].append(["qcentre", "ASEAN Quantum Centre", "AQC", "centre"])
        _set(wb["initiatives"], ws.max_row, "lead_body", "qcentre")

    data = _edit_xlsx(edit)
    before = Initiative.objects.get(slug="defa").description
    plan, _ = ss.import_spreadsheet(data, user=officer, dry_run=True)
    assert plan.ok, plan.problems
    counts = {title: (c, u) for title, c, u, _ in plan.counts()}
    assert counts == {"Partners": (1, 0), "Initiatives": (1, 1), "Progress updates": (1, 0)}
    defa_row = next(r for r in plan.pending if r.key == "defa")
    assert ("description", before, "Signed in 2025") in defa_row.changes
    # The dry run wrote nothing.
    assert not Initiative.objects.filter(slug="quantum-roadmap").exists()
    assert Initiative.objects.get(slug="defa").description == before

    ss.apply_import(plan, user=officer)
    defa = Initiative.objects.get(slug="defa")
    assert defa.description == "Signed in 2025"
    assert sorted((r.partner.slug, r.role) for r in defa.partner_roles.all()) == [
        ("adgsom", "lead"),
        ("japan", "funder"),
    ]
    quantum = Initiative.objects.get(slug="quantum-roadmap")
    assert (quantum.parent.slug, quantum.lead_body.slug) == ("adm-2025", "qcentre")
    assert [o.code for o in quantum.outcomes.all()] == ["DO2"]
    assert quantum.status == "proposed"  # moved by the imported progress update
    update = quantum.progress_updates.get()
    assert (update.author, update.percent_complete) == (officer, 5)
    assert quantum.history.latest().history_user == officer


def test_an_xlsx_with_a_bad_date_in_row_7_is_refused_whole(records, officer):
    def edit(wb):
        ws = wb["initiatives"]
        _set(ws, 3, "description", "A change that must not land")
        _set(ws, 7, "expected_date", "31/02/2024")

    data = _edit_xlsx(edit)
    before = ss.export_csv("initiatives")
    with pytest.raises(ss.ImportRefused) as refused:
        ss.import_spreadsheet(data, user=officer)
    message = str(refused.value)
    assert "row 7" in message and "expected_date" in message and "YYYY-MM-DD" in message
    assert ss.export_csv("initiatives") == before


def test_it_reports_every_bad_row_by_number(records, officer):
    def edit(wb):
        ws = wb["initiatives"]
        _set(ws, 2, "kind", "spaceship")
        _set(ws, 4, "period_start", 3000)
        _set(ws, 5, "lead_body", "nobody")
        _set(ws, 6, "outcomes", "adm-2025:DO99")
        _set(ws, 8, "owner", "ghost")
        pu = wb["progress_updates"]
        _set(pu, 2, "percent_complete", 250)

    with pytest.raises(ss.ImportRefused) as refused:
        ss.import_spreadsheet(_edit_xlsx(edit), user=officer)
    text = [str(p) for p in refused.value.problems]
    assert any("row 2" in t and "kind" in t and "spaceship" in t for t in text)
    assert any("row 4" in t and "above 2100" in t for t in text)
    assert any("row 5" in t and 'no partner "nobody"' in t for t in text)
    assert any("row 6" in t and "DO99" in t for t in text)
    assert any("row 8" in t and "ghost" in t for t in text)
    assert any('"progress_updates", row 2' in t and "above 100" in t for t in text)


def test_a_rule_of_the_services_refuses_the_whole_file(records, officer):
    """A future date passes the format but not the service: found in the preview's dry run."""

    def edit(wb):
        wb["initiatives"].append(["brand-new", "A brand new initiative", "", "study"])
        wb["progress_updates"].append([None, "defa", date(2999, 1, 1), "", None, "Later"])

    with pytest.raises(ss.ImportRefused) as refused:
        ss.import_spreadsheet(_edit_xlsx(edit), user=officer, dry_run=True)
    assert any("future" in str(p) for p in refused.value.problems)
    assert not Initiative.objects.filter(slug="brand-new").exists()


def test_duplicate_slugs_names_and_parent_loops_are_refused(records, officer):
    def edit(wb):
        ws = wb["initiatives"]
        ws.append(["defa", "Another DEFA row", "", "study"])
        ws.append(["", "ASEAN Digital Masterplan 2025", "", "study"])
        _set(ws, _row_of(ws, "adm-2025"), "parent", "cbdf")
        cbdf = _row_of(ws, "cbdf")
        _set(ws, cbdf, "parent", "adm-2025")

    with pytest.raises(ss.ImportRefused) as refused:
        ss.import_spreadsheet(_edit_xlsx(edit), user=officer)
    text = " / ".join(str(p) for p in refused.value.problems)
    assert "already appears in row" in text
    assert '"ASEAN Digital Masterplan 2025" is also the name in row' in text
    assert "loop" in text


def test_a_new_row_cannot_take_the_name_of_a_stored_record(records, officer):
    data = b"slug,name,kind\n,ASEAN Digital Masterplan 2025,study\n"
    plan = _plan(data, filename="initiatives.csv")
    assert [str(p) for p in plan.problems] == [
        'The CSV file, row 2, column name: "ASEAN Digital Masterplan 2025" is already the name '
        'of "adm-2025".'
    ]


def test_an_unknown_progress_id_and_a_moved_update_are_refused(records, officer):
    update = ProgressUpdate.objects.filter(member_state__isnull=True, author=officer).get()

    def edit(wb):
        pu = wb["progress_updates"]
        pu.append([999999, "defa", date(2024, 1, 1), "", None, "x"])
        for row in pu.iter_rows(min_row=2):
            if row[0].value == update.pk:
                _set(pu, row[0].row, "initiative", "adm-2025")

    with pytest.raises(ss.ImportRefused) as refused:
        ss.import_spreadsheet(_edit_xlsx(edit), user=officer)
    text = " / ".join(str(p) for p in refused.value.problems)
    assert "no progress update 999999" in text
    assert "fixed once recorded" in text


def test_a_focal_point_cannot_import(records, focal_my):
    def edit(wb):
        ws = wb["initiatives"]
        _set(ws, _row_of(ws, "defa"), "description", "changed by a focal point")

    with pytest.raises(ss.ImportRefused) as refused:
        ss.import_spreadsheet(_edit_xlsx(edit), user=focal_my)
    assert "officers" in str(refused.value)
    assert Initiative.objects.get(slug="defa").description != "changed by a focal point"


# ------------------------------------------------------------------------------
# Files that are not what they claim
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"", "x.csv", "empty"),
        (b"PK\x03\x04not really a zip", "x.xlsx", "not a readable XLSX"),
        (b"hello", "x.xlsx", "not a readable XLSX"),
        (b"slug,name,colour\nx,y,z\n", "x.csv", "Cannot tell which records"),
        (b"slug,name\nx,y\n", "x.csv", "Cannot tell which records"),
        (b"slug,name,kind,colour\nx,y,centre,z\n", "partners.csv", "colour"),
        (b"slug,name,kind\n", "partners.csv", "no rows"),
        (b"name,kind\nA,centre\n", "partners.csv", "required columns are missing: slug"),
    ],
)
def test_it_refuses_a_file_it_cannot_read(db, data, filename, message):
    with pytest.raises(ss.SpreadsheetError) as refused:
        ss.read_spreadsheet(data, filename=filename)
    assert message in str(refused.value)


def test_a_short_csv_is_read_as_the_kind_the_uploader_names(records, officer):
    data = b"slug,name,kind\nnew-body,A New Body,asean_body\n"
    plan = _plan(data, filename="upload.csv", sheet_name="partners")
    assert plan.ok and [r.action for r in plan.rows] == ["create"]


def test_a_windows_csv_with_semicolons_is_read(records, officer):
    data = "slug;name;kind\ncote;Côte Body;asean_body\n".encode("cp1252")
    plan = _plan(data, filename="partners.csv")
    assert plan.ok
    assert plan.rows[0].values["name"] == "Côte Body"


def test_a_focal_point_cannot_own_an_initiative_by_spreadsheet_either(records, officer, focal_my):
    """The owner rule of the form and the API (tracker.roles) holds for the exchange too."""

    def edit(wb):
        _set(wb["initiatives"], 3, "owner", focal_my.username)

    before = ss.export_csv("initiatives")
    with pytest.raises(ss.ImportRefused) as refused:
        ss.import_spreadsheet(_edit_xlsx(edit), user=officer)
    text = [str(p) for p in refused.value.problems]
    assert any("row 3" in t and focal_my.username in t and "cannot own" in t for t in text), text
    assert ss.export_csv("initiatives") == before

    def to_officer(wb):
        _set(wb["initiatives"], 3, "owner", officer.username)

    owned = Initiative.objects.filter(owner=officer).count()
    ss.import_spreadsheet(_edit_xlsx(to_officer), user=officer)
    assert Initiative.objects.filter(owner=officer).count() == owned + 1
