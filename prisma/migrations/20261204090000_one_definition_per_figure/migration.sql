-- Every figure counts the same thing (issue 27): the digest counted only the Clôturer button's closures where the
-- annual return counted every exit, and an update of an agreement as a new one. Each figure is defined once here,
-- and every digest and return reads it.

-- An exit: a case that closes, whatever closes it (Clôturer, an EPS relais or sans suite, a bilan's exit), with its
-- reason as the State counts exits. A referral merged into another case is no exit (counted_case_events).
CREATE VIEW "case_exits" AS
  SELECT e."referral_id", e."at",
         COALESCE(e."details"->>'reason', e."details"->>'exitReason',
                  CASE e."details"->>'decision' WHEN 'relay' THEN 'redirected' ELSE 'other' END) AS "reason"
    FROM "counted_case_events" e
   WHERE e."to_status" = 'closed' AND e."from_status" IS DISTINCT FROM 'closed';

-- A family's agreement: a record of the agreement given that does not follow another one (an update of the scope,
-- of who agreed, is the same agreement); after a refusal or a withdrawal, a new agreement counts again.
CREATE VIEW "family_agreements" AS
  SELECT c."referral_id", c."at" FROM (
    SELECT e."referral_id", e."at", e."type",
           lag(e."type") OVER (PARTITION BY e."referral_id" ORDER BY e."version") AS "previous"
      FROM "counted_case_events" e
     WHERE e."type" IN ('request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent')) c
   WHERE c."type" = 'record_consent_given' AND c."previous" IS DISTINCT FROM 'record_consent_given';
