"""Data reports (Kommunalprofil, Datencheck): import, small-cell protection, tables and charts.

Key concepts: `importer.import_table` turns a DataFrame (one row per area, one column per
indicator) into plain JSON-able data or a list of `RowError`s; nothing is stored when there is
any error. `publication.publish` applies the small-cell protection and is the ONLY way to the
outputs (HTML table, SVG charts, CSV/XLSX, search document), so a suppressed value cannot leak.
"""
