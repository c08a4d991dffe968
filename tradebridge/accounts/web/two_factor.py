"""What could strip an account of its second factor asks for that factor, not the password.

Turning TOTP off, and seeing or renewing the recovery codes (one of them would turn TOTP off),
need a TOTP or recovery code entered in the last few minutes: a stolen session plus the
password (phished, reused) must not be enough. allauth's own views do the work behind this.
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.recovery_codes import views as recovery_code_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

View = Callable[..., HttpResponse]

# When this session last proved the second factor outside allauth's records: activating TOTP.
ACTIVATED_AT_SESSION_KEY = "tb_totp_activated_at"
REQUIRES_A_CODE = _(
    "To turn two-factor authentication off, enter a code from your authenticator app "
    "or one of your recovery codes."
)
RECOVERY_CODES_REQUIRE_A_CODE = _(
    "To see or renew your recovery codes, enter a code from your authenticator app "
    "or one of your recovery codes."
)


def _second_factor_proved_at(request: HttpRequest) -> float:
    """When this session last entered a TOTP or recovery code after signing in (0: never)."""
    records = get_authentication_records(request, request.user)
    reentered = [
        float(record["at"])
        for record in records
        if record.get("method") == "mfa" and record.get("reauthenticated")
    ]
    activated = float(request.session.get(ACTIVATED_AT_SESSION_KEY, 0))
    return max([*reentered, activated])


def _second_factor_required(view: View, reason: "StrPromise") -> View:
    """`view` behind a fresh code when the user has a second factor (else allauth decides)."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        fresh = time.time() - _second_factor_proved_at(request) < (
            account_settings.REAUTHENTICATION_TIMEOUT
        )
        if fresh or not is_mfa_enabled(request.user):
            return view(request, *args, **kwargs)
        # allauth's code page also offers the password: say which one this step needs.
        messages.info(request, reason)
        query = urlencode({REDIRECT_FIELD_NAME: request.path})
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")

    return guarded


@login_required
def totp_activate(request: HttpRequest) -> HttpResponse:
    """allauth's activation; the code that activated TOTP counts as a freshly entered one,
    so the recovery codes shown next open without asking again."""
    response: HttpResponse = totp_views.activate_totp(request)
    if request.method == "POST" and response.status_code == 302 and is_mfa_enabled(request.user):
        request.session[ACTIVATED_AT_SESSION_KEY] = time.time()
    return response


totp_deactivate = _second_factor_required(totp_views.deactivate_totp, REQUIRES_A_CODE)
recovery_codes_view = _second_factor_required(
    recovery_code_views.view_recovery_codes, RECOVERY_CODES_REQUIRE_A_CODE
)
recovery_codes_generate = _second_factor_required(
    recovery_code_views.generate_recovery_codes, RECOVERY_CODES_REQUIRE_A_CODE
)
recovery_codes_download = _second_factor_required(
    recovery_code_views.download_recovery_codes, RECOVERY_CODES_REQUIRE_A_CODE
)
