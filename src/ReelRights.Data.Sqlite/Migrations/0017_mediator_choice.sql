-- A mediator chosen by both sides (beside one assigned by the operator).
ALTER TABLE enforcement_cases ADD COLUMN claimant_mediator_choice TEXT NULL;
ALTER TABLE enforcement_cases ADD COLUMN other_side_mediator_choice TEXT NULL;
