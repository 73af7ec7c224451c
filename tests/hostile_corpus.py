"""The adversarial import corpus: each kind of file, how it is made and what the import must do.

Grouped as structure, encodings, values, text, dates, references, duplicates, formulas, markup,
sizes, workbook structure, damaged workbooks, hostile workbooks and not-a-file; then (tests.hostile_other_tools)
workbooks as other tools write them, files made to exhaust memory or time, and careless CSVs. Sessions 1-3 of
Ultrasound Imaging are stored (from the report); accepted files write session 4 onwards.
"""

from __future__ import annotations

import datetime as dt

from tests.editors import COMMENTS, KCH, REGISTER, SESSIONS
from tests.hostile_files import (
    HEADER,
    SHEET,
    UI,
    Raw,
    accept,
    book,
    comments_csv,
    csv,
    date_in,
    planned,
    refuse,
    register_csv,
    session_book,
    sessions_csv,
    sessions_sheet,
    sub,
)
from tests.hostile_other_tools import MORE_KINDS
from tests.hostile_workbooks import (
    DAMAGED_BOOKS,
    HOSTILE,
    NOT_A_FILE,
    WORKBOOK_SIZES,
    WORKBOOKS,
    large_register,
)

S1 = {"sessions": 1}
C1 = {"comments": 1}
GOOD = f"{UI},4,planned,,,"


def NOTED(text):
    return ("SELECT note FROM sessions WHERE import_batch_id = :batch", text)


def SAID(text):
    return ("SELECT text FROM comments WHERE import_batch_id = :batch", text)


def COUNTED(n):
    return ("SELECT count(*) FROM sessions WHERE import_batch_id = :batch", n)


def DATED(d):
    return ("SELECT date FROM sessions WHERE import_batch_id = :batch", d)


STRUCTURE = [
    refuse("empty-file", "s.csv", b"", "the file is empty"),
    refuse("blank-lines-only", "s.csv", b"\n \n\t\n", "the file is empty"),
    refuse("byte-order-mark-only", "s.csv", b"\xef\xbb\xbf", "the file is empty"),
    refuse("header-only", "s.csv", csv(SESSIONS), "at least one data row"),
    refuse("unrelated-header", "s.csv", csv("name,age", "a,1"), "the header of a"),
    refuse("tab-separated", "s.csv", csv(SESSIONS.replace(",", "\t"), GOOD.replace(",", "\t")), "the header of a"),
    refuse("semicolon-separated", "s.csv", csv(SESSIONS.replace(",", ";"), GOOD.replace(",", ";")), "the header of a"),
    refuse("empty-header-cells", "s.csv", csv(",,,,,", GOOD), "the header of a"),
    refuse("repeated-header-column", "s.csv", csv(SESSIONS + ",note", GOOD + ","), "repeated note"),
    refuse("trailing-comma-in-header", "s.csv", csv(SESSIONS + ",", GOOD + ","), "unknown ''"),
    refuse("unterminated-quote", "s.csv", sessions_csv(f'{UI},4,planned,,,"never closed'), "well-formed CSV"),
    refuse("text-after-closing-quote", "s.csv", sessions_csv(f'{UI},4,planned,,,"a"b'), "well-formed CSV"),
    refuse("short-row", "s.csv", sessions_csv(f"{UI},4,planned"), "row 2: found '3 cells', expected 6 cells"),
    refuse("long-row", "s.csv", sessions_csv(GOOD + ",extra"), "expected 6 cells"),
    refuse("row-of-100k-cells", "s.csv", sessions_csv(GOOD + "," * 100_000), "expected 6 cells"),
    accept("header-in-capitals-with-spaces", "s.csv", csv(" Community , NUMBER,Status,date,headcount,note", GOOD), S1),
    accept("blank-lines-between-rows", "s.csv", sessions_csv("", GOOD, "", f"{UI},5,planned,,,", ""), {"sessions": 2}),
    accept(
        "columns-in-another-order",
        "s.csv",
        csv("note,headcount,date,status,number,community", f",,,planned,4,{UI}"),
        S1,
    ),
    accept("quoted-everything", "s.csv", sessions_csv(f'"{UI}","4","planned","","",""'), S1),
    refuse("register-header-with-session-rows", "r.csv", csv(REGISTER, GOOD), "expected 5 cells"),
]

