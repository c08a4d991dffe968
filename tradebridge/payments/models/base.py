"""What the payments models share: the check constraints of choice fields."""

from django.db import models
from django.db.models import Q


def choice_valid(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def blank_or_choice_valid(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{field: ""}) | Q(**{f"{field}__in": choices.values}), name=name
    )
