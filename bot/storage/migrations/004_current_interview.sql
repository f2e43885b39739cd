-- A new interview becomes its user's current one (the interview /notes, /thanks and the
-- other steps work on until the user picks another). As a trigger, creating the interview
-- and making it current are one statement: atomic without a transaction, and one round trip
-- to the database thread for the debrief's first answer.
CREATE TRIGGER interviews_become_current AFTER INSERT ON interviews
BEGIN
    UPDATE users SET current_interview_id = NEW.id, updated_at = NEW.created_at
    WHERE id = NEW.user_id;
END;
