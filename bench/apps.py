from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The `generate`, `bench` and `library_bench` commands. Added to INSTALLED_APPS only when this
    development package is installed and DANVAN_ENV is not production (see danvan.settings)."""

    name = "bench"
    verbose_name = "Benchmarks (development)"
