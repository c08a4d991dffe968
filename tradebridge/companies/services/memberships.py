"""Changing members' roles and removing members."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can, role_outranks_or_equals
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


def membership_change_role(*, actor: Membership, membership_id: uuid.UUID, role: str) -> Membership:
    """Give a member of the actor's company a new role; return the membership.

    The actor needs MANAGE_MEMBERS and a rank >= both the member's current and the new role,
    judged on the actor's role as it is when the rows are locked. Raises NotFound,
    PermissionDenied, ValidationFailed (unknown role), Conflict (the last owner).
    """
    ensure_can(actor, Permission.MANAGE_MEMBERS)
    new_role = _valid_role(role)
    with transaction.atomic():
        locked = _lock_members(actor=actor, membership_id=membership_id)
        ensure_can(locked.actor, Permission.MANAGE_MEMBERS)
        _ensure_rank_allows(locked.actor, locked.target.role, new_role)
        if locked.target.role == Role.OWNER and new_role != Role.OWNER:
            locked.ensure_another_owner()
        target = locked.target
        if target.role != new_role:
            target.role = new_role
            target.save(update_fields=["role", "updated_at"])
    return target


def membership_remove(*, actor: Membership, membership_id: uuid.UUID) -> None:
    """Remove a member from the actor's company, or let the actor leave (its own membership).

    Removing others needs MANAGE_MEMBERS and a rank >= theirs. The membership is deactivated and
    its API tokens revoked. Raises NotFound, PermissionDenied, Conflict (the last owner).
    """
    leaving = membership_id == actor.id
    if not leaving:
        ensure_can(actor, Permission.MANAGE_MEMBERS)
    with transaction.atomic():
        locked = _lock_members(actor=actor, membership_id=membership_id)
        if not leaving:
            ensure_can(locked.actor, Permission.MANAGE_MEMBERS)
        _ensure_rank_allows(locked.actor, locked.target.role)
        if locked.target.role == Role.OWNER:
            locked.ensure_another_owner()
        target = locked.target
        target.is_active = False
        target.save(update_fields=["is_active", "updated_at"])
        target.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@dataclass(frozen=True)
class _LockedMembers:
    actor: Membership
    target: Membership
    owner_ids: frozenset[uuid.UUID]

    def ensure_another_owner(self) -> None:
        if not self.owner_ids - {self.target.id}:
            raise Conflict("The last owner cannot be removed or demoted.", reason="last_owner")


def _lock_members(*, actor: Membership, membership_id: uuid.UUID) -> _LockedMembers:
    # One query locks the actor, the target and every owner, in primary-key order: concurrent
    # role changes serialise without deadlocks, and each is judged on fresh roles.
    rows = {
        row.id: row
        for row in Membership.objects.select_for_update()
        .filter(Q(id__in=(actor.id, membership_id)) | Q(role=Role.OWNER))
        .filter(company_id=actor.company_id, is_active=True)
        .order_by("id")
    }
    if actor.id not in rows:
        raise PermissionDenied()
    if membership_id not in rows:
        raise NotFound()
    owner_ids = frozenset(row.id for row in rows.values() if row.role == Role.OWNER)
    return _LockedMembers(actor=rows[actor.id], target=rows[membership_id], owner_ids=owner_ids)


def _ensure_rank_allows(actor: Membership, *roles: str) -> None:
    if not all(role_outranks_or_equals(actor.role, role) for role in roles):
        raise PermissionDenied("You cannot manage or assign a role above your own.")


def _valid_role(value: str) -> Role:
    if value not in Role.values:
        raise ValidationFailed("Unknown role.", field="role")
    return Role(value)
