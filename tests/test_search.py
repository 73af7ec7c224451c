"""Full-text search finds the report's words in the right places, on SQLite (FTS5) and PostgreSQL
(tsvector) alike; the index follows every write; a query with operators or quotes never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, text, update

from db import models as m
from db.admin.load import load_database
from db.models.fulltext import INDEXED, fts_table, pg_document
from db.read.search import search, search_counts, split_words, words


@pytest.fixture()
def conn(engine):
    with engine.connect() as connection:
        yield connection


def _found(conn, query):
    return search(conn, query=query)[["kind", "ref", "community"]].values.tolist()


def test_liberating_structures_is_in_an_answer_and_two_areas_of_change(conn):
    assert _found(conn, "Liberating Structures") == [
        ["interview answer", "smitha-nathan-q4", "Operational Teams"],
        ["area of change", "applied-1", None],
        ["area of change", "transformative-2", None],
    ]


def test_fishbowl_is_jannike_nordlunds_answer_and_fish_bowl_a_members_comment(conn):
    assert _found(conn, "fishbowl") == [["interview answer", "jannike-nordlund-q4", "Patient Involvement"]]
    assert _found(conn, "Fish bowl") == [["comment", "comment-13", None]]


def test_slack_is_in_two_of_sharon_wattys_answers(conn):
    results = search(conn, query="Slack")
    assert results["ref"].tolist() == ["sharon-watty-q2", "sharon-watty-q6"]
    assert set(results["speaker"]) == {"Sharon Watty"} and set(results["community"]) == {"Ultrasound Imaging"}


def test_every_word_must_match_as_a_word_prefix_ignoring_case(conn):
    assert _found(conn, "LIBERATING structure") == _found(conn, "Liberating Structures")
    assert _found(conn, "liberating fishbowl") == []
    assert "comment-08" in search(conn, query="icebreak")["ref"].tolist()


def test_an_area_lists_the_communities_it_names(conn):
    results = search(conn, query="Multi-Disciplinary Meeting patient information sheet")
    assert results[["ref", "community"]].values.tolist() == [["applied-3", "Patient Involvement"]]
    both = search(conn, query="Patients now sit")
    assert both["community"].tolist() == ["Patient Involvement, Rehabilitation and Personalised Care"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "NOT",
        "slack NOT",
        "a OR b",
        "*",
        "slack*",
        "NEAR(slack groups)",
        "(",
        ")",
        "-slack",
        "^slack",
        "answer:slack",
        "slack & groups",
        "slack | groups",
        "!slack",
        "<->",
        "slack:*",
        "'; DROP TABLE comments; --",
        "\\",
        "%",
        "_",
        "   ",
        "",
        "\u0000",
        "😀",
        "AND AND AND",
    ],
)
def test_operator_and_quote_queries_never_raise(conn, query):
    results = search(conn, query=query)
    assert list(results.columns) == ["kind", "id", "ref", "text", "community", "context", "speaker"]


def test_words_split_alike_on_both_databases(engine):
    """PostgreSQL's parser would drop `<marquee>` and keep `a.b.com` or `x@y.org` whole; SQLite splits them."""
    with engine.begin() as conn:
        conn.execute(
            insert(m.Comment).values(
                id=902,
                slug="comment-902",
                source="test",
                text="See <marquee>okapi</marquee> at zoo.example.org or mail keeper@zoo.org",
            )
        )
    with engine.connect() as conn:
        for query in ("okapi", "marquee", "zoo", "example", "keeper", "zoo.example.org", "keeper@zoo"):
            assert _found(conn, query) == [["comment", "comment-902", None]], query


