-- 0020: whether a trust publishes its public transparency page (FFT results and open data, suppressed as NHS England
-- suppresses its return). Off until an administrator of the trust switches it on, so nothing becomes public by upgrade.
ALTER TABLE trust ADD COLUMN transparency_public boolean NOT NULL DEFAULT false;
