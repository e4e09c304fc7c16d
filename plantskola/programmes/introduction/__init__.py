"""The introduction for new managers ("Nya chefer").

An organisation marks one of its programmes as *the* introduction for new managers, with a
rule: within N days of starting (default 90). The page "Nya chefer" lists the people who
became managers (`core.ManagerAppointment` of kind FIRST, recorded by the roster import):
when, where (unit and administration), whether they are enrolled in or have completed the
introduction, the days since they started and whether they are overdue (not enrolled when
the N days have passed). Each is proposed for the introduction's next edition with one click,
or all shown at once (a preview with the count, a confirmation, then a queued
`programmes.BulkJob` with its progress page): they are enrolled and get the edition's
invitation, and their own manager gets a Swedish notice.
"""
