-- The family's agreement received at the referral is the agreement's first record (DOMAIN.md: it counts — day,
-- form, who received it — and the team completes it; it is never typed twice). A referral made with the family's
-- agreement now starts with that agreement in force, carried by its first event ('referred', details.agreement).

-- A family's agreement, as in 20261204090000, where the referral's own record is the first one: the team's
-- completion of it is an update, not a second agreement.
CREATE OR REPLACE VIEW "family_agreements" AS
  SELECT c."referral_id", c."at" FROM (
    SELECT e."referral_id", e."at", e."type",
           lag(e."type") OVER (PARTITION BY e."referral_id" ORDER BY e."version") AS "previous"
      FROM (SELECT x."referral_id", x."at", x."version",
                   CASE WHEN x."type" = 'referred' THEN 'record_consent_given' ELSE x."type" END AS "type"
              FROM "counted_case_events" x
             WHERE x."type" IN ('request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent')
                OR (x."type" = 'referred' AND x."details" ? 'agreement')) e) c
   WHERE c."type" = 'record_consent_given' AND c."previous" IS DISTINCT FROM 'record_consent_given';

-- Data
-- Cases referred with the family's agreement whose agreement was never asked for since: the referral's record is in
-- force, dated the day of the referral (in the programme's time zone), to be completed by the team. Cases where the
-- team asked again or recorded an answer keep their own record: their history already says what happened.
WITH agreed AS (
  SELECT r."id",
         jsonb_build_object(
           'on', to_char(r."referred_at" AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD'),
           'form', CASE r."family_informed" WHEN 'agreed_written' THEN 'written' ELSE 'oral' END) AS "first"
    FROM "referrals" r
   WHERE r."family_informed" IN ('agreed_written', 'agreed_oral')
     AND r."pre_referral" = false
     AND r."erased_at" IS NULL
     AND r."pathway"->>'consent' = 'not_requested'
     AND NOT EXISTS (SELECT 1 FROM "case_events" e
                      WHERE e."referral_id" = r."id"
                        AND e."type" IN ('request_consent', 'record_consent_given', 'record_consent_refused',
                                         'withdraw_consent'))),
events AS (
  UPDATE "case_events" e SET "details" = e."details" || jsonb_build_object('agreement', a."first")
    FROM agreed a
   WHERE e."referral_id" = a."id" AND e."type" = 'referred' AND NOT (e."details" ? 'agreement'))
UPDATE "referrals" r
   SET "consent_status" = 'given',
       "pathway" = r."pathway" || jsonb_build_object(
         'consent', 'given',
         'agreement', a."first" || jsonb_build_object(
           'representatives', '[]'::jsonb, 'placedWithAse', false, 'noticeGiven', false, 'scope', '[]'::jsonb,
           'version', 1, 'atReferral', true))
  FROM agreed a
 WHERE r."id" = a."id";
