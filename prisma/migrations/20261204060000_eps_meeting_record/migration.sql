-- The EPS as it meets (issue 27): a meeting has a place and minutes (level 2: no child is named, situations go by
-- their reference), and may be cancelled (kept, with who and when).
ALTER TABLE "eps_meetings" ADD COLUMN "place" TEXT;
ALTER TABLE "eps_meetings" ADD COLUMN "minutes" TEXT;
ALTER TABLE "eps_meetings" ADD COLUMN "minutes_by" TEXT;
ALTER TABLE "eps_meetings" ADD COLUMN "cancelled_at" TIMESTAMPTZ(3);
ALTER TABLE "eps_meetings" ADD COLUMN "cancelled_by" TEXT;
