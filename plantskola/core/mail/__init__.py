"""E-mail: editable templates, an outbox, and sending through the task queue.

Every e-mail Plantskola sends is rendered from a template (a default in code, which HR can
override per organisation), stored as an `OutgoingEmail`, and sent by a background task after
the surrounding transaction commits, so a slow mail server never blocks a page. A failed send
is retried with back-off and stays visible in the outbox.

Features call `services.register_template` once and `services.email_queue` per e-mail.
`services` enqueues `tasks.send_email`, which calls `sending.email_send`; nothing imports
back, so there is no cycle.
"""
