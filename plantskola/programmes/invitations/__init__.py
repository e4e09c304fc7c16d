"""Invitations that go out: the edition's invitation to a participant (the sessions in the
text, one `.ics` iTIP REQUEST per session), the invitation to a newly scheduled session, and
the CANCEL of a cancelled one. Updates of moved sessions are `calendar.services`'.

A single participant added by hand is invited at once (one person, one message). Many at
once (enrolment by rule, "Skicka inbjudningar") go after a preview of the message with the
recipient count, as a `BulkJob` in the task queue with progress on its page.
"""
