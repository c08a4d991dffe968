"""Public pages that need no company: the home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """What Tradebridge is, for buyers and for suppliers, with the calls to action."""
    return render(request, "core/home.html")
