"""The core app's own pages: the start page, logging in (password, second factor, single
sign-on) and out, and browsing people and units (the roster as the user may see it)."""
