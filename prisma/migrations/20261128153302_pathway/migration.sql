-- AlterTable
ALTER TABLE "referrals" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "closure_reason" TEXT,
ADD COLUMN     "consent_status" TEXT NOT NULL DEFAULT 'not_requested',
ADD COLUMN     "pathway" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "catalogue_actions" (
    "id" TEXT NOT NULL,
    "axis" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalogue_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orientations" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "action_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_on" TEXT NOT NULL,
    "started_on" TEXT,
    "ended_on" TEXT,
    "outcome" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "orientations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "orientations_referral_id_idx" ON "orientations"("referral_id");

-- CreateIndex
CREATE INDEX "orientations_action_id_started_on_idx" ON "orientations"("action_id", "started_on");

-- AddForeignKey
ALTER TABLE "orientations" ADD CONSTRAINT "orientations_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orientations" ADD CONSTRAINT "orientations_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "catalogue_actions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Seed: the action catalogue (actions 2006, ../shared/DOMAIN.md). Coordinators edit it from Slack afterwards.
INSERT INTO "catalogue_actions" ("id", "axis", "title", "operator") VALUES
  ('accompagnement-scolaire-renforce', 'schooling', 'Accompagnement scolaire renforcé', 'Office Municipal de la Jeunesse d''Aubervilliers (OMJA)'),
  ('aide-aux-devoirs', 'schooling', 'Aide aux devoirs dans les maisons de l''enfance', 'Aubervacances-Loisirs et service enseignement'),
  ('accompagnement-educatif-culturel', 'schooling', 'Accompagnement éducatif et culturel', 'Association ANGI'),
  ('parrainage-etudiant', 'schooling', 'Réseau étudiant de parrainage — prévention des ruptures scolaires', 'AFEV'),
  ('clubs-lecture', 'schooling', 'Clubs Lecture', 'IEN'),
  ('ateliers-lecture-expression-maths', 'schooling', 'Ateliers Lecture Expression Mathématique', 'IEN'),
  ('integration-roms', 'schooling', 'Accompagnement du projet d''intégration ROMS : scolarisation des enfants', 'Ville et Service Enseignement'),
  ('groupes-de-parole', 'schooling', 'Intervenant spécialisé — groupes de parole pour les jeunes', 'OMJA'),
  ('mediation-familiale', 'parenting', 'Médiation familiale', 'AADEF'),
  ('point-ecoute-parents', 'parenting', 'Point d''écoute parents/enfants', 'Collège Jean Moulin'),
  ('mediation-familles-chinoises', 'parenting', 'Médiation entre les institutions et les familles d''origine chinoise', 'Ville'),
  ('bien-etre-psychique', 'health', 'Promotion du bien-être psychique chez le jeune enfant confronté à la précarité', 'Ville et SCHS'),
  ('sante-adolescents', 'health', 'Mobilisation des personnels de santé en direction des adolescents', 'Ville'),
  ('consultations-7-14', 'health', 'Consultations de santé en direction des enfants de 7 / 14 ans', 'Centre municipal de santé'),
  ('ecoute-colleges', 'health', 'Permanences d''écoute dans les collèges', 'CMPP d''Aubervilliers');
