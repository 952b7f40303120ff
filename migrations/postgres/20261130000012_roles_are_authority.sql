-- An account carries authority only: citizen (stored as 'applicant'), staff or admin.
-- Being a juror comes from a seat in `jurors`, which every former 'juror' account keeps.
UPDATE users SET role = 'applicant' WHERE role = 'juror';
