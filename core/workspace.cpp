#include "workspace.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "date.hpp"
#include "error.hpp"
#include "escape.hpp"
#include "method_change.hpp"
#include "method_store.hpp"
#include "schema.hpp"
#include "text.hpp"
#include "toml_check.hpp"
#include "undo.hpp"

namespace riskmap {

namespace fs = std::filesystem;

namespace {

// [ecosystem] danger, control, watch: threat-level thresholds, each zone's
// lower bound, in decreasing order.
ZoneThresholds read_zones(const toml::table& ecosystem, const TomlChecker& check) {
  check.allow_keys(ecosystem, "[ecosystem]", {"danger", "control", "watch"});
  ZoneThresholds zones;
  const std::pair<const char*, double*> keys[] = {
      {"danger", &zones.danger}, {"control", &zones.control}, {"watch", &zones.watch}};
  for (const auto& [key, target] : keys) {
    const toml::node* node = ecosystem.get(key);
    if (!node) continue;
    const auto number = node->value<double>();
    // inf and nan are TOML floats, but no threshold: a zone starting at inf is empty.
    if (!number || !node->is_number() || !std::isfinite(*number) || *number <= 0)
      check.fail(*node, fmt::format("[ecosystem] {} must be a positive number (a threat level, "
                                    "e.g. 2.5)",
                                    key));
    *target = *number;
  }
  if (!(zones.danger > zones.control && zones.control > zones.watch))
    check.fail(ecosystem, fmt::format("[ecosystem] thresholds must decrease: danger ({}) > "
                                      "control ({}) > watch ({})",
                                      zones.danger, zones.control, zones.watch));
  return zones;
}

// A grid of whole numbers, `rows` rows of `columns` cells from `low` to `high`.
template <std::size_t Rows, std::size_t Columns>
void read_grid(const toml::table& ebios, const char* key, int low, int high,
               const char* meaning, const TomlChecker& check,
               std::array<std::array<int, Columns>, Rows>& grid) {
  const toml::node* node = ebios.get(key);
  if (!node) return;
  const auto wrong = [&](const toml::node& at) {
    check.fail(at, fmt::format("[ebios] {} must be {} rows of {} whole numbers from {} to {} ({})",
                               key, Rows, Columns, low, high, meaning));
  };
  const toml::array* rows = node->as_array();
  if (!rows || rows->size() != Rows) wrong(*node);
  for (std::size_t r = 0; r < Rows; ++r) {
    const toml::array* cells = (*rows)[r].as_array();
    if (!cells || cells->size() != Columns) wrong((*rows)[r]);
    for (std::size_t c = 0; c < Columns; ++c) {
      const auto* cell = (*cells)[c].as_integer();
      if (!cell || cell->get() < low || cell->get() > high) wrong((*cells)[c]);
      grid[r][c] = static_cast<int>(cell->get());
    }
  }
}

EbiosGrids read_ebios(const toml::table& ebios, const TomlChecker& check) {
  check.allow_keys(ebios, "[ebios]", {"pertinence", "likelihood"});
  EbiosGrids grids;
  read_grid(ebios, "pertinence", 1, 4, "rows motivation 1 to 4, columns resources 1 to 4", check,
            grids.pertinence);
  read_grid(ebios, "likelihood", 1, 4,
            "rows cumulative probability 1 to 4, columns cumulative difficulty 0 to 4", check,
            grids.likelihood);
  return grids;
}

// [mission] referentials: framework ids, each once.
std::vector<DeclaredReferential> read_referentials(const toml::array& ids,
                                                   const TomlChecker& check) {
  std::vector<DeclaredReferential> out;
  for (const toml::node& node : ids) {
    if (!node.is_string())
      check.fail(node, "[mission] referentials must be framework ids, e.g. [\"NIST-CSF\"]");
    const std::string id = node.as_string()->get();
    if (!is_valid_ref(id))
      check.fail(node, fmt::format("[mission] referentials: '{}' is not a framework id (letters, "
                                   "digits, '.', '_' and '-')",
                                   id));
    if (std::any_of(out.begin(), out.end(), [&](const auto& r) { return r.id == id; }))
      check.fail(node, fmt::format("[mission] referentials names '{}' twice", id));
    const auto& at = node.source().begin;
    out.push_back({id, fmt::format("{}:{}:{}", check.source(), at.line, at.column)});
  }
  return out;
}

}  // namespace

Config read_config(std::string_view text, const std::string& source) {
  const toml::table document = parse_toml(text, source);
  const TomlChecker check{source};
  check.allow_keys(document, "the file",
                   {"mission", "method", "ecosystem", "review", "ebios", "workspace", "output"});
  Config config;
  config.text = std::string(text);
  if (const auto* workspace = check.optional_table(document, "workspace", "the file")) {
    check.allow_keys(*workspace, "[workspace]", {"tree"});
    if (const auto* tree = workspace->get("tree")) {
      if (!tree->is_boolean()) check.fail(*tree, "[workspace] tree: true or false");
      config.tree = tree->as_boolean()->get();
    }
  }
  if (const auto* output = check.optional_table(document, "output", "the file")) {
    check.allow_keys(*output, "[output]",
                     {"csv_delimiter", "csv_bom", "data_csv_delimiter", "data_csv_bom"});
    const auto delimiter = [&](const char* key, std::optional<char>& kept) {
      const toml::node* node = output->get(key);
      if (!node) return;
      const auto* given = node->as_string();
      if (!given || (given->get() != "," && given->get() != ";"))
        check.fail(*node, fmt::format("[output] {}: ',' or ';'", key));
      kept = given->get()[0];
    };
    const auto bom = [&](const char* key, std::optional<bool>& kept) {
      const toml::node* node = output->get(key);
      if (!node) return;
      if (!node->is_boolean()) check.fail(*node, fmt::format("[output] {}: true or false", key));
      kept = node->as_boolean()->get();
    };
    delimiter("csv_delimiter", config.output.document_delimiter);
    bom("csv_bom", config.output.document_bom);
    delimiter("data_csv_delimiter", config.output.data_delimiter);
    bom("data_csv_bom", config.output.data_bom);
  }
  const toml::table& mission = check.table(document, "mission", "the file");
  check.allow_keys(mission, "[mission]",
                   {"name", "language", "title", "author", "version", "status", "classification",
                    "currency", "organisation_article", "referentials"});
  config.mission.name = check.string(mission, "name", "[mission]");
  const std::string language =
      check.optional_string(mission, "language", "[mission]").value_or("fr");
  try {
    config.mission.language = parse_lang(language);
  } catch (const ValueError& e) {
    check.fail(*mission.get("language"), e.what());
  }
  config.mission.title = check.optional_string(mission, "title", "[mission]");
  config.mission.author = check.optional_string(mission, "author", "[mission]");
  config.mission.version = check.optional_string(mission, "version", "[mission]");
  config.mission.status = check.optional_string(mission, "status", "[mission]");
  if (config.mission.status && *config.mission.status != "draft" &&
      *config.mission.status != "final")
    check.fail(*mission.get("status"),
               fmt::format("status '{}' is not allowed; allowed: 'draft', 'final'",
                           *config.mission.status));
  config.mission.classification = check.optional_string(mission, "classification", "[mission]");
  config.mission.currency = check.optional_string(mission, "currency", "[mission]");
  if (const auto& code = config.mission.currency;
      code && (code->size() != 3 || !std::all_of(code->begin(), code->end(), [](char c) {
                 return c >= 'A' && c <= 'Z';
               })))
    check.fail(*mission.get("currency"),
               fmt::format("currency '{}' is not allowed; allowed: an ISO 4217 code, three capital "
                           "letters such as 'MAD', 'EUR' or 'USD'",
                           *code));
  if (auto article = check.optional_string(mission, "organisation_article", "[mission]")) {
    if (*article == "l'") *article = "l’";
    if (*article != "la" && *article != "le" && *article != "l’" && *article != "les" &&
        !article->empty())
      check.fail(*mission.get("organisation_article"),
                 fmt::format("organisation_article '{}' is not allowed; allowed: 'la', 'le', "
                             "'l’' (or l'), 'les', or '' for a name that takes no article",
                             *article));
    config.mission.organisation_article = std::move(article);
  }
  if (mission.get("referentials"))
    config.mission.referentials =
        read_referentials(check.array(mission, "referentials", "[mission]"), check);
  config.method = read_method(document, source);
  if (const toml::table* ecosystem = check.optional_table(document, "ecosystem", "the file"))
    config.zones = read_zones(*ecosystem, check);
  if (const toml::table* review = check.optional_table(document, "review", "the file"))
    config.review = read_review_settings(*review, check);
  if (const toml::table* ebios = check.optional_table(document, "ebios", "the file"))
    config.ebios = read_ebios(*ebios, check);
  return config;
}

bool is_method_file_name(std::string_view name) {
  return name.ends_with(".toml") || is_yaml_file_name(name);
}

LoadedMethod load_method(const std::string& name_or_file, const RiskMatrixOptions& options) {
  if (is_yaml_file_name(name_or_file)) {
    RiskMatrix matrix = read_risk_matrix(read_file(name_or_file), name_or_file, options);
    return {std::move(matrix.method), std::move(matrix.notes)};
  }
  const std::string_view what =
      name_or_file.ends_with(".toml") ? "a .toml method" : "a built-in method";
  if (options.matrix)
    throw UsageError(fmt::format(
        "--matrix: {} is {}; --matrix picks a risk matrix of a YAML library", name_or_file, what));
  if (options.appetite)
    throw UsageError(fmt::format(
        "--appetite: {} is {}, which names its own appetite; --appetite is for the risk matrix "
        "of a YAML library",
        name_or_file, what));
  if (name_or_file.ends_with(".toml")) {
    const std::string text = read_file(name_or_file);
    return {read_method(parse_toml(text, name_or_file), name_or_file), {}};
  }
  const auto text = builtin_method_toml(name_or_file);
  return {read_method(parse_toml(text, std::string(name_or_file) + ".toml"), name_or_file), {}};
}

Method load_method(const std::string& name_or_file) {
  return load_method(name_or_file, RiskMatrixOptions{}).method;
}

namespace {

std::optional<fs::path> workspace_above(const fs::path& start) {
  std::error_code error;
  for (fs::path dir = fs::absolute(start);; dir = dir.parent_path()) {
    if (fs::exists(dir / config_file_name, error)) return dir;
    if (dir == dir.root_path() || dir.parent_path() == dir) return std::nullopt;
  }
}

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code error;
  const bool same = fs::equivalent(a, b, error);
  return !error && same;
}

std::string user_name(uid_t uid) {
  if (const passwd* entry = ::getpwuid(uid)) return fmt::format("{} (uid {})", entry->pw_name, uid);
  return fmt::format("uid {}", uid);
}

}  // namespace

