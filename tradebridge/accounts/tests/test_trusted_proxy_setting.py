"""The number of trusted reverse proxies comes from the TRUSTED_PROXY_COUNT variable."""

import os
import subprocess
import sys

import pytest

# Only the settings module is imported: a fresh interpreter reads the environment again.
READ_SETTING = "import config.settings.test as s; print(s.ALLAUTH_TRUSTED_PROXY_COUNT)"


@pytest.mark.parametrize(("value", "expected"), [(None, "0"), ("2", "2")])
def test_trusted_proxy_count_is_read_from_the_environment(value, expected):
    env = dict(os.environ)
    env.pop("TRUSTED_PROXY_COUNT", None)
    if value is not None:
        env["TRUSTED_PROXY_COUNT"] = value

    result = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", READ_SETTING], env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
