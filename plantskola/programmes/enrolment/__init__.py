"""Enrolment by rule and the participants' mass actions.

A coordinator adds people from a roster rule (managers, permanent managers, a title, a unit
with its sub-units), sees a preview (who will be added, who is an alumnus of the programme
or enrolled elsewhere), and confirms. The participants' list changes status or withdraws
many at once (a withdrawal always with a reason), and the attendance page marks everyone
present except the ones named. Each mass action shows its count first, and runs in the task
queue as a `BulkJob`, whose page shows its progress (`running.bulk_job_run` does the work,
whole or not at all).
"""
