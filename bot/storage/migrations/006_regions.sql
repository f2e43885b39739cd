-- The user's region where public holidays differ within a country (issue 13): the `holidays`
-- package's subdivision code, e.g. 'ENG', 'SCT' for the UK's nations, 'ON' for Ontario.
--
-- NULL: never asked. Existing users keep their country (its national holidays count, as
-- before); a UK or Canadian user among them is asked the nation or province once, the next
-- time they open /start or /settings. '' : asked, and left at the whole country.
ALTER TABLE users ADD COLUMN region TEXT;
