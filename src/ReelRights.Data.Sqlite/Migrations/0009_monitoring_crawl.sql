-- A task may crawl a video site (listing pages → video pages → media URLs) instead of fixed URLs.
ALTER TABLE monitoring_tasks ADD COLUMN crawl TEXT NULL;
