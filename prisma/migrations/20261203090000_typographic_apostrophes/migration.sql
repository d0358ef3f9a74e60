-- Data: the catalogue as people write French, with typographic apostrophes (’), as every other word the app shows.
-- Operators' scope keys are unchanged: both apostrophes normalise to the same key (operatorScopeKey).
UPDATE "catalogue_actions" SET "title" = replace("title", '''', '’'), "operator" = replace("operator", '''', '’');
UPDATE "operators" SET "name" = replace("name", '''', '’') WHERE "name" LIKE '%''%';
