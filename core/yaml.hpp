#pragma once
// Reading YAML files written by other tools (the libraries of frameworks,
// risk matrices and mappings): a real parser (yaml-cpp) and the few helpers
// that turn its nodes into checked values with "file:line:column" messages.
// Nodes are read through const references only: yaml-cpp's non-const
// operator[] would add the key it looks up.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace riskmap::yaml {

// Parses one YAML document. A syntax error is a ContentError
// "source:line:column: invalid YAML: what"; an empty file gives a null node.
YAML::Node load(const std::string& text, const std::string& source);

// "source:line:column" of a node (1-based), or "source" when the node has no mark.
std::string where(const std::string& source, const YAML::Node& node);

// The value of `key` in a map, or an undefined node when absent; a map that
// is not a map is a ContentError naming `what`.
YAML::Node member(const YAML::Node& map, std::string_view key);

// The text of a scalar at `key`, or nullopt when the key is absent or null.
// A list or a map there is a ContentError "where: KEY of WHAT must be a text".
std::optional<std::string> text(const YAML::Node& map, std::string_view key,
                                const std::string& source, std::string_view what);
// The same for a scalar node itself.
std::string scalar(const YAML::Node& node, const std::string& source, std::string_view what);

// The node at `key` as a list: a single item that is not a list becomes a
// list of one (libraries hold one framework or a list of them). Absent or
// null gives an empty list.
std::vector<YAML::Node> items(const YAML::Node& map, std::string_view key);

// An integer scalar at `key`; nullopt when absent; ContentError when it is
// not a whole number.
std::optional<long long> integer(const YAML::Node& map, std::string_view key,
                                 const std::string& source, std::string_view what);

}  // namespace riskmap::yaml
