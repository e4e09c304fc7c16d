"""Who may see and do what: one layer between the models and everything that serves people.

`principal` computes who the user is once per request; one module per domain answers, in the
same three shapes everywhere, what they may see (`<things>_for_user(user) -> QuerySet`),
whether they may act (`<thing>_can_<verb>(user, thing) -> bool`) and fetch-and-authorise
(`<thing>_get_for_user(user, pk, *, action) -> Thing`, 404 for missing and hidden alike,
403 for a visible object the user may not act on). `actions.can` dispatches over them.

This package imports the models of every app at module level and is imported by services,
selectors, forms, views and the API; it never imports them (tests/test_layers.py).
"""
