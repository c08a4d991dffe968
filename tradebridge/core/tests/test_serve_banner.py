"""Apps above core add lines to `serve`'s banner without core importing them."""

from tradebridge.core import serve_banner


def test_providers_add_their_lines_in_order_and_only_once(monkeypatch):
    monkeypatch.setattr(serve_banner, "_PROVIDERS", [])

    def first() -> list[str]:
        return ["a", "b"]

    def second() -> list[str]:
        return ["c"]

    serve_banner.serve_banner_register(first)
    serve_banner.serve_banner_register(second)
    serve_banner.serve_banner_register(first)

    assert serve_banner.serve_banner_lines() == ["a", "b", "c"]
