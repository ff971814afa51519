"""The demo data: the real Borås case and a realistic partnership around it, as
YAML files (data/), loaded by one loader (loader.py) with `manage.py seed_demo`."""
