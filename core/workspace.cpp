#include "workspace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "error.hpp"
#include "escape.hpp"
#include "method_change.hpp"
#include "schema.hpp"
#include "toml_check.hpp"

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

}  // namespace

Config read_config(std::string_view text, const std::string& source) {
  const toml::table document = parse_toml(text, source);
  const TomlChecker check{source};
  check.allow_keys(document, "the file", {"mission", "method", "ecosystem", "review"});
  Config config;
  config.text = std::string(text);
  const toml::table& mission = check.table(document, "mission", "the file");
  check.allow_keys(mission, "[mission]",
                   {"name", "language", "title", "author", "version", "status", "classification"});
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
  config.method = read_method(document, source);
  if (const toml::table* ecosystem = check.optional_table(document, "ecosystem", "the file"))
    config.zones = read_zones(*ecosystem, check);
  if (const toml::table* review = check.optional_table(document, "review", "the file"))
    config.review = read_review_settings(*review, check);
  return config;
}

Method load_method(const std::string& name_or_file) {
  if (name_or_file.ends_with(".toml")) {
    const std::string text = read_file(name_or_file);
    return read_method(parse_toml(text, name_or_file), name_or_file);
  }
  const auto text = builtin_method_toml(name_or_file);
  return read_method(parse_toml(text, std::string(name_or_file) + ".toml"), name_or_file);
}

fs::path find_workspace(const std::optional<std::string>& flag,
                        const std::optional<std::string>& env, const fs::path& start) {
  const auto check = [](const fs::path& dir, std::string_view how) {
    if (!fs::exists(dir / config_file_name))
      throw Error(
          fmt::format("no workspace in {} ({} names it, but it has no {}): create one with "
                      "'riskmap init {}'",
                      dir.string(), how, config_file_name, dir.string()));
    return dir;
  };
  if (flag) return check(*flag, "--workspace");
  if (env && !env->empty()) return check(*env, "RISKMAP_WORKSPACE");
  for (fs::path dir = fs::absolute(start);; dir = dir.parent_path()) {
    if (fs::exists(dir / config_file_name)) return dir;
    if (dir == dir.root_path() || dir.parent_path() == dir) break;
  }
  throw Error(fmt::format(
      "no workspace found in {} or above: create one with 'riskmap init DIR', or name one with "
      "--workspace DIR or RISKMAP_WORKSPACE",
      fs::absolute(start).string()));
}

std::unique_ptr<Workspace> Workspace::open(const fs::path& dir) {
  const fs::path config_path = dir / config_file_name;
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
  workspace->backup_ = migrate(*workspace->db_);
  check_ratings_fit(*workspace->db_, workspace->method(), config_path.string());
  return workspace;
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
      {"classification", options.classification}};
  static const char* examples[] = {"\"Cartographie des risques SI\"", "\"\"", "\"1.0\"",
                                   "\"draft\"  # draft or final", "\"\""};
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
      "# watch = 0.2\n";
  return text + "\n" + std::string(method_toml);
}

}  // namespace

std::unique_ptr<Workspace> Workspace::create(const fs::path& dir, const InitOptions& options,
                                             const std::function<void(Workspace&)>& fill) {
  const fs::path config_path = dir / config_file_name;
  const fs::path db_path = dir / database_file_name;
  for (const auto& path : {config_path, db_path})
    if (fs::exists(path))
      throw Error(
          fmt::format("{} already exists: {} is a workspace already, and init never overwrites one",
                      path.string(), dir.string()));

  std::string method_toml;
  if (options.method.ends_with(".toml"))
    method_toml = method_to_toml(load_method(options.method));
  else
    method_toml = std::string(builtin_method_toml(options.method));
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
  // The database may hold sensitive findings: readable by its owner only.
  const int fd = ::open(db_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw Error(fmt::format("{}: cannot create: {}", db_path.string(), std::strerror(errno)));
  ::close(fd);
  try {
    auto db = std::make_unique<Database>(db_path, false);
    db->exec("PRAGMA journal_mode = WAL");
    migrate(*db);
    write_file_atomically(config_path, text);
    std::unique_ptr<Workspace> workspace(new Workspace(dir, std::move(config), std::move(db)));
    if (fill) fill(*workspace);
    return workspace;
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"})
      fs::remove(fs::path(db_path.string() + suffix), error);
    fs::remove(config_path, error);
    if (!folder_existed) fs::remove(dir, error);  // only if empty
    throw;
  }
}

void Workspace::write_method(const Method& method) {
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
  const fs::path path = dir_ / config_file_name;
  Config updated = read_config(out, path.string());
  write_file_atomically(path, out);
  config_ = std::move(updated);
}

void record_change(Database& db, const std::string& author, const std::string& command,
                   const std::vector<std::string>& refs) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto statement =
      db.prepare("INSERT INTO journal (at, author, command, refs) VALUES (?, ?, ?, ?)");
  statement.bind(1, fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now))
      .bind(2, author)
      .bind(3, command)
      .bind(4, fmt::format("{}", fmt::join(refs, ",")))
      .run();
}

}  // namespace riskmap
