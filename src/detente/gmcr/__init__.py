"""detente.gmcr"""

# Modules that register further solution concepts in analysis.EXTRA_CONCEPTS when imported.
from detente.gmcr import coalitions as _coalitions  # noqa: E402,F401
from detente.gmcr import limited_move as _limited_move  # noqa: E402,F401
