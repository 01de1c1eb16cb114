/* The schema of a riskmap 0.1 workspace (version 1), for migration tests. */
CREATE TABLE asset (ref TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, role TEXT NOT NULL,
  owner TEXT, description TEXT, confidentiality INTEGER, integrity INTEGER, availability INTEGER,
  traceability INTEGER, exposure TEXT, rto INTEGER, rpo INTEGER, bcp TEXT, drp TEXT) WITHOUT ROWID;
CREATE TABLE asset_data (
  ref TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL, PRIMARY KEY (ref, value)) WITHOUT ROWID;
CREATE TABLE asset_serves (
  ref TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)) WITHOUT ROWID;
CREATE INDEX asset_serves_value ON asset_serves(value);
CREATE TABLE asset_tags (
  ref TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL, PRIMARY KEY (ref, value)) WITHOUT ROWID;
CREATE TABLE scenario (ref TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT,
  risk_source TEXT, threat TEXT, inherent_likelihood INTEGER, inherent_impact INTEGER,
  current_likelihood INTEGER, current_impact INTEGER, residual_likelihood INTEGER,
  residual_impact INTEGER, owner TEXT, treatment TEXT NOT NULL, status TEXT NOT NULL,
  review_date TEXT) WITHOUT ROWID;
CREATE TABLE scenario_assets (
  ref TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)) WITHOUT ROWID;
CREATE INDEX scenario_assets_value ON scenario_assets(value);
CREATE TABLE scenario_criteria (
  ref TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL, PRIMARY KEY (ref, value)) WITHOUT ROWID;
CREATE TABLE journal (id INTEGER PRIMARY KEY, at TEXT NOT NULL, author TEXT NOT NULL,
  command TEXT NOT NULL, refs TEXT NOT NULL);
