"""Writing the data. Every function checks the user's right to write inside it and writes in one transaction,
with an entry in the audit log (`audit`) and the register summaries kept in step (`registers`).

`imports/` is the import pipeline; the rest are the dashboard's forms: `corrections`, `reference` (new
organisations, roles, communities), `feedback`, `feedback_form`, `feedback_import`, `screening` (with `pii`),
`coding`, `codebook_edit`, `interview_record`, `question_sets`. `lookup` resolves names as people type them;
`bulk` writes and reads in chunks.
"""
