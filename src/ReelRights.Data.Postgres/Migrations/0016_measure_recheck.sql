-- What monitoring found when it looked at a place again after a takedown measure.
ALTER TABLE case_locations ADD COLUMN rechecked_at timestamptz NULL;
ALTER TABLE case_locations ADD COLUMN recheck text NULL;
ALTER TABLE case_locations ADD COLUMN recheck_detail text NULL;
