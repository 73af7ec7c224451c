"""SQLAlchemy 2 typed models: the schema that the dashboard and outside tools read, one module per area
(base, community, value, registers, editing, feedback) and the full-text index on their text (fulltext).

Table names are a public contract (issue 2): keep them. Every constraint is named so that
Alembic's batch mode can alter SQLite tables. `from db import models as m` gives every model as `m.Name`.
"""

from __future__ import annotations

from db.models.base import NAMING, SESSION_STATUSES, Base, length_of
from db.models.community import (
    Attendance,
    Comment,
    Community,
    CommunityOrganisation,
    CommunityRole,
    Convener,
    Organisation,
    OrganisationAlias,
    OrganisationType,
    Participant,
    ProfessionalGroup,
    Programme,
    Role,
    Session,
)
from db.models.editing import (
    USER_ROLES,
    AppUser,
    AppUserCommunity,
    AuditEntry,
    ImportBatch,
    SignInAttempt,
)
from db.models.feedback import (
    QUESTION_KINDS,
    RESPONSE_STATUSES,
    FeedbackAnswer,
    FeedbackLink,
    FeedbackResponse,
    Question,
    QuestionSet,
)
from db.models.fulltext import register_index
from db.models.registers import RegisterCommunity, RegisterParticipant, RegisterSession
from db.models.value import (
    THEME_KINDS,
    EvidenceTag,
    Interview,
    Theme,
    ValueArea,
    ValueAreaCommunity,
    ValueCycle,
)

register_index()  # the full-text index is created and dropped with its content tables

__all__ = [
    "NAMING",
    "QUESTION_KINDS",
    "RESPONSE_STATUSES",
    "SESSION_STATUSES",
    "THEME_KINDS",
    "USER_ROLES",
    "AppUser",
    "AppUserCommunity",
    "Attendance",
    "AuditEntry",
    "Base",
    "Comment",
    "Community",
    "CommunityOrganisation",
    "CommunityRole",
    "Convener",
    "EvidenceTag",
    "FeedbackAnswer",
    "FeedbackLink",
    "FeedbackResponse",
    "ImportBatch",
    "Interview",
    "Organisation",
    "OrganisationAlias",
    "OrganisationType",
    "Participant",
    "ProfessionalGroup",
    "Programme",
    "Question",
    "QuestionSet",
    "RegisterCommunity",
    "RegisterParticipant",
    "RegisterSession",
    "Role",
    "Session",
    "SignInAttempt",
    "Theme",
    "ValueArea",
    "ValueAreaCommunity",
    "ValueCycle",
    "length_of",
]
