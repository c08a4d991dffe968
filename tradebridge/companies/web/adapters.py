"""The allauth adapter the site uses: accounts' adapter plus what companies add to it."""

from allauth.account.models import EmailAddress
from django.http import HttpRequest

from tradebridge.accounts.adapters import AccountAdapter
from tradebridge.accounts.models import User
from tradebridge.companies.services import company_verify_email


class CompanyAccountAdapter(AccountAdapter):
    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        """Confirm the address; the companies its user owns earn *e-mail verified*."""
        confirmed = bool(super().confirm_email(request, email_address))
        if confirmed and isinstance(email_address.user, User):
            company_verify_email(user=email_address.user)
        return confirmed
