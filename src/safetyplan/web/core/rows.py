# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Model instances from one plain SQL query, for the two lookups every page makes (the
current plan, the user's membership).

Building a queryset costs about ten times the query itself (0.5 ms against 0.05 ms per
lookup, measured for benchmarks/web/dashboard_load.py); these helpers skip the query
compiler but convert the values with the database backend's own converters and build the
instances with ``Model.from_db``, exactly as a queryset does at its end.
"""

from __future__ import annotations

from django.db import connection


def columns(model, exclude: tuple[str, ...] = ()) -> list:
    """The model's concrete fields in table order, without ``exclude`` (left deferred)."""
    return [f for f in model._meta.concrete_fields if f.name not in exclude]


def select_list(fields, alias: str) -> str:
    qn = connection.ops.quote_name
    return ", ".join(f"{alias}.{qn(f.column)}" for f in fields)


def instance(model, fields, values):
    """``model`` built from ``values`` (in the order of ``fields``), converted as the ORM
    would; fields left out are deferred."""
    converted = []
    for field, value in zip(fields, values, strict=True):
        col = field.get_col(model._meta.db_table)
        for converter in connection.ops.get_db_converters(col) + col.get_db_converters(connection):
            value = converter(value, col, connection)
        converted.append(value)
    return model.from_db(connection.alias, [f.attname for f in fields], converted)


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)
