"""Large documents rendered in the background.

A kind is registered once (`services.register_document`) with the dotted paths of two
functions: `render(params) -> bytes` and `allowed(user, params) -> bool` (the same rule as the
page the document belongs to, asked again at every download, by `access.core`). A view calls
`services.document_request`, which stores the request and hands it to the task worker after
commit, then sends the user to the document's page, which shows progress and the download
link. `services` enqueues `tasks.render_document`, which calls `rendering.document_render`;
nothing imports back, so there is no cycle.
"""
