"""The access log's append in one round trip on PostgreSQL (ADR 80).

``forlop_access_log_append`` takes the writer lock, reads the head and, if it is the
head the caller chained its rows to, inserts them; if not, it inserts nothing and
returns the head it found so the caller can chain its rows again. Called outside a
transaction, the call is its own transaction: the lock is held for the server's work
and the commit only, never across a round trip or the app's own work. The hash is an
HMAC whose key the database never sees, so the rows are hashed by the app
(``forlop.access.audit``).

The columns are the writer's (``audit._NAMES``); a test holds the two equal.
"""

from django.db import migrations

from forlop.appendonly import per_vendor

APPEND = """
CREATE FUNCTION forlop_access_log_append(
    lock_key bigint, seen_hash text, seen_seq bigint,
    at_ timestamptz, user_id_ bigint, user_name_ text, action_ text, what_ text,
    outcome_ text, reason_ text, request_id_ text,
    roles text[], unit_ids bigint[], patient_ids bigint[], bases text[],
    prev_hashes text[], hashes text[], seqs bigint[])
RETURNS TABLE (new_id bigint, head_hash text, head_seq bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  found_hash text;
  found_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  -- Its own statement, so its own snapshot: every row of the writer before is seen.
  SELECT e.hash, e.seq INTO found_hash, found_seq FROM access_accesslogentry AS e
   ORDER BY e.id DESC LIMIT 1;
  IF (found_hash, found_seq) IS DISTINCT FROM (seen_hash, seen_seq) THEN
    -- Another writer came first: nothing written, the head as it is now.
    RETURN QUERY SELECT NULL::bigint, found_hash, found_seq;
    RETURN;
  END IF;
  RETURN QUERY
    INSERT INTO access_accesslogentry AS e
      (at, user_id, user_name, role, unit_id, patient_id, action, what, basis, outcome,
       reason, request_id, prev_hash, hash, seq)
    SELECT at_, user_id_, user_name_, u.role, u.unit_id, u.patient_id, action_, what_,
           u.basis, outcome_, reason_, request_id_, u.prev_hash, u.hash, u.seq
      FROM unnest(roles, unit_ids, patient_ids, bases, prev_hashes, hashes, seqs)
           AS u(role, unit_id, patient_id, basis, prev_hash, hash, seq)
    RETURNING e.id, NULL::text, NULL::bigint;
END;
$$;
"""
DROP = """
DROP FUNCTION forlop_access_log_append(bigint, text, bigint, timestamptz, bigint, text, text,
    text, text, text, text, text[], bigint[], bigint[], text[], text[], text[], bigint[]);
"""


class Migration(migrations.Migration):

    dependencies = [("access", "0010_chain_place")]

    operations = [per_vendor({"postgresql": {"up": [APPEND], "down": [DROP]}})]