ENCODINGS = [
    accept("utf-8-with-byte-order-mark", "s.csv", b"\xef\xbb\xbf" + sessions_csv(GOOD), S1),
    accept("crlf-line-ends", "s.csv", csv(SESSIONS, GOOD, newline="\r\n"), S1),
    accept("cr-only-line-ends", "s.csv", csv(SESSIONS, GOOD, newline="\r"), S1),
    accept("no-final-newline", "s.csv", sessions_csv(GOOD).rstrip(b"\n"), S1),
    accept(
        "mixed-line-ends", "s.csv", (SESSIONS + "\r\n" + GOOD + "\n" + f"{UI},5,planned,,,\r").encode(), {"sessions": 2}
    ),
    refuse("utf-16-with-bom", "s.csv", sessions_csv(GOOD).decode().encode("utf-16"), "NUL byte"),
    refuse("utf-16-be-no-bom", "s.csv", sessions_csv(GOOD).decode().encode("utf-16-be"), "NUL byte"),
    refuse("latin-1", "s.csv", (SESSIONS + f"\n{UI},4,planned,,,Café\n").encode("latin-1"), "UTF-8 text"),
    refuse(
        "windows-1252-quotes",
        "s.csv",
        (SESSIONS + f"\n{UI},4,planned,,,\u201cok\u201d\n").encode("cp1252"),
        "UTF-8 text",
    ),
    refuse("overlong-utf-8-slash", "s.csv", sessions_csv(GOOD) + b"\xc0\xaf\n", "UTF-8 text"),
    refuse("utf-8-encoded-surrogate", "s.csv", sessions_csv(GOOD) + b"\xed\xa0\x80\n", "UTF-8 text"),
    refuse(
        "nul-after-4-kb",
        "s.csv",
        sessions_csv(*[f"{UI},{n},planned,,," for n in range(4, 300)]) + b"x\x00y\n",
        "NUL byte",
    ),
    refuse("nul-in-first-line", "s.csv", b"comm\x00unity" + sessions_csv(GOOD)[9:], "row 1: found 'a NUL byte"),
    refuse("nul-inside-quoted-note", "s.csv", sessions_csv(f'{UI},4,planned,,,"a\x00b"'), "NUL byte"),
    accept(
        "emoji-and-joiners-in-note", "s.csv", sessions_csv(f"{UI},4,planned,,,👩🏽‍⚕️ met 🫶"), S1, NOTED("👩🏽‍⚕️ met 🫶")
    ),
    accept(
        "right-to-left-override-in-note",
        "s.csv",
        sessions_csv(f"{UI},4,planned,,,abc\u202edef"),
        S1,
        NOTED("abc\u202edef"),
    ),
    accept(
        "combining-marks-in-note",
        "s.csv",
        sessions_csv(f"{UI},4,planned,,,e\u0301te\u0301"),
        S1,
        NOTED("e\u0301te\u0301"),
    ),
    accept("chinese-and-arabic-note", "s.csv", sessions_csv(f"{UI},4,planned,,,会议 اجتماع"), S1, NOTED("会议 اجتماع")),
]

