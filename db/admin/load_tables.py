"""The `cop_data/` files in load order, each with its columns and the model (table) it fills.

db.admin.load reads them in this order (a file refers only to files before it) and inserts the rows.
"""

from __future__ import annotations

from db import models as m
from db.admin.load_checks import question_check, session_check, tag_check, theme_check
from db.admin.load_spec import Col, FileSpec

SRC = Col("source")


def _ref(name: str, target: str, required: bool = True) -> Col:
    return Col(name, "ref", required, ref=target)


# The files in load order, each with the model it fills.
SPECS: list[tuple[FileSpec, type[m.Base]]] = [
    (
        FileSpec(
            "programmes",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("commissioner", required=False),
                Col("delivered_by", required=False),
                Col("commissioned", "month", required=False),
                Col("duration_months", "int", required=False),
                Col("description", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Programme,
    ),
    (
        FileSpec(
            "communities",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                _ref("programme", "programmes"),
                Col("display_order", "int"),
                Col("description", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Community,
    ),
    (
        FileSpec(
            "organisation_types",
            (Col("slug", "slug", unique=True), Col("name", unique=True), Col("display_order", "int"), SRC),
            key="slug",
        ),
        m.OrganisationType,
    ),
    (
        FileSpec(
            "organisations",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                _ref("organisation_type", "organisation_types"),
                _ref("parent", "organisations", False),
                SRC,
            ),
            key="slug",
        ),
        m.Organisation,
    ),
    (
        FileSpec("organisation_aliases", (Col("alias", unique=True), _ref("organisation", "organisations"), SRC)),
        m.OrganisationAlias,
    ),
    (
        FileSpec(
            "professional_groups",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("is_patient_or_public", "bool"),
                Col("display_order", "int"),
                SRC,
            ),
            key="slug",
        ),
        m.ProfessionalGroup,
    ),
    (
        FileSpec(
            "roles",
            (
                Col("slug", "slug", unique=True),
                Col("title", unique=True),
                _ref("professional_group", "professional_groups"),
                SRC,
            ),
            key="slug",
        ),
        m.Role,
    ),
    (
        FileSpec(
            "conveners",
            (
                Col("slug", "slug", unique=True),
                _ref("community", "communities"),
                Col("name"),
                Col("as_written", required=False),
                Col("role_as_written", required=False),
                Col("organisation_as_written", required=False),
                _ref("organisation", "organisations", False),
                Col("interview_role_details", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Convener,
    ),
    (
        FileSpec(
            "sessions",
            (
                _ref("community", "communities"),
                Col("number", "int"),
                Col("status", "enum", choices=m.SESSION_STATUSES),
                Col("headcount", "int", required=False),
                Col("date", "date", required=False),
                Col("note", required=False),
                SRC,
            ),
            unique_together=("community", "number"),
            row_check=session_check,
        ),
        m.Session,
    ),
    (
        FileSpec(
            "community_roles",
            (
                _ref("community", "communities"),
                Col("position", "int"),
                Col("title_as_written"),
                _ref("role", "roles"),
                SRC,
            ),
            unique_together=("community", "position"),
        ),
        m.CommunityRole,
    ),
    (
        FileSpec(
            "community_organisations",
            (
                _ref("community", "communities"),
                Col("position", "int"),
                Col("name_as_written"),
                _ref("organisation", "organisations"),
                SRC,
            ),
            unique_together=("community", "position"),
        ),
        m.CommunityOrganisation,
    ),
    (
        FileSpec(
            "comments",
            (
                Col("slug", "slug", unique=True),
                Col("text"),
                _ref("community", "communities", False),
                Col("theme", required=False),
                Col("see_also", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Comment,
    ),
    (
        FileSpec(
            "value_cycles",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("display_order", "int"),
                Col("definition", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.ValueCycle,
    ),
    (
        FileSpec(
            "value_areas",
            (
                Col("slug", "slug", unique=True),
                _ref("value_cycle", "value_cycles"),
                Col("position", "int"),
                Col("text"),
                SRC,
            ),
            key="slug",
        ),
        m.ValueArea,
    ),
    (
        FileSpec(
            "value_area_communities",
            (_ref("value_area", "value_areas"), _ref("community", "communities"), SRC),
            unique_together=("value_area", "community"),
        ),
        m.ValueAreaCommunity,
    ),
    (
        FileSpec(
            "interviews",
            (
                _ref("convener", "conveners"),
                _ref("community", "communities"),
                Col("question_number", "int"),
                Col("question"),
                Col("answer"),
                SRC,
            ),
            unique_together=("convener", "question_number"),
        ),
        m.Interview,
    ),
    (
        FileSpec(
            "themes",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("kind", "enum", choices=m.THEME_KINDS),
                _ref("value_cycle", "value_cycles", False),
                Col("display_order", "int"),
                Col("description", required=False),
                SRC,
            ),
            key="slug",
            row_check=theme_check,
        ),
        m.Theme,
    ),
    (
        FileSpec(
            "evidence_tags",
            (
                _ref("theme", "themes"),
                _ref("comment", "comments", False),
                _ref("convener", "conveners", False),
                Col("question_number", "int", required=False),
                _ref("value_area", "value_areas", False),
                SRC,
            ),
            row_check=tag_check,
        ),
        m.EvidenceTag,
    ),
    (
        FileSpec(
            "question_sets",
            (Col("slug", "slug", unique=True), Col("name"), _ref("programme", "programmes", False), SRC),
            key="slug",
        ),
        m.QuestionSet,
    ),
    (
        FileSpec(
            "questions",
            (
                _ref("question_set", "question_sets"),
                Col("position", "int"),
                Col("kind", "enum", choices=m.QUESTION_KINDS),
                Col("prompt"),
                _ref("value_cycle", "value_cycles", False),
                Col("required", "bool"),
                Col("max_length", "int", required=False),
                SRC,
            ),
            unique_together=("question_set", "position"),
            row_check=question_check,
        ),
        m.Question,
    ),
]
