"""Dialogs of the window: a new network, re-initialising the parameters, CSV import options."""