void check_ref_prefix(std::string_view prefix) {
  const bool ok = !prefix.empty() && prefix.size() <= 8 &&
                  std::all_of(prefix.begin(), prefix.end(), [](char c) {
                    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                  });
  if (!ok)
    throw ValueError(fmt::format(
        "'{}' is not a ref prefix: 1 to 8 letters or digits (YB makes R-YB-1, A-YB-1...)",
        prefix));
}

void check_owner(const fs::path& dir, const std::string& safe_workspaces) {
  const uid_t me = ::geteuid();
  for (const fs::path& path : {dir, dir / database_file_name}) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || info.st_uid == me) continue;
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(dir), error);
    for (std::string_view rest = safe_workspaces; !rest.empty();) {
      const auto colon = rest.find(':');
      const std::string_view item = rest.substr(0, colon);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
      if (item == "*") return;
      if (!item.empty() && same_folder(fs::path(item), canonical)) return;
    }
    throw Error(fmt::format(
        "{} is owned by {}, not by you ({}): riskmap does not open another user's workspace. If "
        "you trust it, allow it with RISKMAP_SAFE_WORKSPACES={} (a ':'-separated list of "
        "folders, or '*' for any)",
        path.string(), user_name(info.st_uid), user_name(me), canonical.string()));
  }
}

