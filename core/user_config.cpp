#include "user_config.hpp"

#include <fmt/format.h>

#include "error.hpp"
#include "files.hpp"
#include "toml_check.hpp"
#include "workspace.hpp"

namespace riskmap {

std::optional<std::filesystem::path> user_config_path(const std::optional<std::string>& xdg,
                                                      const std::optional<std::string>& home) {
  if (xdg && !xdg->empty()) return std::filesystem::path(*xdg) / "riskmap" / "config.toml";
  if (home && !home->empty())
    return std::filesystem::path(*home) / ".config" / "riskmap" / "config.toml";
  return std::nullopt;
}

UserConfig read_user_config(const std::filesystem::path& path) {
  UserConfig config;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return config;
  const std::string source = path.string();
  const toml::table table = parse_toml(read_file(path), source);
  const TomlChecker check(source);
  check.allow_keys(table, "the user's configuration", {"ref_prefix"});
  if (auto prefix = check.optional_string(table, "ref_prefix", "the user's configuration")) {
    try {
      check_ref_prefix(*prefix);
    } catch (const ValueError& e) {
      check.fail(*table.get("ref_prefix"), fmt::format("ref_prefix: {}", e.what()));
    }
    config.ref_prefix = std::move(*prefix);
  }
  return config;
}

}  // namespace riskmap
