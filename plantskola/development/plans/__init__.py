"""Action plans, roadmaps and reflections: the participant's own development during and after
the programme (see `plans/models.py` for who reads what)."""