def test_operators_and_quotes_are_treated_as_words(conn):
    assert _found(conn, '"Slack"') == _found(conn, "Slack") == _found(conn, "slack*")
    assert _found(conn, "Slack OR fishbowl") == []  # three words, all required: "or" is just a word
    not_word = search(conn, query="not convinced")["ref"].tolist()
    assert not_word == ["roger-lang-q1"]  # "not" matched as a word, not as an operator
    assert words('NEAR("a" b*) -c') == ["near", "a", "b", "c"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
@example('"Liberating" (structures*')  # operators and quotes around words the report holds
@example('-SLACK* "')
@example("1\u00bc")  # a fraction: PostgreSQL's parser drops it, so it separates words as it does there
def test_any_text_at_all_is_a_valid_query_and_finds_only_items_holding_its_words(conn, query):
    found = search(conn, query=query)
    assert list(found.columns) == ["kind", "id", "ref", "text", "community", "context", "speaker"]
    terms = words(query)
    for item in found.itertuples():  # every word of the query begins a word of the item's text
        item_words = split_words(item.text.lower())  # as words() splits, every word kept
        assert all(any(w.startswith(t) for w in item_words) for t in terms), (query, item.text)
    assert search_counts(conn, query=query) == {kind: int((found["kind"] == kind).sum()) for kind in INDEXED}


def test_index_follows_insert_update_and_delete(engine):
    with engine.begin() as conn:
        conn.execute(insert(m.Comment).values(id=900, slug="comment-900", text="Zebrafish tea", source="test"))
    with engine.connect() as conn:
        assert _found(conn, "zebrafish") == [["comment", "comment-900", None]]
    with engine.begin() as conn:
        conn.execute(update(m.Comment).where(m.Comment.id == 900).values(text="Okapi biscuits"))
    with engine.connect() as conn:
        assert _found(conn, "zebrafish") == [] and _found(conn, "okapi")[0][1] == "comment-900"
    with engine.begin() as conn:
        conn.execute(delete(m.Comment).where(m.Comment.id == 900))
    with engine.connect() as conn:
        assert _found(conn, "okapi") == []


def test_answers_and_areas_are_kept_in_step_too(engine):
    with engine.begin() as conn:
        conn.execute(
            update(m.Interview).where(m.Interview.answer.like("%Slack%")).values(answer=m.Interview.answer + " Quokka.")
        )
        conn.execute(update(m.ValueArea).where(m.ValueArea.slug == "enabling-1").values(text="Quokka area."))
    with engine.connect() as conn:
        assert [r[1] for r in _found(conn, "quokka")] == ["sharon-watty-q2", "sharon-watty-q6", "enabling-1"]
        assert _found(conn, "embed patient involvement") == [
            ["interview answer", "jannike-nordlund-q5", "Patient Involvement"]
        ]


def test_loading_again_rebuilds_a_consistent_index(engine):
    load_database(engine)
    load_database(engine)
    with engine.connect() as conn:
        assert [r[1] for r in _found(conn, "Slack")] == ["sharon-watty-q2", "sharon-watty-q6"]
        if engine.dialect.name == "sqlite":
            for table, _ in INDEXED.values():  # raises if the index and its table disagree
                conn.exec_driver_sql(
                    f"INSERT INTO {fts_table(table)}({fts_table(table)}, rank) VALUES ('integrity-check', 1)"
                )
        else:
            names = conn.execute(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_fts'"))
            assert {n for (n,) in names} == {f"ix_{t}_{c}_fts" for t, c in INDEXED.values()}


def test_the_index_is_part_of_the_schema(engine):
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            found = {n for (n,) in conn.execute(text("SELECT name FROM sqlite_master"))}
            for table, _ in INDEXED.values():
                assert {
                    fts_table(table),
                    f"{fts_table(table)}_ai",
                    f"{fts_table(table)}_ad",
                    f"{fts_table(table)}_au",
                } <= found
        else:
            ddl = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_comments_text_fts'"))
            assert "gin" in ddl.scalar_one().lower()
            conn.execute(text("SET enable_seqscan = off"))  # tiny tables: make the planner show it can
            plan = (
                conn.execute(
                    text(
                        f"EXPLAIN SELECT id FROM comments k WHERE {pg_document('k.text')} "
                        "@@ to_tsquery('simple', 'slack:*')"
                    )
                )
                .scalars()
                .all()
            )
            assert "ix_comments_text_fts" in " ".join(plan)
        assert conn.execute(select(m.Comment.id)).first() is not None


def test_ensure_index_rebuilds_a_lost_index(engine):
    """What a migration that rebuilt a table calls: afterwards the index again follows every write."""
    from db.models.fulltext import ensure_index

    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":  # what a table rebuild leaves: no triggers, a stale index
            for table, _ in INDEXED.values():
                conn.exec_driver_sql(f"DROP TABLE {fts_table(table)}")
                for name in ("ai", "ad", "au"):
                    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts_table(table)}_{name}")
        ensure_index(conn)
        conn.execute(insert(m.Comment).values(id=903, slug="comment-903", text="Capybara", source="test"))
    with engine.connect() as conn:
        assert [r[1] for r in _found(conn, "Slack")] == ["sharon-watty-q2", "sharon-watty-q6"]
        assert _found(conn, "capybara") == [["comment", "comment-903", None]]