FoundWorkspace find_workspace(const std::optional<std::string>& flag,
                              const std::optional<std::string>& env, const fs::path& start) {
  const auto check = [](const fs::path& dir, std::string_view how) {
    std::error_code error;
    if (!fs::exists(dir / config_file_name, error))
      throw Error(
          fmt::format("no workspace in {} ({} names it, but it has no {}): create one with "
                      "'riskmap init {}'",
                      dir.string(), how, config_file_name, dir.string()));
    return dir;
  };
  if (flag) return {check(*flag, "--workspace"), std::nullopt};
  if (env && !env->empty()) {
    FoundWorkspace found{check(*env, "RISKMAP_WORKSPACE"), std::nullopt};
    if (const auto here = workspace_above(start); here && !same_folder(*here, found.dir))
      found.overridden = here;
    return found;
  }
  if (auto here = workspace_above(start)) return {*here, std::nullopt};
  throw Error(fmt::format(
      "no workspace found in {} or above: create one with 'riskmap init DIR', or name one with "
      "--workspace DIR or RISKMAP_WORKSPACE",
      fs::absolute(start).string()));
}

Workspace::Workspace(fs::path dir, Config config, std::unique_ptr<Database> db)
    : dir_(std::move(dir)), config_(std::move(config)), db_(std::move(db)) {}

