"""Lines other apps add to `tradebridge serve`'s start-up banner.

Core cannot import the apps above it, so they register a provider here from their AppConfig's
`ready()` (the demo app lists the demo logins present in the database).
"""

from collections.abc import Callable

BannerLines = Callable[[], list[str]]

_PROVIDERS: list[BannerLines] = []


def serve_banner_register(provider: BannerLines) -> None:
    """Add `provider` to the banner; registering the same provider twice adds it once."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def serve_banner_lines() -> list[str]:
    """Every registered provider's lines, in registration order."""
    return [line for provider in _PROVIDERS for line in provider()]
