"""A list of ids kept on the row itself, for queries that must not join.

`integer[]` on PostgreSQL (array operators, `unnest`), a JSON array in a text
column elsewhere (SQLite reads it with `json_each`). Always sorted and without
repeats, so that two rows with the same ids hold the same value.
"""

import json

from django.db import models


class IdList(models.Field):
    description = "a sorted list of ids"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("default", list), ("editable", False), ("blank", True)):
            if kwargs.get(key) is value:
                del kwargs[key]
        return name, path, args, kwargs

    def db_type(self, connection):
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        if isinstance(value, str):
            return json.loads(value)
        return list(value)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        ids = sorted({int(pk) for pk in value})
        return ids if connection.vendor == "postgresql" else json.dumps(ids)
