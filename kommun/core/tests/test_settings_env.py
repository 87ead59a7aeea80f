"""
Olle, who runs the installation, sets its switches in the environment. A word the settings
do not know stops the start with the name and the value, rather than switching off quietly.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from kommun.settings.env import envbool


@pytest.mark.parametrize("value", ["1", "true", "True", "YES", "on", " yes "])
def test_the_usual_ways_of_saying_yes_are_understood(monkeypatch, value):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", value)
    assert envbool("SECURE_SSL_REDIRECT", False) is True


@pytest.mark.parametrize("value", ["0", "false", "FALSE", "no", "Off"])
def test_the_usual_ways_of_saying_no_are_understood(monkeypatch, value):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", value)
    assert envbool("SECURE_SSL_REDIRECT", True) is False


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_empty_switch_keeps_its_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    else:
        monkeypatch.setenv("SECURE_SSL_REDIRECT", value)
    assert envbool("SECURE_SSL_REDIRECT", True) is True
    assert envbool("SECURE_SSL_REDIRECT", False) is False


@pytest.mark.parametrize("value", ["ture", "ja", "2", "enabled"])
def test_a_mistyped_switch_stops_the_start_naming_the_variable_and_the_value(monkeypatch, value):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", value)
    with pytest.raises(ImproperlyConfigured) as refusal:
        envbool("SECURE_SSL_REDIRECT", True)
    assert "SECURE_SSL_REDIRECT" in str(refusal.value)
    assert repr(value) in str(refusal.value)
