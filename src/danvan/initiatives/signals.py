from django.dispatch import Signal

# Sent inside the service's transaction after every write to an initiative, with
# `initiative` (as saved) and `before` (a dict of the counted fields before the write, or None
# for a new one). Pre-computed statistics and notifications listen to it.
initiative_changed = Signal()

# Sent inside the transaction by `initiatives_enter_historical` (the spreadsheet import) once per
# batch of new records entered in their final state, with `initiatives` (a list, as saved). It
# stands for `initiative_changed(before=None)` of each of them, so that a receiver can do its
# work once per batch (pre-computed statistics: one upsert for the whole batch). Such records are
# historical: they start no review and notify nobody.
initiatives_entered = Signal()
