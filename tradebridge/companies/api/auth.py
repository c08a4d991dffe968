"""API authentication: bearer personal tokens, or the browser session with CSRF."""

from ninja.security import django_auth

API_AUTH = [django_auth]