VALUES = [
    refuse("number-in-words", "s.csv", sessions_csv(f"{UI},four,planned,,,"), "found 'four', expected a whole number"),
    refuse("number-with-exponent", "s.csv", sessions_csv(f"{UI},4e0,planned,,,"), "whole number from 1 to 999"),
    refuse("number-with-decimals", "s.csv", sessions_csv(f"{UI},4.5,planned,,,"), "whole number from 1 to 999"),
    refuse("number-zero", "s.csv", sessions_csv(f"{UI},0,planned,,,"), "whole number from 1 to 999"),
    refuse("number-negative", "s.csv", sessions_csv(f"{UI},-4,planned,,,"), "whole number from 1 to 999"),
    refuse("number-1000", "s.csv", sessions_csv(f"{UI},1000,planned,,,"), "whole number from 1 to 999"),
    refuse("number-of-5000-digits", "s.csv", sessions_csv(f"{UI},{'9' * 5000},planned,,,"), "whole number"),
    refuse("number-in-arabic-indic-digits", "s.csv", sessions_csv(f"{UI},٤,planned,,,"), "whole number"),
    refuse("number-in-full-width-digits", "s.csv", sessions_csv(f"{UI},４,planned,,,"), "whole number"),
    refuse("number-inf-as-text", "s.csv", sessions_csv(f"{UI},inf,planned,,,"), "whole number"),
    refuse("number-nan-as-text", "s.csv", sessions_csv(f"{UI},NaN,planned,,,"), "whole number"),
    accept("number-999", "s.csv", sessions_csv(f"{UI},999,planned,,,"), S1),
    accept("number-with-spaces-and-zero", "s.csv", sessions_csv(f"{UI}, 04 ,planned,,,"), S1),
    refuse("headcount-1001", "s.csv", sessions_csv(f"{UI},4,held,,1001,"), "whole number from 0 to 1000"),
    accept("headcount-1000", "s.csv", sessions_csv(f"{UI},4,held,,1000,"), S1),
    refuse("headcount-on-planned", "s.csv", sessions_csv(f"{UI},4,planned,,3,"), "no headcount for a planned"),
    refuse("status-unknown", "s.csv", sessions_csv(f"{UI},4,happened,,,"), "one of held, postponed"),
    accept("status-in-capitals", "s.csv", sessions_csv(f"{UI},4,PLANNED,,,"), S1),
    refuse("community-empty", "s.csv", sessions_csv(",4,planned,,,"), "column 'community': found '', expected a value"),
    refuse("community-misspelt", "s.csv", sessions_csv("Ultrasound Imagin,4,planned,,,"), "did you mean"),
    refuse(
        "community-with-zero-width-space",
        "s.csv",
        sessions_csv("Ultrasound\u200b Imaging,4,planned,,,"),
        "a community already in the dashboard",
    ),
    refuse(
        "community-with-cyrillic-a",
        "s.csv",
        sessions_csv("Ultrasound Im\u0430ging,4,planned,,,"),
        "a community already in the dashboard",
    ),
    refuse("community-of-201-characters", "s.csv", sessions_csv("U" * 201 + ",4,planned,,,"), "at most 200 characters"),
    refuse("community-not-yours", "s.csv", sessions_csv("Operational Teams,4,planned,,,"), "a community you can edit"),
    refuse("sql-in-number", "s.csv", sessions_csv(f"{UI},4; DROP TABLE sessions,planned,,,"), "whole number"),
]

TEXT = [
    accept("comment-of-5000-characters", "c.csv", comments_csv("a" * 5000), C1, SAID("a" * 5000)),
    refuse("comment-of-5001-characters", "c.csv", comments_csv("a" * 5001), "at most 5000 characters"),
    refuse("note-of-5001-characters", "s.csv", sessions_csv(f"{UI},4,planned,,,{'n' * 5001}"), "at most 5000"),
    accept("theme-of-200-characters", "c.csv", csv(COMMENTS, f"{UI},,ok,{'t' * 200}"), C1),
    refuse("theme-of-201-characters", "c.csv", csv(COMMENTS, f"{UI},,ok,{'t' * 201}"), "at most 200 characters"),
    accept("comment-with-line-breaks", "c.csv", comments_csv("line one\nline two"), C1, SAID("line one\nline two")),
    accept("comment-with-crlf-inside", "c.csv", comments_csv("one\r\ntwo"), C1, SAID("one\r\ntwo")),
    accept("comment-with-quotes", "c.csv", comments_csv('she said "yes", twice'), C1, SAID('she said "yes", twice')),
    accept(
        "comment-like-sql-injection",
        "c.csv",
        comments_csv("'); DROP TABLE comments;--"),
        C1,
        SAID("'); DROP TABLE comments;--"),
    ),
    accept("comment-with-surrounding-spaces", "c.csv", comments_csv("  padded  "), C1, SAID("padded")),
    accept(
        "comment-with-markdown-link",
        "c.csv",
        comments_csv("[click](https://evil.example)"),
        C1,
        SAID("[click](https://evil.example)"),
    ),
    accept(
        "comment-with-material-shortcode", "c.csv", comments_csv(":material/home: hi"), C1, SAID(":material/home: hi")
    ),
    accept("comment-with-latex", "c.csv", comments_csv("$x^2$ and $$y$$"), C1, SAID("$x^2$ and $$y$$")),
    accept("comment-of-unclosed-tags", "c.csv", comments_csv("<a" * 2500), C1, SAID("<a" * 2500)),
    accept(
        "many-comments-of-unclosed-tags",
        "c.csv",
        lambda: comments_csv(*(f"{i}" + "<b" * 2400 for i in range(300))),
        {"comments": 300},
    ),
    accept("comment-with-a-heart", "c.csv", comments_csv("I <3 this"), C1, SAID("I <3 this")),
    accept("comment-starting-with-dash", "c.csv", comments_csv("- great session"), C1, SAID("- great session")),
    accept("comment-starting-with-at", "c.csv", comments_csv("@Sam thanks"), C1, SAID("@Sam thanks")),
    accept("comment-with-full-width-equals", "c.csv", comments_csv("＝1+1"), C1, SAID("＝1+1")),
    accept("comment-with-control-character", "c.csv", comments_csv("bell\x07here"), C1, SAID("bell\x07here")),
]

