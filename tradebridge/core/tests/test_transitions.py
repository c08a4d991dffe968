from typing import Final

import pytest
from django.db import models

from tradebridge.core.errors import InvalidTransition
from tradebridge.core.transitions import ensure_transition


class Status(models.TextChoices):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    WITHDRAWN = "withdrawn"


TABLE: Final = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    Status.SUBMITTED: frozenset({Status.ACCEPTED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset(),
}


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.DRAFT, Status.SUBMITTED),
        (Status.DRAFT, Status.WITHDRAWN),
        (Status.SUBMITTED, Status.ACCEPTED),
    ],
)
def test_an_allowed_step_passes(current, target):
    ensure_transition(TABLE, current=current, target=target)  # does not raise


@pytest.mark.parametrize(
    ("_case", "current", "target", "allowed"),
    [
        ("skipping a step", Status.DRAFT, Status.ACCEPTED, ["submitted", "withdrawn"]),
        ("leaving a final state", Status.ACCEPTED, Status.WITHDRAWN, []),
        ("staying put", Status.SUBMITTED, Status.SUBMITTED, ["accepted", "withdrawn"]),
        ("a state missing from the table", Status.WITHDRAWN, Status.DRAFT, []),
    ],
)
def test_a_forbidden_step_raises_with_details(_case, current, target, allowed):
    with pytest.raises(InvalidTransition) as error:
        ensure_transition(TABLE, current=current, target=target)

    assert error.value.code == "invalid_transition"
    assert error.value.message == f"Cannot go from {current} to {target}."
    assert error.value.details == {
        "current": str(current),
        "target": str(target),
        "allowed": allowed,
    }


def test_plain_strings_work_too():
    with pytest.raises(InvalidTransition):
        ensure_transition({"open": {"closed"}}, current="closed", target="open")
