"""SQL that only one database understands, for the search migrations (FTS5, tsvector, triggers).

The leading underscore keeps Django's migration loader from taking this module for a migration.
"""


def run(statements_by_vendor):
    """A RunPython function executing the statements listed for the connection's vendor."""

    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply
