from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The benchmark commands and the synthetic data they build: measuring tools
    kept apart from the apps they measure, so no user's data goes through them."""

    name = "benchmarks"
    verbose_name = "Benchmarks"
