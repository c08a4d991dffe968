"""Request and response bodies of the messaging API."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StringConstraints

from tradebridge.companies.api.schemas import StrictIn
from tradebridge.companies.models import Company
from tradebridge.core.api.params import NO_NUL_NOT_BLANK
from tradebridge.messaging.attachments import MAX_ATTACHMENTS_PER_MESSAGE
from tradebridge.messaging.downloads import LINK_MAX_AGE_SECONDS, attachment_link
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.models import MAX_BODY_LENGTH, MAX_TITLE_LENGTH, Message, Thread

Body = Annotated[str, StringConstraints(max_length=MAX_BODY_LENGTH)]
FirstBody = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_BODY_LENGTH, pattern=NO_NUL_NOT_BLANK)
]


class ThreadCreateIn(StrictIn):
    supplier: str | None = Field(
        None, max_length=80, description="The supplier's slug: you write as its buyer."
    )
    buyer_id: uuid.UUID | None = Field(
        None, description="The buyer company's id: you write as its supplier."
    )
    subject_kind: SubjectKind = Field(SubjectKind.NONE, description="What the thread is about.")
    subject_id: uuid.UUID | None = Field(None, description="The product, RFQ, quote... id.")
    title: str = Field("", max_length=MAX_TITLE_LENGTH)
    body: FirstBody = Field(description="The first message (not blank).")
    attachment_ids: list[uuid.UUID] = Field(default=[], max_length=MAX_ATTACHMENTS_PER_MESSAGE)


class MessageCreateIn(StrictIn):
    body: Body = ""
    attachment_ids: list[uuid.UUID] = Field(
        default=[],
        max_length=MAX_ATTACHMENTS_PER_MESSAGE,
        description="Ids from POST /threads/{id}/attachments, uploaded by you, not yet sent.",
    )


class ReportIn(StrictIn):
    reason: str = Field(max_length=2000, description="What is wrong with the message.")


class CompanyRefOut(Schema):
    id: uuid.UUID
    slug: str
    name: str

    @staticmethod
    def resolve_name(obj: Company) -> str:
        return obj.display_name


class ThreadOut(Schema):
    id: uuid.UUID
    buyer: CompanyRefOut
    supplier: CompanyRefOut
    subject_kind: SubjectKind
    subject_id: uuid.UUID | None
    subject_label: str
    title: str
    created_at: datetime
    last_message_at: datetime
    unread_count: int = Field(0, description="Messages of the other company you have not read.")

    @staticmethod
    def resolve_unread_count(obj: Thread) -> int:
        return int(getattr(obj, "unread_count", 0))


class AttachmentOut(Schema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    url: str = Field(
        description=f"A download link for you alone, valid {LINK_MAX_AGE_SECONDS // 60} minutes."
    )


class MessageOut(Schema):
    id: uuid.UUID
    thread_id: uuid.UUID
    sender_company_id: uuid.UUID
    sender_name: str
    body: str = Field(description="Empty when an operator hid the message.")
    hidden: bool
    created_at: datetime
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_sender_name(obj: Message) -> str:
        return obj.sender.get_full_name() if obj.sender else ""

    @staticmethod
    def resolve_hidden(obj: Message) -> bool:
        return obj.hidden_at is not None

    @staticmethod
    def resolve_body(obj: Message) -> str:
        return "" if obj.hidden_at is not None else obj.body

    @staticmethod
    def resolve_attachments(obj: Message, context: dict[str, Any]) -> list[AttachmentOut]:
        if obj.hidden_at is not None:
            return []
        user_id = getattr(getattr(context["request"], "auth", None), "user_id", None)
        return [
            AttachmentOut(
                id=a.id,
                filename=a.original_filename,
                content_type=a.content_type,
                size=a.size,
                url=attachment_link(attachment_id=a.id, user_id=user_id) if user_id else "",
            )
            for a in obj.attachments.all()
        ]


class ThreadStartedOut(Schema):
    thread: ThreadOut
    message: MessageOut
    created: bool = Field(description="False when the thread about this subject existed.")


class UploadOut(Schema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str

    @staticmethod
    def resolve_filename(obj: Any) -> str:
        return str(obj.original_filename)


class UnreadCountOut(Schema):
    unread: int


class ReportOut(Schema):
    id: uuid.UUID
    message_id: uuid.UUID
    status: str
