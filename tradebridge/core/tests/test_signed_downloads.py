"""Signed download links (`core.signed_downloads`): a token reads back its claims only under
its own salt, within its age and for the person it was bound to; anything else reads as
nothing. The response serves a file as an attachment that is never sniffed, rendered or
cached."""

import time
import uuid

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile

from tradebridge.core.models import AuditEvent
from tradebridge.core.signed_downloads import (
    DOWNLOAD_CSP,
    LINK_MAX_AGE,
    claim_uuid,
    file_download_response,
    link_token_read,
    link_token_sign,
)

SALT = "tradebridge.tests.links"
USER = str(uuid.UUID(int=1))
FILE = str(uuid.UUID(int=2))


def _token() -> str:
    return link_token_sign(salt=SALT, claims={"f": FILE, "u": USER})


def test_a_token_reads_back_its_claims_for_the_person_it_was_bound_to() -> None:
    assert link_token_read(_token(), salt=SALT, bound={"u": USER}) == {"f": FILE, "u": USER}


@pytest.mark.parametrize(
    "bound",
    [{"u": str(uuid.UUID(int=3))}, {"u": USER, "c": "company"}, {"f": FILE, "u": FILE}],
)
def test_a_token_bound_to_someone_else_reads_as_nothing(bound: dict[str, str]) -> None:
    assert link_token_read(_token(), salt=SALT, bound=bound) is None


def test_a_token_of_another_kind_of_link_reads_as_nothing() -> None:
    assert link_token_read(_token(), salt="tradebridge.tests.other", bound={"u": USER}) is None


def test_a_token_lives_ten_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    signed_at = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: signed_at)
    token = _token()

    monkeypatch.setattr("django.core.signing.time.time", lambda: signed_at + 599)
    assert link_token_read(token, salt=SALT, bound={"u": USER}) is not None
    assert link_token_read(token, salt=SALT, bound={"u": USER}, max_age=598) is None
    monkeypatch.setattr("django.core.signing.time.time", lambda: signed_at + 601)
    assert LINK_MAX_AGE.total_seconds() == 600
    assert link_token_read(token, salt=SALT, bound={"u": USER}) is None


@pytest.mark.parametrize("token", ["", "garbage", "a:b:c", "x" * 500, "e30:1:abc"])
def test_a_forged_token_reads_as_nothing(token: str) -> None:
    assert link_token_read(token, salt=SALT, bound={}) is None


def test_a_tampered_token_reads_as_nothing() -> None:
    token = _token()
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert link_token_read(tampered, salt=SALT, bound={"u": USER}) is None


def test_a_signed_value_that_is_not_an_object_reads_as_nothing() -> None:
    token = signing.TimestampSigner(salt=SALT).sign_object(["u", USER])

    assert link_token_read(token, salt=SALT, bound={}) is None


def test_claim_uuid() -> None:
    claims = {"f": FILE, "bad": "not-a-uuid"}

    assert (claim_uuid(claims, "f"), claim_uuid(claims, "bad"), claim_uuid(claims, "x")) == (
        uuid.UUID(FILE),
        None,
        None,
    )


def test_the_file_is_served_as_an_attachment_never_sniffed_rendered_or_cached() -> None:
    storage = InMemoryStorage()
    name = storage.save("evidence/scan.pdf", ContentFile(b"%PDF-1.7 body"))
    stored = FieldFile(instance=AuditEvent(), field=FileField(storage=storage), name=name)

    response = file_download_response(stored, filename="Scan 1.pdf", content_type="application/pdf")

    assert b"".join(response.streaming_content) == b"%PDF-1.7 body"  # type: ignore[arg-type]
    assert dict(response.headers) == {
        "Content-Type": "application/pdf",
        "Content-Length": "13",
        "Content-Disposition": 'attachment; filename="Scan 1.pdf"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": DOWNLOAD_CSP,
        "Cache-Control": "private, no-store",
    }
    assert DOWNLOAD_CSP == "sandbox; default-src 'none'"
