-- PostgreSQL's form of 004 (a trigger there runs a function; SQLite's runs its body inline).
-- A new interview becomes its user's current one, in the statement that creates it.
CREATE FUNCTION interviews_become_current() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET current_interview_id = NEW.id, updated_at = NEW.created_at
    WHERE id = NEW.user_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER interviews_become_current AFTER INSERT ON interviews
FOR EACH ROW EXECUTE FUNCTION interviews_become_current();
