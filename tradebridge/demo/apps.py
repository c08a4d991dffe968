from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tradebridge.demo"
    label = "demo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.core.serve_banner import serve_banner_register
        from tradebridge.demo.banner import demo_login_lines

        serve_banner_register(demo_login_lines)
