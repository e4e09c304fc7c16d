"""Surveys that open by themselves: per programme, a template, how many days after a module's
last day its survey opens, and how many days it stays open. `plantskola open_evaluations`,
run daily by the worker's scheduler (like `remind_evaluations`), opens the surveys that are
due and sends the invitations; the reminders follow from `remind_evaluations`."""
