-- Orientations tell what really happened: one closed or stopped by a withdrawal was recorded as "ended" with the
-- outcome case_closed / consent_withdrawn. It becomes "stopped" (arrêtée) if it had started, "cancelled" (annulée)
-- if it never had — in the projection and in each case's pathway snapshot.
UPDATE "orientations"
   SET "status" = CASE WHEN "started_on" IS NULL THEN 'cancelled' ELSE 'stopped' END
 WHERE "status" = 'ended' AND "outcome" IN ('case_closed', 'consent_withdrawn');

UPDATE "referrals" r
   SET "pathway" = jsonb_set(
         r."pathway",
         '{orientations}',
         (SELECT jsonb_agg(
                   CASE WHEN o->>'status' = 'ended' AND o->>'outcome' IN ('case_closed', 'consent_withdrawn')
                        THEN o || jsonb_build_object('status', CASE WHEN o ? 'startedAt' THEN 'stopped' ELSE 'cancelled' END)
                        ELSE o END
                   ORDER BY ord)
            FROM jsonb_array_elements(r."pathway"->'orientations') WITH ORDINALITY AS t(o, ord)))
 WHERE jsonb_typeof(r."pathway"->'orientations') = 'array'
   AND jsonb_array_length(r."pathway"->'orientations') > 0;
