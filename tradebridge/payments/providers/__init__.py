"""Payment providers: card and wallet payments at an outside provider, and their signed
inbound webhooks. `base` holds the interface and the value types, `registry` picks the enabled
providers from settings, `stripe` and `sandbox` are the two adapters.

Nothing here touches the database: `payments.services.provider_payments` records payments and
applies events.
"""
