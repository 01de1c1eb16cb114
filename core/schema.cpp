#include "schema.hpp"

#include <fmt/format.h>

namespace riskmap {

namespace {

// Records are WITHOUT ROWID tables keyed by ref, and lists are link tables
// (ref, value), so that the content of a workspace does not depend on the
// order records were written in: an export imported elsewhere dumps the same.
constexpr std::string_view v1 = R"sql(
CREATE TABLE asset (
  ref TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  role TEXT NOT NULL,
  owner TEXT,
  description TEXT,
  confidentiality INTEGER,
  integrity INTEGER,
  availability INTEGER,
  traceability INTEGER,
  exposure TEXT,
  rto INTEGER,
  rpo INTEGER,
  bcp TEXT,
  drp TEXT
) WITHOUT ROWID;
CREATE TABLE asset_data (
  ref TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE TABLE asset_serves (
  ref TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX asset_serves_value ON asset_serves(value);
CREATE TABLE asset_tags (
  ref TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;

CREATE TABLE scenario (
  ref TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  risk_source TEXT,
  threat TEXT,
  inherent_likelihood INTEGER,
  inherent_impact INTEGER,
  current_likelihood INTEGER,
  current_impact INTEGER,
  residual_likelihood INTEGER,
  residual_impact INTEGER,
  owner TEXT,
  treatment TEXT NOT NULL,
  status TEXT NOT NULL,
  review_date TEXT
) WITHOUT ROWID;
CREATE TABLE scenario_assets (
  ref TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX scenario_assets_value ON scenario_assets(value);
CREATE TABLE scenario_criteria (
  ref TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;

-- The change journal: one entry per writing command.
CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  author TEXT NOT NULL,
  command TEXT NOT NULL,
  refs TEXT NOT NULL
);
)sql";

constexpr Migration all[] = {{1, v1}};

}  // namespace

std::span<const Migration> migrations() {
  return all;
}
int schema_version() {
  return all[std::size(all) - 1].version;
}

std::filesystem::path migrate(Database& db, std::span<const Migration> steps) {
  const int newest = steps.empty() ? 0 : steps.back().version;
  const int current = db.user_version();
  if (current > newest)
    throw Error(fmt::format(
        "{} was written by a newer riskmap (schema version {}; this riskmap knows up to {}): "
        "upgrade riskmap to open it",
        db.path().string(), current, newest));
  if (current == newest) return {};

  std::filesystem::path backup;
  if (current > 0) {
    backup = db.path();
    backup += fmt::format(".bak-v{}", current);
    std::filesystem::remove(backup);
    auto statement = db.prepare("VACUUM INTO ?");
    statement.bind(1, std::string_view(backup.native())).run();
  }
  for (const Migration& step : steps) {
    if (step.version <= current) continue;
    Transaction transaction(db);
    db.exec(step.sql);
    db.set_user_version(step.version);
    transaction.commit();
  }
  return backup;
}

}  // namespace riskmap
