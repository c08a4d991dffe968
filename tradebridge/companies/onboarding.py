"""The dashboard's "next steps" that apps above `companies` add (the catalog's first products).

`companies` cannot import the apps above it, so they register a provider here from their
AppConfig's `ready()`, as the demo app does for the serve banner (`core/serve_banner.py`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from tradebridge.companies.models import Membership


@dataclass(frozen=True, slots=True)
class OnboardingStep:
    """One line of the checklist: `key` picks its words in the dashboard template, `url` is
    the name of the page that does it. A step not done may be `waiting` for the operator:
    that many documents or products wait for review, listed at `waiting_link` (a path)."""

    key: str
    done: bool
    url: str
    waiting: int = 0
    waiting_link: str = ""


OnboardingProvider = Callable[[Membership], list[OnboardingStep]]

_PROVIDERS: list[OnboardingProvider] = []


def onboarding_register(provider: OnboardingProvider) -> None:
    """Add `provider`'s steps to every dashboard; registering it twice adds it once."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def onboarding_steps(actor: Membership) -> list[OnboardingStep]:
    """Every registered provider's steps for `actor`, in registration order."""
    return [step for provider in _PROVIDERS for step in provider(actor)]