Workspace::~Workspace() {
  // The transaction rolls back before the connection closes.
  transaction_.reset();
}

std::unique_ptr<Workspace> Workspace::open(const fs::path& dir, const OpenOptions& options) {
  check_owner(dir, options.safe_workspaces);
  // What killed processes left in the folders riskmap writes into itself.
  for (const fs::path& folder :
       {dir, dir / "snapshots", dir / "deliverables" / "fr", dir / "deliverables" / "en"})
    sweep_stale_staging(folder);
  const fs::path config_path = dir / config_file_name;
  const std::string stamp = file_stamp(config_path);
  Config config = read_config(read_file(config_path), config_path.string());
  const fs::path db_path = dir / database_file_name;
  if (!fs::exists(db_path))
    throw Error(fmt::format("{}: missing; the workspace in {} is incomplete", db_path.string(),
                            dir.string()));
  auto db = std::make_unique<Database>(db_path, false);
  // init writes the schema at once: a database without one (an empty file,
  // another program's database) is not a workspace's, and is left alone.
  if (db->user_version() <= 0)
    throw ContentError(
        fmt::format("{}: not a riskmap database (it has no riskmap schema)", db_path.string()));
  std::unique_ptr<Workspace> workspace(new Workspace(dir, std::move(config), std::move(db)));
  workspace->config_stamp_ = stamp;
  workspace->ref_prefix_ = options.ref_prefix;
  if (const fs::path backup = migrate(*workspace->db_); !backup.empty())
    workspace->notes_.push_back(
        fmt::format("migrated {} to this version; the previous copy is kept as {}",
                    db_path.string(), backup.string()));
  // Foreign keys can only be switched outside a transaction.
  if (options.intent == Intent::import) workspace->db_->exec("PRAGMA foreign_keys = OFF");
  workspace->transaction_ = std::make_unique<Transaction>(
      *workspace->db_,
      options.intent == Intent::read ? Transaction::Mode::read : Transaction::Mode::write);
  if (options.intent != Intent::read) watch_changes(*workspace->db_);
  workspace->reconcile(options);
  return workspace;
}

