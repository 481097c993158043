-- The page a crawled copy was found on, so evidence capture can snapshot it (HTML and screenshot).
ALTER TABLE monitoring_hits ADD COLUMN page_url TEXT NULL;
