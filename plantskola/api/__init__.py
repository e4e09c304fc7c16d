"""The JSON API (`/api/v1/`): organisation-scoped tokens, read endpoints and the roster push.

`tokens/` is the page on which an organisation's HR administrator creates and revokes its
API tokens; `v1/` is the django-ninja API itself. Every decision about what a token may see
or do is made in `plantskola/access/api.py`.
"""