void Workspace::reconcile(const OpenOptions& options) {
  const fs::path config_path = dir_ / config_file_name;
  std::string file_toml = method_to_toml(config_.method);
  auto stored = read_stored_method(*db_);
  if (stored && stored->toml == file_toml) return;
  const auto in_force = [&](const StoredMethod& method) {
    const std::string source = (dir_ / database_file_name).string() + " (method in force)";
    return read_method(parse_toml(method.toml, source), source);
  };
  // method apply starts from the method in force and sets the new one itself.
  if (options.intent == Intent::method) {
    if (stored) config_.method = in_force(*stored);
    return;
  }
  const bool reading = options.intent == Intent::read;
  // Both remedies write: they run under the write lock, and look again
  // once they hold it, since another process (a method change that has
  // just committed, and is about to rewrite riskmap.toml) may have acted.
  if (reading) {
    transaction_.reset();
    transaction_ = std::make_unique<Transaction>(*db_, Transaction::Mode::write);
    watch_changes(*db_);
    stored = read_stored_method(*db_);
  }
  config_stamp_ = file_stamp(config_path);
  config_ = read_config(read_file(config_path), config_path.string());
  file_toml = method_to_toml(config_.method);
  if (stored && stored->toml == file_toml) {
    if (reading) {
      transaction_.reset();
      transaction_ = std::make_unique<Transaction>(*db_, Transaction::Mode::read);
    }
    return;
  }
  if (stored && method_hash(file_toml) == stored->replaced &&
      config_stamp_ == stored->replaced_file) {
    // riskmap.toml is the very file the last change found, untouched: that
    // change committed, and was stopped before it could replace the file.
    config_.method = in_force(*stored);
    const std::string text = config_text_with(config_.method);
    Config updated = read_config(text, config_path.string());
    write_file_atomically(config_path, text, true);
    config_ = std::move(updated);
    config_stamp_ = file_stamp(config_path);
    notes_.push_back(fmt::format(
        "{}: its [method] was the one the last method change replaced; rewritten with the "
        "method in force ({}), which the database holds",
        config_path.string(), config_.method.name));
  } else {
    // riskmap.toml was edited (by hand, by a pull): its method is adopted
    // if every stored rating fits it.
    if (!bounds_fit(*db_, config_.method)) {
      std::optional<Method> before;
      if (stored) before = in_force(*stored);
      const OffScale off = ratings_off_scale(*db_, config_.method, before ? &*before : nullptr);
      if (off.count > 0) {
        std::string message =
            fmt::format("{}: its method does not fit {} stored rating{}, so it is not adopted:",
                        config_path.string(), off.count, off.count == 1 ? "" : "s");
        for (const auto& line : off.lines) message += "\n  " + line;
        if (off.count > off.lines.size())
          message += fmt::format("\n  ... and {} more", off.count - off.lines.size());
        const std::string remaps = before ? suggested_remaps(off, *before, config_.method) : "";
        message += fmt::format(
            "\nput the missing steps back in {}, or place those ratings on its scales with "
            "'riskmap method apply {} {}'",
            config_file_name, config_path.string(), remaps.empty() ? "--remap OLD=NEW" : remaps);
        throw ContentError(message);
      }
      recompute_rating_bounds(*db_);
    }
    store_method(*db_, config_.method, stored ? stored->toml : std::string());
    if (stored) {
      record_change(*db_, options.journal_author(),
                    fmt::format("riskmap.toml edited: method {} adopted", config_.method.name), {});
      notes_.push_back(fmt::format(
          "{}: its [method] was edited; every stored rating fits the edited method ({}), which "
          "is now the method in force (riskmap log shows the change)",
          config_path.string(), config_.method.name));
    }
  }
  if (reading) {
    transaction_->commit();
    transaction_ = std::make_unique<Transaction>(*db_, Transaction::Mode::read);
  }
}

void Workspace::set_method(const Method& method) {
  if (!transaction_) throw Error("the method can only change inside a write transaction");
  store_method(*db_, method, method_to_toml(config_.method), config_stamp_);
  const fs::path path = dir_ / config_file_name;
  const std::string text = config_text_with(method);
  Config updated = read_config(text, path.string());
  // Written now, so that a full disk stops the change before its COMMIT;
  // moved into place after it.
  staged_config_ = std::make_unique<Staging>(dir_);
  std::ostream& out = staged_config_->file(config_file_name);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  errno = 0;
  out.flush();
  if (!out) {
    const int error = errno;
    staged_config_.reset();
    throw Error(fmt::format("{}: cannot write: {}", path.string(),
                            error ? std::strerror(error) : "the write failed"));
  }
  config_ = std::move(updated);
}

void Workspace::commit() {
  if (!transaction_) throw Error("no transaction to commit");
  if (before_commit_) before_commit_(*this);
  transaction_->commit();
  transaction_.reset();
  if (!staged_config_) return;
  try {
    staged_config_->commit(true);
  } catch (const Error& e) {
    notes_.push_back(fmt::format(
        "{}; the database holds the new method all the same, and the next riskmap command "
        "rewrites {}",
        e.what(), config_file_name));
  }
  staged_config_.reset();
}

void Workspace::end_read() {
  transaction_.reset();
  staged_config_.reset();
}