FORMULAS = [
    refuse("formula-equals", "c.csv", comments_csv("=1+1"), "not a spreadsheet formula"),
    refuse("formula-equals-alone", "c.csv", comments_csv("="), "not a spreadsheet formula"),
    refuse("formula-after-spaces", "c.csv", comments_csv("   =1+1"), "not a spreadsheet formula"),
    refuse("formula-plus-sum", "c.csv", comments_csv("+SUM(A1:A9)"), "not a spreadsheet formula"),
    refuse("formula-at-hyperlink", "c.csv", comments_csv('@HYPERLINK("http://x","y")'), "not a spreadsheet formula"),
    refuse("formula-dde-cmd", "c.csv", comments_csv("-cmd|' /C calc'!A0"), "not a spreadsheet formula"),
    refuse("formula-in-note", "s.csv", sessions_csv(f'{UI},4,planned,,,"=HYPERLINK(""http://x"")"'), "formula"),
    refuse("formula-in-theme", "c.csv", csv(COMMENTS, f"{UI},,fine,=1+2"), "not a spreadsheet formula"),
    refuse(
        "real-formula-cell",
        "s.xlsx",
        lambda: session_book([UI, 4, "held", None, "=2+1", None]),
        "row 2, column 'headcount': found '=2+1'",
    ),
    refuse(
        "real-formula-in-note-cell",
        "s.xlsx",
        lambda: session_book([UI, 4, "planned", None, None, "=A1"]),
        "not a spreadsheet formula",
    ),
    refuse(
        "formula-with-cached-value",
        "s.xlsx",
        lambda: sessions_sheet([UI, 4, "planned", None, None, Raw("<f>A1</f><v>cached</v>", ' t="str"')]),
        "not a spreadsheet formula",
    ),
]

MARKUP = [
    refuse("script-tag", "c.csv", comments_csv("<script>alert(1)</script>"), "without HTML markup"),
    refuse("img-onerror", "c.csv", comments_csv('<img src=x onerror="alert(1)">'), "without HTML markup"),
    refuse("javascript-url", "c.csv", comments_csv("javascript:alert(1)"), "without HTML markup"),
    refuse("html-comment", "c.csv", comments_csv("<!-- hidden -->"), "without HTML markup"),
    refuse("tag-with-spaces", "c.csv", comments_csv("< script >x"), "without HTML markup"),
    refuse("closing-tag", "c.csv", comments_csv("</div>"), "without HTML markup"),
    refuse("svg-onload", "c.csv", comments_csv("<svg onload=alert(1)>"), "without HTML markup"),
    refuse("markup-in-note", "s.csv", sessions_csv(f"{UI},4,planned,,,<b>bold</b>"), "without HTML markup"),
    refuse("markup-in-community", "s.csv", sessions_csv("<i>UI</i>,4,planned,,,"), "without HTML markup"),
]

