-- Leaf hashes (level 0) are read from ledger_entries.leaf_hash; ledger_nodes keeps only the
-- complete subtrees above them, halving the rows written per append.
DELETE FROM ledger_nodes WHERE level = 0;
