"""Imports: every kind of bad file gets a clear message and leaves the database byte-for-byte as it
was; good files are written whole, duplicates are reported rather than doubled, and an import undoes."""

from __future__ import annotations

import datetime as dt

import pytest

from db.errors import ImportRejected
from db.write.imports import upload
from db.write.imports.store import import_file
from db.write.imports.undo import undo_import
from tests.editors import COMMENTS, KCH, REGISTER, SESSIONS, content, count, csv, snapshot, xlsx

UI = "Ultrasound Imaging"
FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()
GOOD_SESSIONS = csv(SESSIONS, f"{UI},4,held,2026-01-12,,", f"{UI},5,planned,,,")
GOOD_REGISTER = csv(
    REGISTER,
    f"{UI},4,UI-001,Sonographer,{KCH}",
    f"{UI},4,UI-002,,",
    f'{UI},4,UI-003,Lead Sonographer,"Kings College Hospital"',
)


def _big_rows() -> bytes:
    row = f"{UI},4,held,2026-01-12,3,\n".encode()
    return SESSIONS.encode() + b"\n" + row * (upload.MAX_ROWS + 1)


# (case id, file name, file bytes or a function making them, words the message must contain)
BAD_FILES = [
    ("empty-file", "s.csv", b"", "the file is empty"),
    ("blank-lines-only", "s.csv", b"\n\n  \n", "the file is empty"),
    ("header-only", "s.csv", csv(SESSIONS), "at least one data row"),
    ("wrong-extension", "s.txt", GOOD_SESSIONS, "a .csv or .xlsx file"),
    ("no-extension", "sessions", GOOD_SESSIONS, "a .csv or .xlsx file"),
    ("oversized", "s.csv", lambda: b"x" * (upload.MAX_BYTES + 1), "a file of at most 20 MB"),
    ("too-many-rows", "s.csv", _big_rows, "at most 100,000 rows in one file"),
    ("unrelated-header", "s.csv", csv("name,age,email", "a,b,c"), "the header of a"),
    ("missing-column", "s.csv", csv("community,number,date,headcount,note", f"{UI},4,,3,"), "missing status"),
    ("unknown-column", "s.csv", csv(SESSIONS + ",colour", f"{UI},4,held,,3,,red"), "unknown 'colour'"),
    ("repeated-column", "s.csv", csv(SESSIONS + ",note", f"{UI},4,held,,3,,"), "repeated note"),
    ("latin-1-encoding", "s.csv", (SESSIONS + "\nUltrasound Imaging,4,held,,3,Café\n").encode("latin-1"), "UTF-8 text"),
    ("binary-data", "s.csv", b"\x00\x01\x02PK\x03\x04" * 50, "a CSV text file"),
    ("unterminated-quote", "s.csv", csv(SESSIONS, f'{UI},4,held,,3,"never closed'), "well-formed CSV"),
    ("short-row", "s.csv", csv(SESSIONS, f"{UI},4,held"), "6 cells, one per header column"),
    (
        "number-not-a-number",
        "s.csv",
        csv(SESSIONS, f"{UI},three,held,,3,"),
        "column 'number': found 'three', expected a whole number from 1 to 999",
    ),
    ("decimal-headcount", "s.csv", csv(SESSIONS, f"{UI},4,held,,12.5,"), "a whole number from 0 to 1000"),
    (
        "negative-headcount",
        "s.csv",
        csv(SESSIONS, f"{UI},4,held,,-3,"),
        "row 2, column 'headcount': found '-3', expected a whole number from 0 to 1000",
    ),
    ("absurd-headcount", "s.csv", csv(SESSIONS, f"{UI},4,held,,100000,"), "from 0 to 1000"),
    ("session-number-zero", "s.csv", csv(SESSIONS, f"{UI},0,held,,3,"), "from 1 to 999"),
    (
        "unknown-status",
        "s.csv",
        csv(SESSIONS, f"{UI},4,happened,,3,"),
        "expected one of held, postponed, cancelled, planned",
    ),
    ("day-first-date", "s.csv", csv(SESSIONS, f"{UI},4,held,05/03/2026,3,"), "a date written YYYY-MM-DD"),
    ("impossible-date", "s.csv", csv(SESSIONS, f"{UI},4,held,2026-02-30,3,"), "a date written YYYY-MM-DD"),
    (
        "future-held-session",
        "s.csv",
        csv(SESSIONS, f"{UI},4,held,{FUTURE},3,"),
        "a date not in the future for a held session",
    ),
    (
        "absurd-past-date",
        "s.csv",
        csv(SESSIONS, f"{UI},4,held,1899-01-01,3,"),
        "a date from 2019-01-01 (when the programme began)",
    ),
    ("headcount-on-postponed", "s.csv", csv(SESSIONS, f"{UI},4,postponed,,3,"), "no headcount for a postponed session"),
    ("empty-required-cell", "s.csv", csv(SESSIONS, ",4,held,,3,"), "column 'community': found '', expected a value"),
    ("unknown-community", "s.csv", csv(SESSIONS, "Ultrasound Imagine,4,held,,3,"), "did you mean 'Ultrasound Imaging'"),
    (
        "another-convener's-community",
        "s.csv",
        csv(SESSIONS, "Operational Teams,4,held,,3,"),
        "expected a community you can edit (Ultrasound Imaging)",
    ),
    ("name-as-participant-code", "r.csv", csv(REGISTER, f"{UI},1,John Smith,,"), "a pseudonymous code such as UI-001"),
    (
        "unknown-organisation",
        "r.csv",
        csv(REGISTER, f"{UI},4,UI-001,,Kings Colege Hospital"),
        "expected a known organisation (did you mean",
    ),
    ("unknown-role", "r.csv", csv(REGISTER, f"{UI},4,UI-001,Chief Wizard,"), "expected a known role"),
    (
        "register-for-missing-session",
        "r.csv",
        csv(REGISTER, f"{UI},9,UI-001,,"),
        "a session of Ultrasound Imaging listed in the file's sessions or already stored",
    ),
    (
        "register-for-postponed-session",
        "r.csv",
        csv(REGISTER, f"{UI},3,UI-001,,"),
        "a held session (session 3 is postponed)",
    ),
    (
        "register-over-report-headcount",
        "r.csv",
        csv(REGISTER, f"{UI},1,UI-001,,"),
        "a session without a headcount from the report (session 1 has 15 attending",
    ),
    (
        "headcount-disagrees-with-register",
        "both.xlsx",
        lambda: xlsx(
            {
                "sessions": [SESSIONS.split(","), [UI, 4, "held", "2026-01-12", 5, None]],
                "register": [REGISTER.split(","), [UI, 4, "UI-001", None, None], [UI, 4, "UI-002", None, None]],
            }
        ),
        "expected 2, the number of participants on its register",
    ),
    (
        "same-row-twice",
        "s.csv",
        csv(SESSIONS, f"{UI},4,held,,3,", f"{UI},4,held,,3,"),
        "row 3, column 'number': found 4, expected a row not repeating row 2 of the same file",
    ),
    (
        "participant-with-two-organisations",
        "both.xlsx",
        lambda: xlsx(
            {
                "sessions": [SESSIONS.split(","), [UI, 4, "held", None, None, None], [UI, 5, "held", None, None, None]],
                "register": [
                    REGISTER.split(","),
                    [UI, 4, "UI-001", None, KCH],
                    [UI, 5, "UI-001", None, "Barts Health NHS Trust"],
                ],
            }
        ),
        "the same role and organisation on every row of one participant",
    ),
    (
        "conflicts-with-stored-session",
        "s.csv",
        csv(SESSIONS, f"{UI},1,held,,20,"),
        "a session number not already used in Ultrasound Imaging (session 1 is stored as held, undated, "
        "15 attending; next free is 4)",
    ),
    (
        "everything-already-stored",
        "s.csv",
        csv(SESSIONS, f"{UI},3,postponed,,,Postponed due to Covid-19"),
        "expected something new: every row is already stored",
    ),
    (
        "formula-in-note",
        "s.csv",
        csv(SESSIONS, f'{UI},4,held,,3,"=HYPERLINK(""http://x"",""y"")"'),
        "plain text, not a spreadsheet formula",
    ),
    ("at-formula-in-comment", "c.csv", csv(COMMENTS, f"{UI},,@SUM(A1:A9),"), "plain text, not a spreadsheet formula"),
    (
        "markup-in-comment",
        "c.csv",
        csv(COMMENTS, f"{UI},,<script>alert(1)</script>,"),
        "plain text without HTML markup",
    ),
    ("over-long-comment", "c.csv", csv(COMMENTS, f"{UI},,{'a' * 5001},"), "at most 5000 characters"),
    ("csv-named-xlsx", "s.xlsx", GOOD_SESSIONS, "an Excel workbook (.xlsx)"),
    (
        "real-formula-cell",
        "s.xlsx",
        lambda: xlsx({"sessions": [SESSIONS.split(","), [UI, 4, "held", None, "=2+1", None]]}),
        "sheet 'sessions', row 2, column 'headcount': found '=2+1'",
    ),
    ("workbook-with-unknown-sheet", "s.xlsx", lambda: xlsx({"Sheet1": [["a", "b"], [1, 2]]}), "the header of a"),
    ("workbook-without-data", "s.xlsx", lambda: xlsx({"sessions": []}), "a sheet named sessions"),
]


