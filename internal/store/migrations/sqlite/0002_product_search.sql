-- Folded copies of the product name for case-insensitive search. SQLite's
-- lower() folds only ASCII, so the server folds in Go and stores the
-- result; rows from before this migration are filled in at start.
ALTER TABLE products ADD COLUMN manufacturer_fold TEXT;
ALTER TABLE products ADD COLUMN model_fold TEXT;
