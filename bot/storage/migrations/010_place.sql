-- Where an interview still to come takes place (issue 15, step 0): an address, "video call",
-- "phone", as the user typed it; asked only before the interview, shown with its time in the
-- preparation and the evening-before nudge. NULL: not asked or skipped.
ALTER TABLE interviews ADD COLUMN place TEXT;
