from datetime import timedelta

from django.apps import AppConfig


class RfqConfig(AppConfig):
    name = "tradebridge.rfq"
    label = "rfq"
    verbose_name = "RFQs and quotes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.companies.onboarding import onboarding_register
        from tradebridge.core.periodic import periodic_register
        from tradebridge.messaging.enums import SubjectKind
        from tradebridge.messaging.subjects import subject_resolver_register
        from tradebridge.rfq.matching.tasks import rfq_match_digests_task
        from tradebridge.rfq.subjects import deal_subject, quote_subject, rfq_subject
        from tradebridge.rfq.tasks import rfq_deadlines_run
        from tradebridge.rfq.web.onboarding import rfq_onboarding_steps

        periodic_register(
            "matching RFQ digest e-mails",
            every=timedelta(minutes=10),
            run=rfq_match_digests_task.enqueue,
        )
        periodic_register(
            "RFQ deadlines and quote validity",
            every=timedelta(minutes=1),
            run=rfq_deadlines_run.enqueue,
        )
        subject_resolver_register(SubjectKind.RFQ, rfq_subject)
        subject_resolver_register(SubjectKind.QUOTE, quote_subject)
        subject_resolver_register(SubjectKind.DEAL, deal_subject)
        onboarding_register(rfq_onboarding_steps)