void Workspace::begin_write() {
  if (transaction_) throw Error("a transaction is in progress already");
  transaction_ = std::make_unique<Transaction>(*db_, Transaction::Mode::write);
  watch_changes(*db_);
}

std::unique_ptr<Workspace> Workspace::over(const Workspace& live, Method method,
                                           std::unique_ptr<Database> db) {
  Config config = live.config_;
  config.method = std::move(method);
  return std::unique_ptr<Workspace>(new Workspace(live.dir_, std::move(config), std::move(db)));
}

namespace {

std::string initial_config(const InitOptions& options, std::string_view method_toml) {
  std::string text = fmt::format(
      "# riskmap workspace: the mission and the method its risks are rated with.\n"
      "# Edited by hand; riskmap checks it every time it opens the workspace.\n"
      "# The format is described in riskmap.toml(5).\n\n"
      "[mission]\n"
      "name = {}\n"
      "language = \"{}\"\n"
      "# Document metadata for the deliverables; a field left out stays out.\n",
      double_quoted(options.name), to_string(options.language));
  const std::pair<const char*, const std::optional<std::string>&> metadata[] = {
      {"title", options.title},
      {"author", options.author},
      {"version", options.version},
      {"status", options.status},
      {"classification", options.classification},
      {"currency", options.currency},
      {"organisation_article", options.organisation_article}};
  static const char* examples[] = {
      "\"Cartographie des risques SI\"", "\"\"", "\"1.0\"", "\"draft\"  # draft or final", "\"\"",
      "\"MAD\"  # ISO 4217 code: amounts written 12 000 DH",
      "\"la\"  # French: la, le, l', les or \"\" (none): « de la Caisse… », « du Ministère… »"};
  for (std::size_t i = 0; i < std::size(metadata); ++i) {
    const auto& [key, value] = metadata[i];
    text += value ? fmt::format("{} = {}\n", key, double_quoted(*value))
                  : fmt::format("# {} = {}\n", key, examples[i]);
  }
  text +=
      "\n# Threat zones of the ecosystem's stakeholders: threat level =\n"
      "# (dependency x penetration) / (maturity x trust); each zone starts at its threshold.\n"
      "# [ecosystem]\n"
      "# danger = 2.5\n"
      "# control = 0.9\n"
      "# watch = 0.2\n"
      "\n# EBIOS RM study: pertinence of a risk origin / target objective couple\n"
      "# (rows motivation 1-4, columns resources 1-4), and the likelihood of an\n"
      "# operational scenario by the advanced method (rows cumulative success\n"
      "# probability 1-4, columns cumulative difficulty 0-4).\n"
      "# [ebios]\n"
      "# pertinence = [[1, 1, 2, 2], [1, 2, 3, 3], [2, 3, 3, 4], [2, 3, 4, 4]]\n"
      "# likelihood = [[1, 1, 1, 1, 1], [2, 2, 2, 1, 1], [3, 3, 3, 2, 1], [4, 4, 4, 3, 2]]\n";
  if (options.tree)
    text +=
        "\n# The records are kept beside the database as a tree of files, one a record,\n"
        "# for git: writing commands keep it up to date, `riskmap apply .` brings in\n"
        "# the tree as git left it (the hooks of init --tree run it).\n"
        "[workspace]\n"
        "tree = true\n";
  return text + "\n" + std::string(method_toml);
}

}  // namespace

