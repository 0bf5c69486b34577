from django.dispatch import Signal

# Sent inside the service's transaction after every write to an initiative, with
# `initiative` (as saved) and `before` (a dict of the counted fields before the write, or None
# for a new one). Pre-computed statistics and notifications listen to it.
initiative_changed = Signal()
