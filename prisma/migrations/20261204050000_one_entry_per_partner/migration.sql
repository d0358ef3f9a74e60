-- One entry per partner (issue 27): the seed catalogue named the OMJA, the CMPP and ANGI otherwise than the lists'
-- institutions, and an institution that is also an operator (AFEV, OMJA, AADEF, ANGI, CMPP) was a second entry in a
-- family's agreement. Each partner now has one name in the catalogue and one scope key wherever it is recorded: the
-- operator's (op:<name>), which orientations check. The app draws the same rule for lists edited since
-- (domain/partners.ts).

-- Data
UPDATE "catalogue_actions" SET "operator" = 'OMJA' WHERE "operator" = 'Office Municipal de la Jeunesse d’Aubervilliers (OMJA)';
UPDATE "catalogue_actions" SET "operator" = 'CMPP' WHERE "operator" = 'CMPP d’Aubervilliers';
UPDATE "catalogue_actions" SET "operator" = 'ANGI' WHERE "operator" = 'Association ANGI';

CREATE TEMPORARY TABLE "partner_keys" ("old_key" TEXT PRIMARY KEY, "new_key" TEXT NOT NULL);
INSERT INTO "partner_keys" ("old_key", "new_key") VALUES
  ('op:office-municipal-de-la-jeunesse-d-aubervilliers-omja', 'op:omja'),
  ('op:cmpp-d-aubervilliers', 'op:cmpp'),
  ('op:association-angi', 'op:angi'),
  ('in:asso-omja', 'op:omja'),
  ('in:asso-afev', 'op:afev'),
  ('in:asso-aadef', 'op:aadef'),
  ('in:asso-angi', 'op:angi'),
  ('in:cmpp', 'op:cmpp');

-- An operator configured under both names keeps the new name's settings; the old one's referents join it.
UPDATE "operator_referents" r SET "operator_key" = p."new_key"
  FROM "partner_keys" p WHERE r."operator_key" = p."old_key" AND EXISTS (SELECT 1 FROM "operators" o WHERE o."key" = p."new_key");
DELETE FROM "operators" o USING "partner_keys" p
  WHERE o."key" = p."old_key" AND EXISTS (SELECT 1 FROM "operators" n WHERE n."key" = p."new_key");
UPDATE "operators" o SET "key" = p."new_key", "name" = upper(substr(p."new_key", 4))
  FROM "partner_keys" p WHERE o."key" = p."old_key";
UPDATE "liaison_sheets" s SET "operator_key" = p."new_key" FROM "partner_keys" p WHERE s."operator_key" = p."old_key";
UPDATE "orientations" o SET "operator_key" = p."new_key" FROM "partner_keys" p WHERE o."operator_key" = p."old_key";
DROP TABLE "partner_keys";

-- The keys inside the pathway and its history (agreements' scopes, orientations' operators), then each partner once.
UPDATE "referrals" SET "pathway" = replace(replace(replace(replace(replace(replace(replace(replace("pathway"::text, '"op:office-municipal-de-la-jeunesse-d-aubervilliers-omja"', '"op:omja"'), '"op:cmpp-d-aubervilliers"', '"op:cmpp"'), '"op:association-angi"', '"op:angi"'), '"in:asso-omja"', '"op:omja"'), '"in:asso-afev"', '"op:afev"'), '"in:asso-aadef"', '"op:aadef"'), '"in:asso-angi"', '"op:angi"'), '"in:cmpp"', '"op:cmpp"')::jsonb
  WHERE strpos("pathway"::text, '"op:office-municipal-de-la-jeunesse-d-aubervilliers-omja"') > 0 OR strpos("pathway"::text, '"op:cmpp-d-aubervilliers"') > 0 OR strpos("pathway"::text, '"op:association-angi"') > 0 OR strpos("pathway"::text, '"in:asso-omja"') > 0 OR strpos("pathway"::text, '"in:asso-afev"') > 0 OR strpos("pathway"::text, '"in:asso-aadef"') > 0 OR strpos("pathway"::text, '"in:asso-angi"') > 0 OR strpos("pathway"::text, '"in:cmpp"') > 0;
UPDATE "case_events" SET "details" = replace(replace(replace(replace(replace(replace(replace(replace("details"::text, '"op:office-municipal-de-la-jeunesse-d-aubervilliers-omja"', '"op:omja"'), '"op:cmpp-d-aubervilliers"', '"op:cmpp"'), '"op:association-angi"', '"op:angi"'), '"in:asso-omja"', '"op:omja"'), '"in:asso-afev"', '"op:afev"'), '"in:asso-aadef"', '"op:aadef"'), '"in:asso-angi"', '"op:angi"'), '"in:cmpp"', '"op:cmpp"')::jsonb
  WHERE strpos("details"::text, '"op:office-municipal-de-la-jeunesse-d-aubervilliers-omja"') > 0 OR strpos("details"::text, '"op:cmpp-d-aubervilliers"') > 0 OR strpos("details"::text, '"op:association-angi"') > 0 OR strpos("details"::text, '"in:asso-omja"') > 0 OR strpos("details"::text, '"in:asso-afev"') > 0 OR strpos("details"::text, '"in:asso-aadef"') > 0 OR strpos("details"::text, '"in:asso-angi"') > 0 OR strpos("details"::text, '"in:cmpp"') > 0;
UPDATE "referrals" SET "pathway" = jsonb_set("pathway", '{agreement,scope}', (SELECT jsonb_agg(DISTINCT x) FROM jsonb_array_elements(pathway #> '{agreement,scope}') x))
WHERE jsonb_typeof(pathway #> '{agreement,scope}') = 'array'
  AND (SELECT count(*) FROM jsonb_array_elements(pathway #> '{agreement,scope}')) <> (SELECT count(DISTINCT x) FROM jsonb_array_elements(pathway #> '{agreement,scope}') x);
UPDATE "case_events" SET "details" = jsonb_set("details", '{scope}', (SELECT jsonb_agg(DISTINCT x) FROM jsonb_array_elements(details #> '{scope}') x))
WHERE jsonb_typeof(details #> '{scope}') = 'array'
  AND (SELECT count(*) FROM jsonb_array_elements(details #> '{scope}')) <> (SELECT count(DISTINCT x) FROM jsonb_array_elements(details #> '{scope}') x);
