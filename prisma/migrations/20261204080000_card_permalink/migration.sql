-- Lists that lead somewhere (issue 27): each card's permalink, asked from Slack once the card is posted, so that App
-- Home's lists and /reperage dossiers link to the card itself.
ALTER TABLE "referrals" ADD COLUMN "card_permalink" TEXT;
