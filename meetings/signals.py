"""What the apps above meetings hear about a dialogue, without meetings knowing them."""

from django.dispatch import Signal

# A dialogue was copied into a new draft: ``source`` and ``copy``. The opinions app copies
# its form's questions; a receiver must copy only what belongs to the source itself.
plan_copied = Signal()
