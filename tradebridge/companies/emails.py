"""E-mails the companies domain sends, as background tasks scheduled after commit
(`core.tasks.enqueue_on_commit`). Each takes primitive values and no-ops when no longer relevant.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string

from tradebridge.companies.models import Invitation


@task()
def invitation_email_send(*, invitation_id: str, token: str) -> None:
    """Send the invitation with its accept link `{SITE_URL}/invitations/<token>/`.

    Sends nothing if the invitation has since been accepted, revoked or has expired. The raw
    token travels in the task's arguments because only its hash is stored; on its own it is
    useless without signing in with the invited, verified address.
    """
    invitation = (
        Invitation.objects.select_related("company", "invited_by").filter(id=invitation_id).first()
    )
    if invitation is None or not invitation.is_pending:
        return
    context = {
        "invitation": invitation,
        "company": invitation.company,
        "inviter": invitation.invited_by,
        "accept_url": f"{settings.SITE_URL.rstrip('/')}/invitations/{token}/",
    }
    subject = render_to_string("companies/email/invitation_subject.txt", context).strip()
    body = render_to_string("companies/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
