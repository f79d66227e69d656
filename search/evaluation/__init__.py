"""Search quality evaluation (`manage.py evaluate_search`): catalogue, queries, scoring."""
