"""The fixtures of the product's tests (tests/conftest.py: the small world, migrated rows, and the
autouse ones: an empty cache, fast hashing, media in a temporary folder) serve the bench's tests too.
Every name is taken, underscored autouse fixtures included, so a fixture added there applies here."""

from tests import conftest as _product

globals().update({name: value for name, value in vars(_product).items() if not name.startswith("__")})
