#include "schema.hpp"

#include <fmt/format.h>

#include "files.hpp"

#include "framework.hpp"
#include "json_text.hpp"
#include "kinds.hpp"
#include "method_store.hpp"

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

// Controls, stakeholders, actions, treatment and acceptance, continuity,
// frameworks and the statement of applicability.
constexpr std::string_view v2 = R"sql(
ALTER TABLE asset ADD COLUMN mtd INTEGER;
ALTER TABLE asset ADD COLUMN mtdl INTEGER;
ALTER TABLE scenario ADD COLUMN justification TEXT;
ALTER TABLE scenario ADD COLUMN accepted_by TEXT;
ALTER TABLE scenario ADD COLUMN accepted_on TEXT;
ALTER TABLE scenario ADD COLUMN accepted_until TEXT;

-- A framework's requirements are named FRAMEWORK:ID (their ref), as controls
-- cite them; `part` and `chapter` are the catalog's two levels of headings.
CREATE TABLE framework (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  version TEXT,
  source TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE requirement (
  ref TEXT PRIMARY KEY,
  framework TEXT NOT NULL REFERENCES framework(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  part TEXT,
  chapter TEXT,
  position INTEGER NOT NULL,
  UNIQUE (framework, id)
) WITHOUT ROWID;
CREATE INDEX requirement_order ON requirement(framework, position);
CREATE TABLE soa (
  requirement TEXT PRIMARY KEY REFERENCES requirement(ref) ON DELETE CASCADE,
  applicable INTEGER NOT NULL,
  justification TEXT
) WITHOUT ROWID;

CREATE TABLE control (
  ref TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  category TEXT,
  state TEXT NOT NULL,
  owner TEXT,
  due TEXT,
  cost INTEGER,
  effort INTEGER,
  progress INTEGER
) WITHOUT ROWID;
CREATE TABLE control_references (
  ref TEXT NOT NULL REFERENCES control(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES requirement(ref),
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX control_references_value ON control_references(value);

CREATE TABLE stakeholder (
  ref TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  description TEXT,
  owner TEXT,
  dependency INTEGER,
  penetration INTEGER,
  maturity INTEGER,
  trust INTEGER,
  residual_dependency INTEGER,
  residual_penetration INTEGER,
  residual_maturity INTEGER,
  residual_trust INTEGER
) WITHOUT ROWID;
CREATE TABLE stakeholder_assets (
  ref TEXT NOT NULL REFERENCES stakeholder(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES asset(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX stakeholder_assets_value ON stakeholder_assets(value);
CREATE TABLE stakeholder_controls (
  ref TEXT NOT NULL REFERENCES stakeholder(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES control(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX stakeholder_controls_value ON stakeholder_controls(value);

CREATE TABLE scenario_existing_controls (
  ref TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES control(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX scenario_existing_controls_value ON scenario_existing_controls(value);
CREATE TABLE scenario_additional_controls (
  ref TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES control(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX scenario_additional_controls_value ON scenario_additional_controls(value);
CREATE TABLE scenario_stakeholders (
  ref TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES stakeholder(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX scenario_stakeholders_value ON scenario_stakeholders(value);

CREATE TABLE action (
  ref TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  owner TEXT,
  due TEXT,
  status TEXT NOT NULL,
  cost INTEGER,
  effort INTEGER,
  progress INTEGER
) WITHOUT ROWID;
CREATE TABLE action_controls (
  ref TEXT NOT NULL REFERENCES action(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES control(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX action_controls_value ON action_controls(value);
CREATE TABLE action_scenarios (
  ref TEXT NOT NULL REFERENCES action(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  value TEXT NOT NULL REFERENCES scenario(ref) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (ref, value)
) WITHOUT ROWID;
CREATE INDEX action_scenarios_value ON action_scenarios(value);
)sql";

// The level an imported map recorded, and notes kept from it.
constexpr std::string_view v3 = R"sql(
ALTER TABLE scenario ADD COLUMN recorded_level INTEGER;
ALTER TABLE scenario ADD COLUMN notes TEXT;
)sql";

// Lists move into their records: each list field becomes a column holding
// a JSON array of strings (NULL when empty), kept sorted as the list is
// shown, and each link table becomes a view of the same name and columns
// over it, for SQL readers. A record is then one row to write: an import
// of 1M scenarios wrote 4M B-tree entries, and writes 1M. The price is
// that finding the records naming a given one scans their kind (json_each),
// and that riskmap, not SQLite, takes a removed record out of those lists.
constexpr std::string_view v4 = R"sql(
ALTER TABLE asset ADD COLUMN "data" TEXT;
ALTER TABLE asset ADD COLUMN "serves" TEXT;
ALTER TABLE asset ADD COLUMN "tags" TEXT;
ALTER TABLE scenario ADD COLUMN "assets" TEXT;
ALTER TABLE scenario ADD COLUMN "criteria" TEXT;
ALTER TABLE scenario ADD COLUMN "existing_controls" TEXT;
ALTER TABLE scenario ADD COLUMN "additional_controls" TEXT;
ALTER TABLE scenario ADD COLUMN "stakeholders" TEXT;
ALTER TABLE control ADD COLUMN "references" TEXT;
ALTER TABLE stakeholder ADD COLUMN "assets" TEXT;
ALTER TABLE stakeholder ADD COLUMN "controls" TEXT;
ALTER TABLE action ADD COLUMN "controls" TEXT;
ALTER TABLE action ADD COLUMN "scenarios" TEXT;
)sql";

constexpr std::string_view v4_views = R"sql(
DROP TABLE asset_data;
DROP TABLE asset_serves;
DROP TABLE asset_tags;
DROP TABLE scenario_assets;
DROP TABLE scenario_criteria;
DROP TABLE scenario_existing_controls;
DROP TABLE scenario_additional_controls;
DROP TABLE scenario_stakeholders;
DROP TABLE control_references;
DROP TABLE stakeholder_assets;
DROP TABLE stakeholder_controls;
DROP TABLE action_controls;
DROP TABLE action_scenarios;
CREATE VIEW asset_data (ref, value) AS
  SELECT r.ref, l.value FROM asset r, json_each(r."data") l;
CREATE VIEW asset_serves (ref, value) AS
  SELECT r.ref, l.value FROM asset r, json_each(r."serves") l;
CREATE VIEW asset_tags (ref, value) AS
  SELECT r.ref, l.value FROM asset r, json_each(r."tags") l;
CREATE VIEW scenario_assets (ref, value) AS
  SELECT r.ref, l.value FROM scenario r, json_each(r."assets") l;
CREATE VIEW scenario_criteria (ref, value) AS
  SELECT r.ref, l.value FROM scenario r, json_each(r."criteria") l;
CREATE VIEW scenario_existing_controls (ref, value) AS
  SELECT r.ref, l.value FROM scenario r, json_each(r."existing_controls") l;
CREATE VIEW scenario_additional_controls (ref, value) AS
  SELECT r.ref, l.value FROM scenario r, json_each(r."additional_controls") l;
CREATE VIEW scenario_stakeholders (ref, value) AS
  SELECT r.ref, l.value FROM scenario r, json_each(r."stakeholders") l;
CREATE VIEW control_references (ref, value) AS
  SELECT r.ref, l.value FROM control r, json_each(r."references") l;
CREATE VIEW stakeholder_assets (ref, value) AS
  SELECT r.ref, l.value FROM stakeholder r, json_each(r."assets") l;
CREATE VIEW stakeholder_controls (ref, value) AS
  SELECT r.ref, l.value FROM stakeholder r, json_each(r."controls") l;
CREATE VIEW action_controls (ref, value) AS
  SELECT r.ref, l.value FROM action r, json_each(r."controls") l;
CREATE VIEW action_scenarios (ref, value) AS
  SELECT r.ref, l.value FROM action r, json_each(r."scenarios") l;
)sql";

// The method in force and the bounds of the stored ratings. `setting`
// holds the method's TOML text (key 'method') and the hash of the method
// the last change replaced ('method_replaced'), so that a riskmap.toml left
// behind by an interrupted change is told from a hand edit. `rating_bounds`
// (one row) holds, per kind and scale, the lowest and highest rating ever
// written: triggers keep it up to date whoever writes, so that opening a
// workspace compares it with the method without reading a record. Bounds
// only widen (a deletion does not narrow them); an exact scan narrows them
// again when a method change needs it.
constexpr std::string_view v5 = R"sql(
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE rating_bounds (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  asset_impact_low, asset_impact_high,
  scenario_likelihood_low, scenario_likelihood_high,
  scenario_impact_low, scenario_impact_high,
  scenario_level_low, scenario_level_high
);
INSERT INTO rating_bounds VALUES (1, 1, 0, 1, 0, 1, 0, 1, 0);
CREATE TRIGGER asset_bounds_insert AFTER INSERT ON asset BEGIN
  UPDATE rating_bounds SET
    asset_impact_low = min(asset_impact_low, coalesce(NEW.confidentiality, asset_impact_low),
      coalesce(NEW.integrity, asset_impact_low), coalesce(NEW.availability, asset_impact_low),
      coalesce(NEW.traceability, asset_impact_low)),
    asset_impact_high = max(asset_impact_high, coalesce(NEW.confidentiality, asset_impact_high),
      coalesce(NEW.integrity, asset_impact_high), coalesce(NEW.availability, asset_impact_high),
      coalesce(NEW.traceability, asset_impact_high))
  WHERE id = 1;
END;
CREATE TRIGGER asset_bounds_update
AFTER UPDATE OF confidentiality, integrity, availability, traceability ON asset BEGIN
  UPDATE rating_bounds SET
    asset_impact_low = min(asset_impact_low, coalesce(NEW.confidentiality, asset_impact_low),
      coalesce(NEW.integrity, asset_impact_low), coalesce(NEW.availability, asset_impact_low),
      coalesce(NEW.traceability, asset_impact_low)),
    asset_impact_high = max(asset_impact_high, coalesce(NEW.confidentiality, asset_impact_high),
      coalesce(NEW.integrity, asset_impact_high), coalesce(NEW.availability, asset_impact_high),
      coalesce(NEW.traceability, asset_impact_high))
  WHERE id = 1;
END;
CREATE TRIGGER scenario_bounds_insert AFTER INSERT ON scenario BEGIN
  UPDATE rating_bounds SET
    scenario_likelihood_low = min(scenario_likelihood_low,
      coalesce(NEW.inherent_likelihood, scenario_likelihood_low),
      coalesce(NEW.current_likelihood, scenario_likelihood_low),
      coalesce(NEW.residual_likelihood, scenario_likelihood_low)),
    scenario_likelihood_high = max(scenario_likelihood_high,
      coalesce(NEW.inherent_likelihood, scenario_likelihood_high),
      coalesce(NEW.current_likelihood, scenario_likelihood_high),
      coalesce(NEW.residual_likelihood, scenario_likelihood_high)),
    scenario_impact_low = min(scenario_impact_low,
      coalesce(NEW.inherent_impact, scenario_impact_low),
      coalesce(NEW.current_impact, scenario_impact_low),
      coalesce(NEW.residual_impact, scenario_impact_low)),
    scenario_impact_high = max(scenario_impact_high,
      coalesce(NEW.inherent_impact, scenario_impact_high),
      coalesce(NEW.current_impact, scenario_impact_high),
      coalesce(NEW.residual_impact, scenario_impact_high)),
    scenario_level_low = min(scenario_level_low,
      coalesce(NEW.recorded_level, scenario_level_low)),
    scenario_level_high = max(scenario_level_high,
      coalesce(NEW.recorded_level, scenario_level_high))
  WHERE id = 1;
END;
CREATE TRIGGER scenario_bounds_update
AFTER UPDATE OF inherent_likelihood, inherent_impact, current_likelihood, current_impact,
  residual_likelihood, residual_impact, recorded_level ON scenario BEGIN
  UPDATE rating_bounds SET
    scenario_likelihood_low = min(scenario_likelihood_low,
      coalesce(NEW.inherent_likelihood, scenario_likelihood_low),
      coalesce(NEW.current_likelihood, scenario_likelihood_low),
      coalesce(NEW.residual_likelihood, scenario_likelihood_low)),
    scenario_likelihood_high = max(scenario_likelihood_high,
      coalesce(NEW.inherent_likelihood, scenario_likelihood_high),
      coalesce(NEW.current_likelihood, scenario_likelihood_high),
      coalesce(NEW.residual_likelihood, scenario_likelihood_high)),
    scenario_impact_low = min(scenario_impact_low,
      coalesce(NEW.inherent_impact, scenario_impact_low),
      coalesce(NEW.current_impact, scenario_impact_low),
      coalesce(NEW.residual_impact, scenario_impact_low)),
    scenario_impact_high = max(scenario_impact_high,
      coalesce(NEW.inherent_impact, scenario_impact_high),
      coalesce(NEW.current_impact, scenario_impact_high),
      coalesce(NEW.residual_impact, scenario_impact_high)),
    scenario_level_low = min(scenario_level_low,
      coalesce(NEW.recorded_level, scenario_level_low)),
    scenario_level_high = max(scenario_level_high,
      coalesce(NEW.recorded_level, scenario_level_high))
  WHERE id = 1;
END;
)sql";

// Version 6: frameworks read from YAML libraries keep what the library says
// of them (urn, texts, language, provider, copyright, maturity scale) and of
// each requirement; the SoA records a maturity score; mapping sets link the
// requirements of two frameworks. The built-in NIST CSF takes the urns under
// which the open libraries name it, so that their mappings find it.
constexpr std::string_view v6 = R"sql(
ALTER TABLE framework ADD COLUMN urn TEXT;
ALTER TABLE framework ADD COLUMN description TEXT;
ALTER TABLE framework ADD COLUMN language TEXT;
ALTER TABLE framework ADD COLUMN provider TEXT;
ALTER TABLE framework ADD COLUMN copyright TEXT;
ALTER TABLE framework ADD COLUMN maturity TEXT;
CREATE UNIQUE INDEX framework_urn ON framework(urn);
ALTER TABLE requirement ADD COLUMN urn TEXT;
ALTER TABLE requirement ADD COLUMN original_id TEXT;
ALTER TABLE requirement ADD COLUMN description TEXT;
ALTER TABLE requirement ADD COLUMN annotation TEXT;
CREATE UNIQUE INDEX requirement_urn ON requirement(urn);
ALTER TABLE soa ADD COLUMN maturity INTEGER;
-- One mapping set of a library; its mappings go with it.
CREATE TABLE mapping_set (
  urn TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT,
  source_framework TEXT NOT NULL REFERENCES framework(id) ON DELETE CASCADE,
  target_framework TEXT NOT NULL REFERENCES framework(id) ON DELETE CASCADE,
  source TEXT NOT NULL
) WITHOUT ROWID;
-- "source RELATIONSHIP target": the source requirement is equal to, a subset
-- of, a superset of, or intersects the target one.
CREATE TABLE requirement_mapping (
  mapping_set TEXT NOT NULL REFERENCES mapping_set(urn) ON DELETE CASCADE,
  source TEXT NOT NULL REFERENCES requirement(ref) ON DELETE CASCADE,
  target TEXT NOT NULL REFERENCES requirement(ref) ON DELETE CASCADE,
  relationship TEXT NOT NULL CHECK (relationship IN ('equal', 'subset', 'superset', 'intersect')),
  annotation TEXT,
  PRIMARY KEY (mapping_set, source, target)
) WITHOUT ROWID;
CREATE INDEX requirement_mapping_source ON requirement_mapping(source);
CREATE INDEX requirement_mapping_target ON requirement_mapping(target);
UPDATE framework SET urn = 'urn:intuitem:risk:framework:nist-csf-2.0', language = 'en',
  provider = 'NIST'
  WHERE id = 'NIST-CSF' AND source = 'built-in';
UPDATE requirement SET urn = 'urn:intuitem:risk:req_node:nist-csf-2.0:' || lower(id)
  WHERE framework = 'NIST-CSF'
    AND (SELECT source FROM framework WHERE id = 'NIST-CSF') = 'built-in';
)sql";

// Version 7: the EBIOS RM study. Feared events, SR/OV couples, strategic
// scenarios, attack paths, operational scenarios and their elementary
// actions; a scenario names its operational scenario; a stakeholder gets its
// critical flag. Derivable values are stored only when set by hand: a
// residual criterion equal to the initial one was a copy of it, and now
// follows it.
constexpr std::string_view v7 = R"sql(
CREATE TABLE feared_event (
  ref TEXT PRIMARY KEY,
  business_value TEXT,
  description TEXT,
  criteria TEXT,
  impacts TEXT,
  impact_description TEXT,
  gravity INTEGER,
  retained TEXT NOT NULL,
  justification TEXT
) WITHOUT ROWID;
CREATE TABLE origin (
  ref TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  category TEXT NOT NULL,
  objective TEXT,
  motivation INTEGER,
  resources INTEGER,
  activity INTEGER,
  feared_events TEXT,
  pertinence INTEGER,
  retained TEXT NOT NULL,
  justification TEXT
) WITHOUT ROWID;
CREATE TABLE strategic (
  ref TEXT PRIMARY KEY,
  title TEXT,
  description TEXT,
  origin TEXT,
  feared_events TEXT,
  gravity INTEGER,
  justification TEXT
) WITHOUT ROWID;
CREATE TABLE path (
  ref TEXT PRIMARY KEY,
  strategic TEXT,
  stakeholders TEXT,
  description TEXT,
  retained TEXT NOT NULL,
  justification TEXT
) WITHOUT ROWID;
CREATE TABLE operational (
  ref TEXT PRIMARY KEY,
  path TEXT,
  title TEXT,
  description TEXT,
  likelihood INTEGER,
  justification TEXT
) WITHOUT ROWID;
CREATE TABLE step (
  ref TEXT PRIMARY KEY,
  operational TEXT,
  phase TEXT NOT NULL,
  description TEXT,
  assets TEXT,
  "after" TEXT,
  "join" TEXT,
  probability INTEGER,
  difficulty INTEGER
) WITHOUT ROWID;
ALTER TABLE scenario ADD COLUMN operational TEXT;
ALTER TABLE stakeholder ADD COLUMN critical TEXT;
UPDATE stakeholder SET residual_dependency = NULL WHERE residual_dependency IS dependency;
UPDATE stakeholder SET residual_penetration = NULL WHERE residual_penetration IS penetration;
UPDATE stakeholder SET residual_maturity = NULL WHERE residual_maturity IS maturity;
UPDATE stakeholder SET residual_trust = NULL WHERE residual_trust IS trust;
CREATE VIEW feared_event_business_value (ref, value) AS
  SELECT r.ref, l.value FROM feared_event r, json_each(r."business_value") l;
CREATE VIEW feared_event_criteria (ref, value) AS
  SELECT r.ref, l.value FROM feared_event r, json_each(r."criteria") l;
CREATE VIEW feared_event_impacts (ref, value) AS
  SELECT r.ref, l.value FROM feared_event r, json_each(r."impacts") l;
CREATE VIEW origin_feared_events (ref, value) AS
  SELECT r.ref, l.value FROM origin r, json_each(r."feared_events") l;
CREATE VIEW strategic_origin (ref, value) AS
  SELECT r.ref, l.value FROM strategic r, json_each(r."origin") l;
CREATE VIEW strategic_feared_events (ref, value) AS
  SELECT r.ref, l.value FROM strategic r, json_each(r."feared_events") l;
CREATE VIEW path_strategic (ref, value) AS
  SELECT r.ref, l.value FROM path r, json_each(r."strategic") l;
CREATE VIEW path_stakeholders (ref, value) AS
  SELECT r.ref, l.value FROM path r, json_each(r."stakeholders") l;
CREATE VIEW operational_path (ref, value) AS
  SELECT r.ref, l.value FROM operational r, json_each(r."path") l;
CREATE VIEW step_operational (ref, value) AS
  SELECT r.ref, l.value FROM step r, json_each(r."operational") l;
CREATE VIEW step_assets (ref, value) AS
  SELECT r.ref, l.value FROM step r, json_each(r."assets") l;
CREATE VIEW step_after (ref, value) AS
  SELECT r.ref, l.value FROM step r, json_each(r."after") l;
CREATE VIEW scenario_operational (ref, value) AS
  SELECT r.ref, l.value FROM scenario r, json_each(r."operational") l;
ALTER TABLE rating_bounds ADD COLUMN feared_event_impact_low DEFAULT 1;
ALTER TABLE rating_bounds ADD COLUMN feared_event_impact_high DEFAULT 0;
ALTER TABLE rating_bounds ADD COLUMN strategic_impact_low DEFAULT 1;
ALTER TABLE rating_bounds ADD COLUMN strategic_impact_high DEFAULT 0;
ALTER TABLE rating_bounds ADD COLUMN operational_likelihood_low DEFAULT 1;
ALTER TABLE rating_bounds ADD COLUMN operational_likelihood_high DEFAULT 0;
CREATE TRIGGER feared_event_bounds_insert AFTER INSERT ON feared_event BEGIN
  UPDATE rating_bounds SET
    feared_event_impact_low = min(feared_event_impact_low, coalesce(NEW.gravity, feared_event_impact_low)),
    feared_event_impact_high = max(feared_event_impact_high, coalesce(NEW.gravity, feared_event_impact_high))
  WHERE id = 1;
END;
CREATE TRIGGER feared_event_bounds_update AFTER UPDATE OF gravity ON feared_event BEGIN
  UPDATE rating_bounds SET
    feared_event_impact_low = min(feared_event_impact_low, coalesce(NEW.gravity, feared_event_impact_low)),
    feared_event_impact_high = max(feared_event_impact_high, coalesce(NEW.gravity, feared_event_impact_high))
  WHERE id = 1;
END;
CREATE TRIGGER strategic_bounds_insert AFTER INSERT ON strategic BEGIN
  UPDATE rating_bounds SET
    strategic_impact_low = min(strategic_impact_low, coalesce(NEW.gravity, strategic_impact_low)),
    strategic_impact_high = max(strategic_impact_high, coalesce(NEW.gravity, strategic_impact_high))
  WHERE id = 1;
END;
CREATE TRIGGER strategic_bounds_update AFTER UPDATE OF gravity ON strategic BEGIN
  UPDATE rating_bounds SET
    strategic_impact_low = min(strategic_impact_low, coalesce(NEW.gravity, strategic_impact_low)),
    strategic_impact_high = max(strategic_impact_high, coalesce(NEW.gravity, strategic_impact_high))
  WHERE id = 1;
END;
CREATE TRIGGER operational_bounds_insert AFTER INSERT ON operational BEGIN
  UPDATE rating_bounds SET
    operational_likelihood_low = min(operational_likelihood_low, coalesce(NEW.likelihood, operational_likelihood_low)),
    operational_likelihood_high = max(operational_likelihood_high, coalesce(NEW.likelihood, operational_likelihood_high))
  WHERE id = 1;
END;
CREATE TRIGGER operational_bounds_update AFTER UPDATE OF likelihood ON operational BEGIN
  UPDATE rating_bounds SET
    operational_likelihood_low = min(operational_likelihood_low, coalesce(NEW.likelihood, operational_likelihood_low)),
    operational_likelihood_high = max(operational_likelihood_high, coalesce(NEW.likelihood, operational_likelihood_high))
  WHERE id = 1;
END;
)sql";

// Copies each link table into its list column, each list sorted as the
// field shows it (a vocabulary's order for choices), then swaps the
// tables for views.
void lists_into_columns(Database& db) {
  constexpr std::pair<std::string_view, std::string_view> lists[] = {
      {"asset", "data"},
      {"asset", "serves"},
      {"asset", "tags"},
      {"scenario", "assets"},
      {"scenario", "criteria"},
      {"scenario", "existing_controls"},
      {"scenario", "additional_controls"},
      {"scenario", "stakeholders"},
      {"control", "references"},
      {"stakeholder", "assets"},
      {"stakeholder", "controls"},
      {"action", "controls"},
      {"action", "scenarios"},
  };
  for (const auto& [kind_name, field_name] : lists) {
    const EntityKind& kind = kind_named(kind_name);
    const Field& field = kind.fields[kind.index(field_name)];
    auto rows =
        db.prepare(fmt::format("SELECT ref, value FROM {}_{} ORDER BY ref", kind_name, field_name));
    auto write =
        db.prepare(fmt::format("UPDATE {} SET \"{}\" = ?2 WHERE ref = ?1", kind_name, field_name));
    std::string ref, json;
    std::vector<std::string> items;
    const auto flush = [&] {
      if (items.empty()) return;
      sort_list(field, items);
      json.clear();
      append_json_list(json, items);
      write.bind(1, ref).bind(2, json).run();
      items.clear();
    };
    while (rows.step()) {
      if (rows.text(0) != ref) {
        flush();
        ref.assign(rows.text(0));
      }
      items.emplace_back(rows.text(1));
    }
    flush();
  }
  db.exec(v4_views);
}

// Version 8: what each writing command changed, for undo and log --show
// (see undo.hpp; an entry written before keeps nothing and is marked so),
// and the state of the tree of a workspace in tree mode.
constexpr std::string_view v8 = R"sql(
ALTER TABLE journal ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;
CREATE TABLE journal_change (
  id INTEGER PRIMARY KEY,
  entry INTEGER,
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX journal_change_entry ON journal_change(entry);
-- The tree of files a workspace in tree mode keeps beside the database: a
-- digest of its record files as riskmap last wrote or applied them.
CREATE TABLE tree_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  stamp TEXT NOT NULL
);
)sql";

constexpr Migration all[] = {{1, v1},
                             {2, v2, install_builtin_frameworks},
                             {3, v3},
                             {4, v4, lists_into_columns},
                             // Bounds are computed once the last version's
                             // kinds exist: recompute_rating_bounds reads them all.
                             {5, v5},
                             {6, v6},
                             {7, v7, recompute_rating_bounds},
                             {8, v8}};

}  // namespace

std::span<const Migration> migrations() {
  return all;
}
int schema_version() {
  return all[std::size(all) - 1].version;
}

std::filesystem::path migrate(Database& db, std::span<const Migration> steps, bool keep_backup) {
  const int newest = steps.empty() ? 0 : steps.back().version;
  const auto check_not_newer = [&](int current) {
    if (current > newest)
      throw Error(fmt::format(
          "{} was written by a newer riskmap (schema version {}; this riskmap knows up to {}): "
          "upgrade riskmap to open it",
          db.path().string(), current, newest));
  };
  int current = db.user_version();
  check_not_newer(current);
  if (current == newest) return {};

  // Once, under the write lock: processes that open the workspace meanwhile
  // wait for the lock, then find the database migrated and go on.
  Transaction transaction(db);
  current = db.user_version();
  check_not_newer(current);
  if (current == newest) return {};
  std::filesystem::path backup;
  if (current > 0 && keep_backup) {
    // The copy is read by a second connection, beside the write lock: it
    // sees the database as it is before this migration.
    backup = db.path();
    backup += fmt::format(".bak-v{}", current);
    Staging staging(backup.parent_path());
    const auto staged = staging.path(backup.filename().string());
    Database(db.path(), false).prepare("VACUUM INTO ?").bind(1, staged.native()).run();
    staging.commit(true);
  }
  for (const Migration& step : steps) {
    if (step.version <= current) continue;
    db.exec(step.sql);
    if (step.fill) step.fill(db);
  }
  db.set_user_version(newest);
  transaction.commit();
  return backup;
}

}  // namespace riskmap
