"""Turning two-factor authentication off asks for the second factor, not only the password."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.totp.views import deactivate_totp
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

REQUIRES_A_CODE = _(
    "To turn two-factor authentication off, enter a code from your authenticator app "
    "or one of your recovery codes."
)


def _recently_confirmed_second_factor(request: HttpRequest) -> bool:
    """True when, in this session, a TOTP or recovery code was re-entered within the timeout."""
    records = get_authentication_records(request, request.user)
    confirmed_at = [
        record["at"]
        for record in records
        if record.get("method") == "mfa" and record.get("reauthenticated")
    ]
    return bool(confirmed_at) and (
        time.time() - max(confirmed_at) < account_settings.REAUTHENTICATION_TIMEOUT
    )


@login_required
def totp_deactivate(request: HttpRequest) -> HttpResponse:
    """allauth's deactivation, behind a fresh code: a stolen session plus the password
    (phished, reused) must not be enough to strip the account of its second factor."""
    if not _recently_confirmed_second_factor(request):
        # allauth's code page also offers the password: say which one this step needs.
        messages.info(request, REQUIRES_A_CODE)
        query = urlencode({REDIRECT_FIELD_NAME: reverse("mfa_deactivate_totp")})
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
    response: HttpResponse = deactivate_totp(request)
    return response
