-- The household head's sex, so that certificates and letters address "ông" or "bà" (and "ông/bà" only when it
-- is not recorded). Optional: existing registries have no such column.
ALTER TABLE households ADD COLUMN head_sex text CHECK (head_sex IN ('male', 'female'));
