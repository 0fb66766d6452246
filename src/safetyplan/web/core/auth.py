# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Django's model backend, with the per-request user lookup as one plain query.

Every logged-in request loads its user from the session; through a queryset that cost a
tenth of a dashboard request (benchmarks/web/dashboard_load.py). Logging in, permissions and
the session's password check stay Django's own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connection

from . import lockout, rows


class Backend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        """Django's check, refused while the user name is locked (brute force, issue 14)."""
        name = username or kwargs.get(get_user_model().USERNAME_FIELD) or ""
        if name and lockout.locked("login", name):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if name:
            (lockout.succeeded if user is not None else lockout.failed)("login", name)
        return user

    def get_user(self, user_id):
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        fields = rows.columns(model)
        sql = (
            f"SELECT {rows.select_list(fields, 'u')} FROM {rows.table(model)} u"
            f" WHERE u.{connection.ops.quote_name(model._meta.pk.column)} = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        user = rows.instance(model, fields, row)
        return user if self.user_can_authenticate(user) else None
