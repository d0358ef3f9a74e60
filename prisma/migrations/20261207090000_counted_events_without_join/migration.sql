-- The same events as before (every event's referral exists: the foreign key cascades), found without joining every
-- event to its referral: a figure over a year's events no longer hashes every referral first. The few merged
-- referrals are what is left out, and a partial index holds exactly those.
CREATE INDEX "referrals_merged_idx" ON "referrals" ("id") WHERE "merged_into" IS NOT NULL;
CREATE OR REPLACE VIEW "counted_case_events" AS
  SELECT e.* FROM "case_events" e
   WHERE NOT EXISTS (SELECT 1 FROM "referrals" r WHERE r."id" = e."referral_id" AND r."merged_into" IS NOT NULL);

-- A family's agreement, the same rows as in 20261204100000 (an agreement-like record — the team's, or the referral's
-- own — whose previous consent record is not an agreement), found for the events asked for: each record's previous
-- one is looked up by its case's index, instead of numbering every consent record of every case before filtering
-- by date.
CREATE OR REPLACE VIEW "family_agreements" AS
  SELECT g."referral_id", g."at" FROM "counted_case_events" g
   WHERE (g."type" = 'record_consent_given' OR (g."type" = 'referred' AND g."details" ? 'agreement'))
     AND (SELECT CASE WHEN p."type" = 'referred' THEN 'record_consent_given' ELSE p."type" END
            FROM "case_events" p
           WHERE p."referral_id" = g."referral_id" AND p."version" < g."version"
             AND (p."type" IN ('request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent')
                  OR (p."type" = 'referred' AND p."details" ? 'agreement'))
           ORDER BY p."version" DESC LIMIT 1) IS DISTINCT FROM 'record_consent_given';

-- Each case's consent records, newest first, with their type and time: a month's pending agreements (the last record
-- of every case before a day) are read from this index alone, not from every event of every case.
CREATE INDEX "case_events_consent_idx" ON "case_events" ("referral_id", "version" DESC) INCLUDE ("type", "at")
  WHERE "type" IN ('request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent');