DATES = [
    refuse("year-9999-planned", "s.csv", sessions_csv(f"{UI},4,planned,9999-12-31,,"), "years from today"),
    refuse("six-years-ahead", "s.csv", sessions_csv(f"{UI},4,planned,{date_in(6)},,"), "years from today"),
    refuse(
        "five-years-and-a-day-ahead",
        "s.csv",
        sessions_csv(f"{UI},4,planned,{date_in(5, 1)},,"),
        f"found '{date_in(5, 1)}', expected a date from 2019-01-01",
    ),
    accept("five-years-ahead-exactly", "s.csv", sessions_csv(f"{UI},4,planned,{date_in(5)},,"), S1, DATED(date_in(5))),
    refuse("day-before-programme", "s.csv", sessions_csv(f"{UI},4,held,2018-12-31,,"), "when the programme began"),
    accept("first-day-of-programme", "s.csv", sessions_csv(f"{UI},4,held,2019-01-01,,"), S1),
    refuse("year-one", "s.csv", sessions_csv(f"{UI},4,held,0001-01-01,,"), "2019-01-01"),
    refuse("day-first", "s.csv", sessions_csv(f"{UI},4,held,05/03/2026,,"), "a date written YYYY-MM-DD"),
    refuse("thirtieth-of-february", "s.csv", sessions_csv(f"{UI},4,held,2026-02-30,,"), "YYYY-MM-DD"),
    refuse("not-a-leap-year", "s.csv", sessions_csv(f"{UI},4,held,2027-02-29,,"), "YYYY-MM-DD"),
    accept("leap-day", "s.csv", sessions_csv(f"{UI},4,held,2024-02-29,,"), S1),
    refuse("date-with-time", "s.csv", sessions_csv(f"{UI},4,held,2026-01-12T10:00,,"), "YYYY-MM-DD"),
    refuse("date-without-zeros", "s.csv", sessions_csv(f"{UI},4,held,2026-1-5,,"), "YYYY-MM-DD"),
    refuse("held-next-month", "s.csv", sessions_csv(f"{UI},4,held,{date_in(0, 30)},,"), "not in the future"),
    accept("cancelled-next-year", "s.csv", sessions_csv(f"{UI},4,cancelled,{date_in(1)},,"), S1),
    accept(
        "date-cell-in-workbook",
        "s.xlsx",
        lambda: session_book([UI, 4, "held", date_in(-1), None, None]),
        S1,
        DATED(date_in(-1)),
    ),
    accept(
        "datetime-cell-with-time",
        "s.xlsx",
        lambda: session_book([UI, 4, "held", dt.datetime(2025, 3, 4, 15, 30), None, None]),
        S1,
    ),
    refuse(
        "date-cell-in-9999",
        "s.xlsx",
        lambda: session_book([UI, 4, "planned", dt.date(9999, 12, 31), None, None]),
        "years from today",
    ),
    refuse(
        "date-cell-before-programme",
        "s.xlsx",
        lambda: session_book([UI, 4, "held", dt.date(1999, 1, 1), None, None]),
        "when the programme began",
    ),
    refuse(
        "date-serial-out-of-range",
        "s.xlsx",
        lambda: sub(SHEET, b"<v>45", b"<v>99999999945", session_book([UI, 4, "held", date_in(-1), None, None])),
        "YYYY-MM-DD",
    ),
    refuse(
        "plain-number-in-date-column", "s.xlsx", lambda: session_book([UI, 4, "held", 45000, None, None]), "YYYY-MM-DD"
    ),
]

REFERENCES = [
    refuse("register-for-missing-session", "r.csv", register_csv(f"{UI},9,UI-001,,"), "listed in the file's sessions"),
    refuse("register-for-postponed-session", "r.csv", register_csv(f"{UI},3,UI-001,,"), "a held session"),
    refuse("register-with-a-name-for-code", "r.csv", register_csv(f"{UI},4,John Smith,,"), "a pseudonymous code"),
    refuse("register-code-of-41-characters", "r.csv", register_csv(f"{UI},4,{'A1' * 20}B,,"), "at most 40"),
    refuse(
        "register-unknown-role",
        "both.xlsx",
        lambda: book(
            {
                "sessions": [HEADER, [UI, 4, "held", None, None, None]],
                "register": [REGISTER.split(","), [UI, 4, "UI-001", "Chief Wizard", None]],
            }
        ),
        "a known role",
    ),
    refuse(
        "register-unknown-organisation",
        "both.xlsx",
        lambda: book(
            {
                "sessions": [HEADER, [UI, 4, "held", None, None, None]],
                "register": [REGISTER.split(","), [UI, 4, "UI-001", None, "Kings Colege Hospital"]],
            }
        ),
        "a known organisation",
    ),
    refuse("comment-for-missing-session", "c.csv", csv(COMMENTS, f"{UI},77,hello,"), "listed in the file's sessions"),
    refuse(
        "session-number-already-stored", "s.csv", sessions_csv(f"{UI},1,held,,20,"), "a session number not already used"
    ),
    accept(
        "register-with-its-session",
        "both.xlsx",
        lambda: book(
            {
                "sessions": [HEADER, [UI, 4, "held", None, None, None]],
                "register": [REGISTER.split(","), [UI, 4, "UI-001", None, KCH], [UI, 4, "ui-002", None, None]],
            }
        ),
        {"sessions": 1, "participants": 2, "attendances": 2},
        ("SELECT headcount FROM sessions WHERE import_batch_id = :batch", 2),
    ),
    accept("community-in-lower-case", "s.csv", sessions_csv("ultrasound imaging,4,planned,,,"), S1),
]

