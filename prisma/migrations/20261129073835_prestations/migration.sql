-- AlterTable
ALTER TABLE "orientations" ADD COLUMN     "cost_cents" INTEGER,
ADD COLUMN     "funder" TEXT,
ADD COLUMN     "prestation_axis" TEXT,
ADD COLUMN     "prestation_type" TEXT,
ALTER COLUMN "action_id" DROP NOT NULL;


-- An orientation goes either to a catalogue action or to a prestation individuelle, never both or neither.
ALTER TABLE "orientations" ADD CONSTRAINT "orientations_action_or_prestation"
  CHECK (("action_id" IS NULL) <> ("prestation_type" IS NULL));
