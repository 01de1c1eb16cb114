#pragma once
// The user's own settings, kept apart from the shared riskmap.toml (which
// git carries to the whole team): $XDG_CONFIG_HOME/riskmap/config.toml, or
// ~/.config/riskmap/config.toml.
#include <filesystem>
#include <optional>
#include <string>

namespace riskmap {

struct UserConfig {
  std::string ref_prefix;  // "YB": this user's generated refs are R-YB-1, A-YB-1...
};

// The file's path from XDG_CONFIG_HOME, else HOME; none without either.
std::optional<std::filesystem::path> user_config_path(const std::optional<std::string>& xdg,
                                                      const std::optional<std::string>& home);
// Reads it; a missing file is an empty configuration. A bad file or value
// is a ContentError at file:line:column.
UserConfig read_user_config(const std::filesystem::path& path);

}  // namespace riskmap