DUPLICATES = [
    refuse("same-session-twice", "s.csv", sessions_csv(GOOD, GOOD), "a row not repeating row 2"),
    refuse(
        "same-session-other-case",
        "s.csv",
        sessions_csv(GOOD, "ULTRASOUND IMAGING,4,planned,,,"),
        "a row not repeating row 2",
    ),
    refuse(
        "same-participant-twice",
        "r.csv",
        register_csv(f"{UI},1,UI-001,,", f"{UI},1,ui-001,,"),
        "a row not repeating row 2",
    ),
    refuse("same-comment-twice", "c.csv", comments_csv("same", "same"), "a row not repeating row 2"),
    refuse(
        "everything-already-stored",
        "s.csv",
        sessions_csv(f"{UI},3,postponed,,,Postponed due to Covid-19"),
        "every row is already stored",
    ),
    refuse(
        "one-participant-two-organisations",
        "both.xlsx",
        lambda: book(
            {
                "sessions": [HEADER, [UI, 4, "held", None, None, None], [UI, 5, "held", None, None, None]],
                "register": [
                    REGISTER.split(","),
                    [UI, 4, "UI-001", None, KCH],
                    [UI, 5, "UI-001", None, "Barts Health NHS Trust"],
                ],
            }
        ),
        "the same role and organisation",
    ),
    refuse(
        "session-in-two-sheets",
        "s.xlsx",
        lambda: book({"sessions": [HEADER, planned(4)], "more sessions": [HEADER, planned(4)]}),
        "a row not repeating row 2",
    ),
]

SIZES = [
    refuse("over-20-mb", "s.csv", lambda: b"x" * (20 * 1024 * 1024 + 1), "a file of at most 20 MB"),
    refuse("over-100k-rows", "s.csv", lambda: sessions_csv(*[GOOD] * 100_001), "at most 100,000 rows"),
    refuse("header-of-201-columns", "s.csv", csv(",".join(f"c{i}" for i in range(201)), "x"), "at most 200 columns"),
    refuse("header-of-200k-columns", "s.csv", lambda: csv(",".join(["note"] * 200_000), "x"), "at most 200 columns"),
    refuse(
        "header-of-200-unknown-columns", "s.csv", csv(",".join(f"c{i}" for i in range(200)), "x"), "the header of a"
    ),
    refuse("cell-over-csv-field-limit", "c.csv", lambda: comments_csv("a" * 200_000), "well-formed CSV"),
    refuse("file-name-of-301-characters", "s" * 297 + ".csv", sessions_csv(GOOD), "at most 300 characters"),
    accept("file-name-of-300-characters", "s" * 296 + ".csv", sessions_csv(GOOD), S1),
    accept(
        "register-of-1000-lines",
        "big.xlsx",
        lambda: large_register(1000),
        {"sessions": 1, "participants": 1000, "attendances": 1000},
    ),
]

KINDS = (
    STRUCTURE
    + ENCODINGS
    + VALUES
    + TEXT
    + FORMULAS
    + MARKUP
    + DATES
    + REFERENCES
    + DUPLICATES
    + SIZES
    + WORKBOOK_SIZES
    + WORKBOOKS
    + DAMAGED_BOOKS
    + HOSTILE
    + NOT_A_FILE
    + MORE_KINDS
)
