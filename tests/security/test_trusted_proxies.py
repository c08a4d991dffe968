"""`check --deploy` warns when the production site behind its proxy does not know the client."""

WARNING = (
    "?: (accounts.W001) Sign-in limits count every visitor as the proxy's address.\n"
    "\tHINT: Set TRUSTED_PROXY_COUNT to the number of proxies in front (docs/deployment.md)."
)


def test_check_deploy_warns_without_a_trusted_proxy_count(run_in_prod, prod_env, monkeypatch):
    monkeypatch.delitem(prod_env, "TRUSTED_PROXY_COUNT")

    result = run_in_prod("-m", "django", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 1
    assert WARNING in result.stderr


def test_the_trusted_proxy_count_silences_the_warning(run_in_prod):
    result = run_in_prod("-m", "django", "check", "--deploy", "--fail-level", "WARNING")

    assert "accounts.W001" not in result.stdout + result.stderr
