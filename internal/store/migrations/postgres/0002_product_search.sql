-- Folded copies of the product name for case-insensitive search, folded in
-- Go as on SQLite so both databases find the same rows; rows from before
-- this migration are filled in at start.
ALTER TABLE products ADD COLUMN manufacturer_fold TEXT;
ALTER TABLE products ADD COLUMN model_fold TEXT;