std::unique_ptr<Workspace> Workspace::create(const fs::path& dir, const InitOptions& options,
                                             const std::function<void(Workspace&)>& fill) {
  const fs::path config_path = dir / config_file_name;
  const fs::path db_path = dir / database_file_name;
  for (const auto& path : {config_path, db_path})
    if (fs::exists(path) && !(options.adopt_config && path == config_path))
      throw Error(
          fmt::format("{} already exists: {} is a workspace already, and init never overwrites one",
                      path.string(), dir.string()));
  if (options.adopt_config) {
    Config config = read_config(read_file(config_path), config_path.string());
    return make_database(dir, std::move(config), {}, fill);
  }

  std::string method_toml;
  std::vector<std::string> method_notes;
  if (is_method_file_name(options.method)) {
    LoadedMethod loaded = load_method(options.method, options.risk_matrix);
    method_toml = method_to_toml(loaded.method);
    method_notes = std::move(loaded.notes);
  } else {
    // Checks that the options fit a built-in method, whose file is kept as written.
    load_method(options.method, options.risk_matrix);
    method_toml = std::string(builtin_method_toml(options.method));
  }
  InitOptions named = options;
  if (named.name.empty()) {
    const fs::path folder = fs::absolute(dir).lexically_normal();  // "/a/b/" for "b/" or "."
    named.name = (folder.has_filename() ? folder : folder.parent_path()).filename().string();
  }
  const std::string text = initial_config(named, method_toml);
  Config config = read_config(text, config_path.string());

  std::error_code error;
  const bool folder_existed = fs::exists(dir);
  fs::create_directories(dir, error);
  if (error) throw Error(fmt::format("{}: cannot create: {}", dir.string(), error.message()));
  try {
    write_file_atomically(config_path, text, true);
  } catch (...) {
    if (!folder_existed) fs::remove(dir, error);
    throw;
  }
  try {
    return make_database(dir, std::move(config), std::move(method_notes), fill);
  } catch (...) {
    fs::remove(config_path, error);
    if (!folder_existed) fs::remove(dir, error);  // only if empty
    throw;
  }
}

std::unique_ptr<Workspace> Workspace::make_database(const fs::path& dir, Config config,
                                                    std::vector<std::string> notes,
                                                    const std::function<void(Workspace&)>& fill) {
  const fs::path db_path = dir / database_file_name;
  std::error_code error;
  // The database may hold sensitive findings: readable by its owner only.
  const int fd = ::open(db_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw Error(fmt::format("{}: cannot create: {}", db_path.string(), std::strerror(errno)));
  ::close(fd);
  try {
    auto db = std::make_unique<Database>(db_path, false);
    db->exec("PRAGMA journal_mode = WAL");
    migrate(*db);
    {
      Transaction transaction(*db);
      store_method(*db, config.method, "");
      transaction.commit();
    }
    std::unique_ptr<Workspace> workspace(new Workspace(dir, std::move(config), std::move(db)));
    workspace->notes_ = std::move(notes);
    if (fill) fill(*workspace);
    return workspace;
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"})
      fs::remove(fs::path(db_path.string() + suffix), error);
    throw;
  }
}

std::string Workspace::config_text_with(const Method& method) const {
  // The [method] tables are replaced as one block; the lines before and
  // after them (the mission, comments) are kept as the user wrote them.
  const std::string& text = config_.text;
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < text.size();) {
    const auto end = text.find('\n', at);
    lines.emplace_back(
        std::string_view(text).substr(at, end == std::string::npos ? end : end - at + 1));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  const auto header_of = [](std::string_view line) -> std::string_view {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || line[start] != '[') return {};
    return line.substr(start);
  };
  const auto is_method = [](std::string_view header) {
    return header.starts_with("[method") || header.starts_with("[[method");
  };
  std::size_t first = lines.size(), last = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto header = header_of(lines[i]);
    if (header.empty()) continue;
    if (is_method(header)) {
      if (first == lines.size())
        first = i;
      else if (last != lines.size())
        throw Error(
            fmt::format("{}: the [method] tables are not together, so riskmap cannot replace them; "
                        "move them into one block",
                        (dir_ / config_file_name).string()));
    } else if (first != lines.size() && last == lines.size()) {
      last = i;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < first; ++i) out += lines[i];
  out += method_to_toml(method);
  if (last < lines.size()) out += "\n";
  for (std::size_t i = last; i < lines.size(); ++i) out += lines[i];
  return out;
}

void record_change(Database& db, const std::string& author, const std::string& command,
                   const std::vector<std::string>& refs) {
  // The id rows kept in bulk were tied to (AddedRows).
  const std::int64_t entry = next_entry_id(db);
  auto statement =
      db.prepare("INSERT INTO journal (id, at, author, command, refs) VALUES (?, ?, ?, ?, ?)");
  statement.bind(1, entry)
      .bind(2, utc_timestamp())
      .bind(3, author)
      .bind(4, command)
      .bind(5, fmt::format("{}", fmt::join(refs, ",")))
      .run();
  claim_changes(db, entry);
}

}  // namespace riskmap
