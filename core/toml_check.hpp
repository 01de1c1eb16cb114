#pragma once
// Strict reading of hand-edited TOML: every error names file:line:column,
// unknown keys are refused with a suggestion, and types are checked.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace riskmap {

class TomlChecker {
 public:
  explicit TomlChecker(std::string source) : source_(std::move(source)) {}

  // Throws ContentError "source:line:column: message".
  [[noreturn]] void fail(const toml::node& at, std::string_view message) const;
  [[noreturn]] void fail(const toml::source_region& at, std::string_view message) const;

  void allow_keys(const toml::table& table, std::string_view where,
                  std::initializer_list<std::string_view> keys) const;
  const toml::table& table(const toml::table& parent, std::string_view key,
                           std::string_view where) const;
  const toml::table* optional_table(const toml::table& parent, std::string_view key,
                                    std::string_view where) const;
  const toml::array& array(const toml::table& parent, std::string_view key,
                           std::string_view where) const;
  std::string string(const toml::table& parent, std::string_view key, std::string_view where) const;
  std::optional<std::string> optional_string(const toml::table& parent, std::string_view key,
                                             std::string_view where) const;

  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

// Parses TOML text, turning a syntax error into "source:line:column: message".
toml::table parse_toml(std::string_view text, const std::string& source);

}  // namespace riskmap
