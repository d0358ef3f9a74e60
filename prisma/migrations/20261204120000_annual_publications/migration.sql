-- The level-3 annual return of a school year, as first published (after the year's end): quoted ever after, never
-- recomputed, since two versions of one figure would give a hidden one back by difference (issue: statistics that
-- cannot be worked back). Protected together with every digest of that year.
CREATE TABLE "annual_publications" (
    "school_year" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annual_publications_pkey" PRIMARY KEY ("school_year")
);