@pytest.mark.parametrize("case, name, payload, expected", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_is_refused_with_its_message_and_writes_nothing(engine, editors, case, name, payload, expected):
    _, convener = editors
    data = payload() if callable(payload) else payload
    before = snapshot(engine)
    with pytest.raises(ImportRejected) as err:
        import_file(engine, convener, name, data)
    messages = [str(p) for p in err.value.problems]
    assert any(expected in msg for msg in messages), messages
    assert snapshot(engine) == before


def test_the_importer_gives_at_least_thirty_different_reasons_across_the_corpus(engine, editors):
    """Each kind of bad file is refused for its own reason, in words: across the corpus the importer's
    messages hold at least thirty of the expected reasons (a catch-all "bad file" would hold one)."""
    _, convener = editors
    given = set()
    for _case, name, payload, expected in BAD_FILES:
        with pytest.raises(ImportRejected) as err:
            import_file(engine, convener, name, payload() if callable(payload) else payload)
        given |= {expected for problem in err.value.problems if expected in str(problem)}
    assert len(given) >= 30, sorted(given)


def test_every_problem_of_a_file_is_listed_not_just_the_first(engine, editors):
    _, convener = editors
    data = csv(SESSIONS, f"{UI},x,held,,3,", f"{UI},5,held,,-1,", f"{UI},6,maybe,,,")
    with pytest.raises(ImportRejected) as err:
        import_file(engine, convener, "s.csv", data)
    rows = sorted(p.row for p in err.value.problems)
    assert rows == [2, 3, 4]


def test_same_file_twice_is_refused_and_names_the_first_import(engine, editors):
    _, convener = editors
    import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    before = snapshot(engine)
    with pytest.raises(ImportRejected, match=r"is import #1, made by ui.convener@nhs.example"):
        import_file(engine, convener, "copy of sessions.csv", GOOD_SESSIONS)
    assert snapshot(engine) == before


def test_good_files_write_sessions_register_and_comments_with_headcount_from_register(engine, editors):
    _, convener = editors
    import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    outcome = import_file(engine, convener, "register.csv", GOOD_REGISTER)
    assert outcome.written["attendances"] == 3 and outcome.written["participants"] == 3
    comments = import_file(
        engine, convener, "comments.csv", csv(COMMENTS, f'{UI},4,"Good to hear <3 sites, =not a formula",')
    )
    assert comments.written["comments"] == 1
    assert (
        count(
            engine,
            "SELECT headcount FROM sessions s JOIN communities c ON c.id = s.community_id "
            "WHERE c.name = 'Ultrasound Imaging' AND number = 4",
        )
        == 3
    )
    assert count(engine, "SELECT headcount IS NULL FROM sessions WHERE number = 5") == 1
    assert count(engine, "SELECT count(*) FROM comments WHERE text = 'Good to hear <3 sites, =not a formula'") == 1
    assert (
        count(
            engine,
            "SELECT count(*) FROM sessions WHERE source LIKE "
            "'Imported from sessions.csv (sha256 %) by ui.convener@nhs.example on %'",
        )
        == 2
    )


def test_alias_and_canonical_names_resolve_to_the_same_organisation(engine, editors):
    _, convener = editors
    import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    import_file(engine, convener, "register.csv", GOOD_REGISTER)
    assert (
        count(engine, "SELECT count(DISTINCT organisation_id) FROM participants WHERE code IN ('UI-001', 'UI-003')")
        == 1
    )


def test_partly_stored_file_writes_only_the_new_rows_and_reports_the_rest(engine, editors):
    _, convener = editors
    import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    import_file(engine, convener, "register.csv", GOOD_REGISTER)
    more = csv(REGISTER, f"{UI},4,UI-001,,", f"{UI},4,UI-004,,")
    outcome = import_file(engine, convener, "register-2.csv", more)
    assert outcome.written["attendances"] == 1
    assert outcome.duplicates == ["register-2.csv, row 2: UI-001 is already on the register of session 4 (skipped)"]
    assert (
        count(engine, "SELECT headcount FROM sessions WHERE note IS NULL AND number = 4 AND source LIKE 'Imported%'")
        == 4
    )


def test_workbook_with_every_sheet_imports_in_one_go(engine, editors):
    admin, _ = editors
    book = xlsx(
        {
            "instructions": [["Fill the sheets"]],
            "sessions": [SESSIONS.split(","), ["Operational Teams", 4, "held", dt.date(2026, 1, 5), None, None]],
            "register": [REGISTER.split(","), ["Operational Teams", 4, "OT-001", None, KCH]],
            "comments": [COMMENTS.split(","), ["Operational Teams", 4, "Useful", None]],
        }
    )
    outcome = import_file(engine, admin, "all.xlsx", book)
    assert (outcome.written["sessions"], outcome.written["attendances"], outcome.written["comments"]) == (1, 1, 1)


def test_downloadable_templates_import_cleanly(engine, editors):
    from dashboard.widgets import editing

    admin, _ = editors
    for kind in ("sessions", "register", "comments"):
        import_file(engine, admin, f"{kind}.csv", editing.template_csv(kind))
    assert count(engine, "SELECT count(*) FROM attendances") == 2


def test_undo_removes_every_row_of_the_import_and_restores_headcounts(engine, editors):
    _, convener = editors
    first = import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    data_tables = ("audit_log", "import_batches")
    before = content(engine, skip=data_tables)
    second = import_file(engine, convener, "register.csv", GOOD_REGISTER)
    assert content(engine, skip=data_tables) != before
    removed = undo_import(engine, convener, second.batch_id)
    assert removed["attendances"] == 3 and removed["participants"] == 3
    assert content(engine, skip=data_tables) == before
    undo_import(engine, convener, first.batch_id)
    assert count(engine, "SELECT count(*) FROM sessions WHERE import_batch_id IS NOT NULL") == 0
    assert count(engine, "SELECT count(*) FROM audit_log WHERE action = 'undo_import'") == 2


def test_undo_is_refused_while_a_later_import_builds_on_it(engine, editors):
    _, convener = editors
    first = import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    import_file(engine, convener, "register.csv", GOOD_REGISTER)
    with pytest.raises(ImportRejected, match="undo the later import first"):
        undo_import(engine, convener, first.batch_id)


def test_undone_file_can_be_imported_again(engine, editors):
    _, convener = editors
    first = import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    undo_import(engine, convener, first.batch_id)
    again = import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    assert again.written["sessions"] == 2


def test_every_import_is_in_the_audit_log_with_file_and_hash(engine, editors):
    import hashlib

    _, convener = editors
    import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    sha = hashlib.sha256(GOOD_SESSIONS).hexdigest()
    assert (
        count(
            engine,
            f"SELECT count(*) FROM audit_log WHERE action = 'import' AND file_name = "
            f"'sessions.csv' AND file_sha256 = '{sha}' AND user_email = "
            f"'ui.convener@nhs.example'",
        )
        == 1
    )


def test_roles_and_organisations_new_to_a_community_join_its_lists_until_undone(engine, editors):
    _, convener = editors
    import_file(engine, convener, "sessions.csv", GOOD_SESSIONS)
    listed = "SELECT count(*) FROM community_organisations WHERE community_id = 4"
    roles = "SELECT count(*) FROM community_roles WHERE community_id = 4"
    orgs_before, roles_before = count(engine, listed), count(engine, roles)
    register = csv(
        REGISTER,
        f"{UI},4,UI-001,Lead Sonographer,Barts Health NHS Trust",
        f"{UI},4,UI-002,Lead Sonographer,barts health nhs trust",
        f"{UI},4,UI-003,Patient Representative,{KCH}",
    )
    outcome = import_file(engine, convener, "register.csv", register)
    new_orgs, new_roles = outcome.written["community_organisations"], outcome.written["community_roles"]
    assert count(engine, listed) == orgs_before + new_orgs and new_orgs >= 1
    assert count(engine, roles) == roles_before + new_roles and new_roles >= 1
    assert (
        count(
            engine,
            "SELECT count(*) FROM community_organisations WHERE community_id = 4 AND "
            "name_as_written = 'Barts Health NHS Trust' AND source LIKE 'Imported from "
            "register.csv%'",
        )
        == 1
    )
    undo_import(engine, convener, outcome.batch_id)
    assert (count(engine, listed), count(engine, roles)) == (orgs_before, roles_before)


def test_ordinary_text_that_merely_starts_with_a_sign_is_stored_as_given(engine, editors):
    _, convener = editors
    texts = ["- great session (really)", "@Sam thanks for chairing", "+1 for the fishbowl", "I <3 this"]
    import_file(engine, convener, "c.csv", csv(COMMENTS, *[f'{UI},,"{t}",' for t in texts]))
    for t in texts:
        assert count(engine, "SELECT count(*) FROM comments WHERE text = '" + t.replace("'", "''") + "'") == 1


def test_unknown_community_is_listed_with_the_cell_problems_in_file_order(engine, editors):
    _, convener = editors
    data = csv(SESSIONS, "Ultrasound Imagine,4,held,,3,", f"{UI},5,held,,-1,", "Operational Teams,6,held,,2,")
    with pytest.raises(ImportRejected) as err:
        import_file(engine, convener, "s.csv", data)
    found = [(p.row, p.column) for p in err.value.problems]
    assert found == [(2, "community"), (3, "headcount"), (4, "community")]
    assert "did you mean 'Ultrasound Imaging'" in str(err.value.problems[0])
    assert "a community you can edit" in str(err.value.problems[2])


def test_stored_data_problems_are_listed_with_the_cell_problems_in_one_go(engine, editors):
    """A convener mends everything after one upload: a register line naming a session that does not
    exist is listed beside a line with an empty code, not only once the code is filled in."""
    _, convener = editors
    data = csv(REGISTER, f"{UI},9,UI-NEW-1,,{KCH}", f"{UI},2,,,{KCH}")
    before = snapshot(engine)
    with pytest.raises(ImportRejected) as err:
        import_file(engine, convener, "r.csv", data)
    found = [(p.row, p.column) for p in err.value.problems]
    assert found == [(2, "session_number"), (3, "participant_code")]
    assert "a session of Ultrasound Imaging listed in the file's sessions or already stored" in str(
        err.value.problems[0]
    )
    assert snapshot(engine) == before


def test_a_problem_that_follows_from_a_listed_row_is_not_listed_again(engine, editors):
    _, convener = editors
    data = xlsx(
        {
            "sessions": [SESSIONS.split(","), [UI, 4, "held", "31/02/2026", None, None]],
            "register": [REGISTER.split(","), [UI, 4, "UI-NEW-1", None, KCH], [UI, 8, "UI-NEW-2", None, KCH]],
        }
    )
    with pytest.raises(ImportRejected) as err:
        import_file(engine, convener, "w.xlsx", data)
    found = [(p.where, p.row, p.column) for p in err.value.problems]
    # session 4's date is wrong, so its register line is not blamed; session 8 exists nowhere
    assert found == [("w.xlsx, sheet 'register'", 3, "session_number"), ("w.xlsx, sheet 'sessions'", 2, "date")], found


# --- issue 11, imports 6-11: each reproduction fails without its fix (tests/test_import_hostile.py has
# the whole adversarial corpus, each file in a capped child process) ---


def _refused(engine, user, name: str, data: bytes) -> list[str]:
    """The messages of a refused import, after checking that the database did not change."""
    before = snapshot(engine)
    with pytest.raises(ImportRejected) as err:
        import_file(engine, user, name, data)
    assert snapshot(engine) == before
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize("dimension", ["A1:F2", "A1"])
def test_a_stale_dimension_does_not_drop_rows(engine, editors, dimension):
    from tests.hostile_workbooks import FIVE, body

    _, convener = editors
    outcome = import_file(engine, convener, "s.xlsx", body(FIVE, dimension=dimension))
    assert outcome.written["sessions"] == 5


def _damaged_books():
    from tests.hostile_files import LAUGHS, SHEET, STRINGS
    from tests.hostile_workbooks import XXE_FILE, bad_deflate, body, cut, hostile, row

    return {
        "sheet-cut-in-half": (lambda: cut(SHEET), "damaged"),
        "corrupt-deflate-stream": (bad_deflate, "damaged"),
        "inf-in-number-cell": (lambda: body(row(number="<v>INF</v>")), "damaged"),
        "nan-in-number-cell": (lambda: body(row(number="<v>NaN</v>")), "damaged"),
        "billion-laughs": (lambda: hostile(STRINGS, LAUGHS), "DOCTYPE"),
        "external-entity": (lambda: hostile(SHEET, XXE_FILE), "DOCTYPE"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "sheet-cut-in-half",
        "corrupt-deflate-stream",
        "inf-in-number-cell",
        "nan-in-number-cell",
        "billion-laughs",
        "external-entity",
    ],
)
def test_a_damaged_or_hostile_workbook_is_refused_as_such(engine, editors, case):
    _, convener = editors
    make, words = _damaged_books()[case]
    messages = _refused(engine, convener, "s.xlsx", make())
    assert any(words in m and "s.xlsx" in m for m in messages), messages


def test_a_zip_bomb_is_refused_before_it_is_inflated(engine, editors, monkeypatch):
    from db.write.imports import archive
    from tests.hostile_workbooks import bomb

    _, convener = editors
    inflated = []
    real = archive._inflate
    monkeypatch.setattr(archive, "_inflate", lambda *a: inflated.append(a[1].filename) or real(*a))
    data = bomb(2 << 30, 2048)  # about 2 MB, declaring 2 GiB of shared strings
    messages = _refused(engine, convener, "bomb.xlsx", data)
    assert "at most 50 MB when unpacked" in messages[0] and "zip bomb" in messages[0]
    assert inflated == []  # refused on the declared sizes: not one part was inflated


class Untouchable(list):
    """A header row whose cells may not be looked at, only counted: a check that visits a cell before
    refusing the row's length is per-column work done on a file it is about to refuse."""

    def __iter__(self):
        raise AssertionError("a per-column step ran before the refusal")

    def __getitem__(self, index):
        raise AssertionError("a per-column step ran before the refusal")


def test_a_long_header_is_refused_before_any_per_column_step():
    with pytest.raises(ImportRejected) as err:
        upload.header_kind("wide.csv", Untouchable(["note"] * 200_000))
    assert str(err.value.problems[0]) == (
        "wide.csv, row 1: found '200,000 columns', expected at most 200 columns (a header of one of: "
        + "; ".join(",".join(cols) for cols in upload.KINDS.values())
        + ")"
    )


def test_a_long_csv_header_reaches_no_per_column_check(engine, editors, monkeypatch):
    from db.write.imports import upload_file

    def per_column(*_):
        raise AssertionError("a per-column step ran before the refusal")

    _, convener = editors
    real = upload_file.header_kind
    monkeypatch.setattr(upload_file, "header_kind", lambda where, header, row=1: real(where, Untouchable(header), row))
    monkeypatch.setattr(upload, "Counter", per_column)
    monkeypatch.setattr(upload, "_header_mismatch", per_column)
    messages = _refused(engine, convener, "wide.csv", csv(",".join(["note"] * 200_000), "x"))
    assert "wide.csv, row 1: found '200,000 columns', expected at most 200 columns" in messages[0]


def test_a_long_workbook_header_is_read_once_then_refused(engine, editors, monkeypatch):
    from db.write.imports import upload_xlsx

    _, convener = editors
    columns = 16_000  # about the most a sheet can have (16,384)
    looked_at = []
    real = upload_xlsx._blank
    monkeypatch.setattr(upload_xlsx, "_blank", lambda v: looked_at.append(v) or real(v))
    data = xlsx({"sessions": [[f"h{i}" for i in range(columns)], [1]]})
    messages = _refused(engine, convener, "wide.xlsx", data)
    assert "wide.xlsx, sheet 'sessions', row 1: found '16,000 columns', expected at most 200 columns" in messages[0]
    # finding the header row looks at its first cell, finding its width at each cell once: a check per
    # column that looked along the row again would look at each cell thousands of times
    assert len(looked_at) <= columns + 1


def test_a_nul_byte_anywhere_is_refused(engine, editors):
    _, convener = editors
    late = csv(SESSIONS, *[f"{UI},{n},planned,,," for n in range(4, 200)]) + f"{UI},200,planned,,,a\x00b\n".encode()
    assert late.index(b"\x00") > 4096
    assert "row 198: found 'a NUL byte" in _refused(engine, convener, "s.csv", late)[0]


def test_a_nul_in_a_form_note_is_refused(engine, editors):
    from db.write.imports.store import record_session

    _, convener = editors
    before = snapshot(engine)
    with pytest.raises(ImportRejected, match=r"column 'note': .* expected text without the control character"):
        record_session(
            engine,
            convener,
            {"community": UI, "number": "4", "status": "planned", "date": "", "headcount": "", "note": "a\x00b"},
            [],
            [],
        )
    assert snapshot(engine) == before


def test_a_file_name_longer_than_its_column_is_refused_alike_everywhere(engine, editors):
    _, convener = editors
    messages = _refused(engine, convener, "s" * 297 + ".csv", GOOD_SESSIONS)
    assert "expected a file name of at most 300 characters" in messages[0]
    assert import_file(engine, convener, "s" * 296 + ".csv", GOOD_SESSIONS).written["sessions"] == 2


@pytest.mark.parametrize(
    "date, words", [("9999-12-31", "years from today"), ("2018-12-31", "2019-01-01 (when the programme began)")]
)
def test_a_date_out_of_the_programmes_span_is_refused_in_files_and_on_the_form(engine, editors, date, words):
    from db.write.imports.store import record_session

    _, convener = editors
    status = "planned" if date > "2019" else "held"
    assert words in _refused(engine, convener, "s.csv", csv(SESSIONS, f"{UI},4,{status},{date},,"))[0]
    with pytest.raises(ImportRejected, match=words.replace("(", r"\(").replace(")", r"\)")):
        record_session(
            engine,
            convener,
            {"community": UI, "number": "4", "status": status, "date": date, "headcount": "", "note": ""},
            [],
            [],
        )


def test_the_date_floor_is_when_the_programme_was_commissioned(engine):
    from db.write.imports.cells import PROGRAMME_START

    first = count(engine, "SELECT min(commissioned) FROM programmes")
    assert dt.date.fromisoformat(f"{first}-01") == PROGRAMME_START
