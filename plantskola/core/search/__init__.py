"""Searching people and units by name, code or employee number: the endpoints behind the
searchable selects (`core/widgets.py`) and the matching that resolves typed text without
JavaScript."""
