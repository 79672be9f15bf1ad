"""A retention period under the archive minimum stops the app with a Vietnamese message."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_a_retention_period_under_the_minimum_is_refused(settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 3

    with pytest.raises(SystemCheckError, match="không được dưới 5 năm"):
        call_command("check")


def test_the_default_period_passes(settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 5

    call_command("check")
