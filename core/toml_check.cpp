#include "toml_check.hpp"

#include <vector>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"

namespace riskmap {

void TomlChecker::fail(const toml::source_region& at, std::string_view message) const {
  throw ContentError(fmt::format("{}:{}:{}: {}", source_, at.begin.line, at.begin.column, message));
}

void TomlChecker::fail(const toml::node& at, std::string_view message) const {
  fail(at.source(), message);
}

void TomlChecker::allow_keys(const toml::table& table, std::string_view where,
                             std::initializer_list<std::string_view> keys) const {
  for (const auto& [key, node] : table) {
    bool known = false;
    for (auto allowed : keys) known = known || key.str() == allowed;
    if (known) continue;
    std::vector<std::string> names(keys.begin(), keys.end());
    fail(key.source().begin.line ? key.source() : node.source(),
         fmt::format("unknown key '{}' in {}{}; allowed: {}", key.str(), where,
                     did_you_mean(key.str(), names), quoted_list(names)));
  }
}

const toml::table* TomlChecker::optional_table(const toml::table& parent, std::string_view key,
                                               std::string_view where) const {
  const toml::node* node = parent.get(key);
  if (!node) return nullptr;
  if (!node->is_table()) fail(*node, fmt::format("'{}' in {} must be a table", key, where));
  return node->as_table();
}

const toml::table& TomlChecker::table(const toml::table& parent, std::string_view key,
                                      std::string_view where) const {
  if (const auto* found = optional_table(parent, key, where)) return *found;
  fail(parent, fmt::format("missing table '{}' in {}", key, where));
}

const toml::array& TomlChecker::array(const toml::table& parent, std::string_view key,
                                      std::string_view where) const {
  const toml::node* node = parent.get(key);
  if (!node) fail(parent, fmt::format("missing '{}' in {}", key, where));
  if (!node->is_array()) fail(*node, fmt::format("'{}' in {} must be an array", key, where));
  return *node->as_array();
}

std::optional<std::string> TomlChecker::optional_string(const toml::table& parent,
                                                        std::string_view key,
                                                        std::string_view where) const {
  const toml::node* node = parent.get(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) fail(*node, fmt::format("'{}' in {} must be a string", key, where));
  return node->as_string()->get();
}

std::string TomlChecker::string(const toml::table& parent, std::string_view key,
                                std::string_view where) const {
  if (auto value = optional_string(parent, key, where)) return *value;
  fail(parent, fmt::format("missing '{}' in {}", key, where));
}

toml::table parse_toml(std::string_view text, const std::string& source) {
  if (auto at = invalid_utf8_at(text)) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < *at; ++i) text[i] == '\n' ? (++line, column = 1) : ++column;
    throw ContentError(fmt::format("{}:{}:{}: invalid UTF-8", source, line, column));
  }
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw ContentError(fmt::format("{}:{}:{}: {}", source, e.source().begin.line,
                                   e.source().begin.column, e.description()));
  }
}

}  // namespace riskmap
