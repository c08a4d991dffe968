"""Failed password logins slow down guessing per account, without locking the owner out.

Every account (the e-mail typed, existing or not) has a failure counter in the shared cache.
The first `FREE_FAILURES` cost nothing; after that each attempt waits `FIRST_DELAY` seconds
after the last failure, doubling up to `MAX_DELAY`. A browser where the account signed in
before carries a signed device cookie and is counted on its own, so an attacker's failures
elsewhere never delay the owner there. An attempt is counted before the password is checked
(and the count dropped on success), so parallel guesses cannot all slip into one free slot.
The per-address limit is allauth's rate limit `login_failed_address` (see settings).
"""

import math
import secrets
import time
from dataclasses import dataclass

from allauth.core.internal.ratelimit import cache_lock
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

FREE_FAILURES = 5
FIRST_DELAY = 15  # seconds
MAX_DELAY = 180
FORGET_AFTER = 60 * 60  # an idle counter starts again from zero

DEVICE_COOKIE = "tb_signin_device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_DEVICE_SALT = "tradebridge.accounts.login_throttle.device"
_ACCOUNTS_PER_DEVICE = 10


@dataclass(frozen=True)
class KnownDevice:
    """What a valid device cookie says: a random id and the accounts that signed in on it."""

    device_id: str
    accounts: tuple[str, ...]


def login_account_ref(*, email: str) -> str:
    """A keyed digest of the e-mail: names the account in cache keys and cookies."""
    digest = salted_hmac(_DEVICE_SALT, email.strip().lower(), algorithm="sha256")
    return digest.hexdigest()[:32]


def delay_for(failures: int) -> int:
    """Seconds to wait after the last of `failures` consecutive failures."""
    if failures < FREE_FAILURES:
        return 0
    doublings = min(failures - FREE_FAILURES, 16)  # past the cap anyway; keeps the int small
    return min(FIRST_DELAY << doublings, MAX_DELAY)


def login_bucket(*, email: str, device: KnownDevice | None) -> str:
    """The cache key that counts this attempt: per account, or per account on a known device."""
    account = login_account_ref(email=email)
    if device is not None and account in device.accounts:
        return f"tb:login-failures:{account}:{device.device_id}"
    return f"tb:login-failures:{account}"


def login_attempt_begin(*, bucket: str) -> int:
    """Count an attempt as failed until it succeeds. Returns 0, or the seconds still to wait
    (then nothing is counted: waiting owners do not lengthen their own delay)."""
    with cache_lock(bucket) as locked:
        if not locked:
            return FIRST_DELAY
        failures: int
        last_at: float
        failures, last_at = cache.get(bucket, (0, 0.0))
        now = time.time()
        wait = delay_for(failures) - (now - last_at)
        if wait > 0:
            return math.ceil(wait)
        cache.set(bucket, (failures + 1, now), FORGET_AFTER)
        return 0


def login_failures_clear(*, bucket: str) -> None:
    cache.delete(bucket)


def known_device_read(cookie: str | None) -> KnownDevice | None:
    """The device named by a genuine cookie; None for a missing, forged or expired one."""
    if not cookie:
        return None
    try:
        data = signing.loads(cookie, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
        return KnownDevice(device_id=str(data["d"]), accounts=tuple(map(str, data["a"])))
    except (signing.BadSignature, KeyError, TypeError):
        return None


def known_device_remember(*, device: KnownDevice | None, email: str) -> str:
    """The cookie value after `email` signed in on this device (a new device id if none)."""
    account = login_account_ref(email=email)
    device_id = device.device_id if device is not None else secrets.token_urlsafe(16)
    others = [ref for ref in (device.accounts if device else ()) if ref != account]
    accounts = [account, *others][:_ACCOUNTS_PER_DEVICE]
    return signing.dumps({"d": device_id, "a": accounts}, salt=_DEVICE_SALT)
