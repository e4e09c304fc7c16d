"""Job shadowing: a round per edition, host managers, participants' preferences, the engine's
matches, the host's answer and the agreed dates (see `shadowing/services.py`)."""
