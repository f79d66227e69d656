"""`manage.py bench_search`: our search against the Wagtail way on a synthetic corpus."""
