-- Where a province's report takes its title figures from (issue 11, item 5): the live statistics, or the snapshots
-- of its communes' accepted reports for the same period. Kept with the draft; a submitted version freezes it in its
-- snapshot's inputs. docs/REPORTS.md, "Nguồn số liệu của báo cáo tỉnh".
ALTER TABLE reports ADD COLUMN source text NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'accepted'));
