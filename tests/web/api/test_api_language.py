# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The API's own error messages in the request's language (issue 15): Dutch by default,
English with ``Accept-Language: en``; one language per message."""

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from safetyplan.web.core.fields import FiniteFloatField
from tests.i18n.language_check import offending_lines

pytestmark = pytest.mark.django_db


def _message(value) -> str:
    """A field's error: one message or a list of them."""
    return value if isinstance(value, str) else " ".join(map(str, value))


@pytest.fixture
def api(users):
    def as_user(name, lang):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=lang)
        token, _ = Token.objects.get_or_create(user=users[name])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return as_user


CASES = [  # (method, url, query or body, field, Dutch, English)
    ("get", "/api/v1/monitor/", {"year": "x"}, "year", "Geen jaartal.", "Not a year."),
    ("get", "/api/v1/goals/", {"limit": "abc"}, "limit", "Een geheel getal", "A whole number"),
    ("get", "/api/v1/goals/", {"limit": "0"}, "limit", "Minstens 1.", "At least 1."),
    ("get", "/api/v1/goals/", {"offset": str(10**10)}, "offset", "Hoogstens", "At most"),
]


@pytest.mark.parametrize(("method", "url", "data", "field", "dutch", "english"), CASES)
def test_api_errors_speak_the_request_language(plan, api, method, url, data, field, dutch, english):
    for lang, own, other in (("nl", dutch, english), ("en", english, dutch)):
        response = getattr(api("analist", lang), method)(url, data)
        assert response.status_code == 400, (lang, response.content)
        message = _message(response.data[field])
        assert own in message and other not in message, (lang, message)


def test_a_non_finite_target_is_refused_in_either_language(plan, api):
    for lang, own, other in (
        ("nl", "Een geldig nummer is vereist.", "valid"),
        ("en", "A valid number is required.", "geldig"),
    ):
        response = api("analist", lang).patch(
            "/api/v1/goals/woninginbraak/", {"target": "NaN"}, format="json"
        )
        assert response.status_code == 400, response.content
        message = _message(response.data["target"])
        assert own in message and other not in message, (lang, message)


def test_the_finite_field_message_is_translated():
    """DRF's FloatField refuses NaN and infinity itself today; the field's own message is
    the guard behind it, translated like the rest."""
    field = FiniteFloatField()
    with translation.override("nl"):
        assert str(field.error_messages["not_finite"]) == "Moet een eindig getal zijn."
    with translation.override("en"):
        assert str(field.error_messages["not_finite"]) == "Must be a finite number."


def test_an_activity_outside_the_plan_period_is_refused_in_the_request_language(plan, api):
    body = {"title": "x", "owner": "POLITIE", "year": 2030}
    for lang, own in (("nl", "Buiten de planperiode."), ("en", "Outside the plan period.")):
        response = api("analist", lang).post("/api/v1/activities/", body, format="json")
        assert response.status_code == 400, response.content
        message = _message(response.data["year"])
        assert message == own
        assert not offending_lines(lang, message)
