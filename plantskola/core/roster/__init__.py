"""Import an organisation's staff roster from the HR system (a workbook or a text file).

The file is a *full* roster: everyone employed in the organisation, one person per row. An
import creates and updates units and people, records every change with its effective date,
and marks people who are no longer in the file as having left. The whole file is checked
first and written in one transaction: a file with any error writes nothing and yields a list
of row-numbered errors instead.

File format
-----------
Whatever `core.spreadsheets` reads: ``.xlsx``, ``.xls`` or ``.ods`` (the first sheet) or text
in UTF-8 (with or without a byte-order mark), UTF-16, Windows-1252 or ISO-8859-1, separated by
``;``, ``,`` or a tab, recognised by content. The heading row is the one of the first ten
with most known headings (a title or merged group headings may stand above it); row numbers in
error messages are the ones Excel shows. Blank rows are skipped. Headings are
case-insensitive; spaces around them are ignored; å, ä and ö may be written a, a and o;
spaces, hyphens and dots count as underscores (so ``Födelseår``, ``fodelsear`` and
``FODELSEAR`` are the same column); Swedish and English synonyms are listed in
`validation.COLUMNS`, and the organisation's saved mapping (`core.ImportMapping`, changed in
the preview) comes first. Any other column is not used; a personal identity number column is
never read.

=========================== ========================== ======== ==============================
Column (English)            Column (Swedish)           Required Values
=========================== ========================== ======== ==============================
employee_number             anställningsnummer         yes      the HR system's employee
                                                                number, unique in the file
first_name                  förnamn                    yes      text
last_name                   efternamn                  yes      text
email                       e-post (or epost)          no       an e-mail address
unit_code                   enhetskod                  yes      the unit's code in the HR
                                                                system
unit_name                   enhet                      no       the unit's name (new units
                                                                without one are named by code)
unit_kind                   enhetstyp                  no       administration, company,
                                                                department or unit (förvaltning,
                                                                bolag, avdelning, enhet);
                                                                new units default to unit
parent_unit_code            överordnad_enhetskod       no       code of the unit above: a unit
                                                                in the file or an existing
                                                                unit; empty for a top unit
title                       titel                      no       text
is_manager                  chef                       no       ja/nej, yes/no, 1/0,
                                                                true/false, x or empty (no)
manager_employee_number     närmaste_chef              no       employee number of the closest
                                                                manager, who must be in the file
gender                      kön                        no       kvinna/man/annat, K/M,
                                                                woman/man/other or empty;
                                                                self-reported only
birth_year                  födelseår                  no       four digits, 1900 to the
                                                                current year minus 14
=========================== ========================== ======== ==============================

A unit is described by the rows of its people: every row names its unit's code, and may give
its name, kind and parent; rows of the same unit must not contradict each other. An optional
column that is left out of the file keeps what is stored; a column that is present but empty
in a row clears that value (no title, not a manager, no closest manager, ...), except that an
empty unit name or kind keeps the unit's stored one, and a unit none of whose rows gives a
parent becomes a top unit when the parent column is present. Units are never deleted by an
import. At most ``ROSTER_MAX_BYTES`` bytes (setting) and 100,000 rows.

Errors
------
Every error has a stable code, a translated message and, where it has one, the row number and
the column (named by the file's own heading): ``too_large`` (checked before the file is read),
``empty_file``, ``not_a_spreadsheet``, ``unpacks_too_large``, ``too_many_rows``,
``no_heading_row`` (none of the first ten rows has known headings), ``missing_column``,
``duplicate_column`` (two headings for one column), ``formula_not_calculated`` (with the cell
address), ``missing_value`` (a required value is empty), ``bad_email``, ``bad_value`` (unknown
unit kind, yes/no, gender or birth year; a value that is too long or holds control
characters; a unit given two different names, kinds or parents),
``duplicate_employee_number`` (on the second occurrence, naming the first row),
``unknown_manager`` (the closest manager is not in the file), ``manager_cycle`` (someone is
their own manager, directly or through others), ``unknown_parent_unit`` (neither in the file
nor an existing unit), ``unit_cycle``. All errors of the file are listed in row order, those
saying the same of several rows as one line with the rows as ranges, up to 200 lines and
then ``too_many_errors`` with the count of the rest; `RosterResult.error_count` is exact.

What an import does
-------------------
- People are matched on employee number within the organisation. New people are created
  (recorded as ``created``); for known people, each change of unit, title, manager role,
  closest manager, e-mail or name is recorded as a ``PersonChange`` with the effective date
  and source. Gender and birth year are updated without history.
- Active people missing from the file are marked as no longer employed (``left``); an
  inactive person who is in the file again is ``returned``.
- Importing the same file twice changes nothing the second time.

Modules
-------
``validation`` reads the file (with `core.spreadsheets`) and checks each row; ``hierarchy``
checks the rows together (employee numbers, closest managers, the unit tree); ``selectors``
reads what is stored; ``diff`` works out what an import changes; ``services`` runs the import
and writes it, in one transaction; ``forms``, ``views`` and ``urls`` are the upload in the
browser, and ``plantskola import-roster`` the same from the command line.
"""
