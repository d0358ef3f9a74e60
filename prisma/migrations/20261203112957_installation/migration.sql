-- CreateTable
CREATE TABLE "installation" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "installed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "installation_pkey" PRIMARY KEY ("id")
);


-- A deployment that already holds cases or digests was installed before the first of them: its digests go on as
-- before. An empty database gets its row at the app's first start.
INSERT INTO "installation" ("id", "installed_at")
SELECT 1, LEAST((SELECT min("referred_at") FROM "referrals"), (SELECT min("created_at") FROM "digest_runs"))
WHERE EXISTS (SELECT 1 FROM "referrals") OR EXISTS (SELECT 1 FROM "digest_runs");
