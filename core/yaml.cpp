#include "yaml.hpp"

#include <charconv>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include "error.hpp"
#include "text.hpp"

namespace riskmap::yaml {

YAML::Node load(const std::string& text, const std::string& source) {
  if (auto bad = invalid_utf8_at(text))
    throw ContentError(fmt::format("{}: not a YAML file: byte {} is not valid UTF-8", source,
                                   *bad + 1));
  // YAML allows control characters only escaped in double quotes; written
  // raw, yaml-cpp may turn them and the bytes after them into invalid UTF-8.
  std::size_t line = 1, column = 1;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f)
      throw ContentError(fmt::format(
          "{}:{}:{}: not a YAML file: control character U+{:04X}, which YAML allows only "
          "escaped in double quotes (\"\\x{:02x}\")",
          source, line, column, byte, byte));
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xc0) != 0x80) {
      ++column;  // a character, not the continuation of one
    }
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw ContentError(fmt::format("{}:{}:{}: invalid YAML: lists and maps nested too deeply",
                                   source, e.mark.line + 1, e.mark.column + 1));
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null())
      throw ContentError(fmt::format("{}: invalid YAML: {}", source, e.msg));
    throw ContentError(fmt::format("{}:{}:{}: invalid YAML: {}", source, e.mark.line + 1,
                                   e.mark.column + 1, e.msg));
  }
}

std::string where(const std::string& source, const YAML::Node& node) {
  if (!node.IsDefined()) return source;
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return source;
  return fmt::format("{}:{}:{}", source, mark.line + 1, mark.column + 1);
}

YAML::Node member(const YAML::Node& map, std::string_view key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  // Lookup through a const node never inserts.
  // yaml-cpp answers a missing key with an invalid node, which throws on
  // anything but IsDefined(): an undefined node reads safely.
  const YAML::Node& constant = map;
  YAML::Node value = constant[std::string(key)];
  if (!value.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
  return value;
}

namespace {

// yaml-cpp writes the escapes \_ (no-break space, U+00A0) and \N (next
// line, U+0085) as one raw byte each, not as UTF-8. The file was valid UTF-8
// before its escapes were read, so a byte that starts no character here
// comes from one of them: \_ becomes U+00A0, \N a line break (the control
// character U+0085 has no place in riskmap's text).
std::string with_escapes_repaired(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    if (decode_utf8(text, i)) {
      out.append(text.substr(start, i - start));
      continue;
    }
    i = start + 1;
    const auto byte = static_cast<unsigned char>(text[start]);
    if (byte == 0xA0)
      out += "\xC2\xA0";
    else if (byte == 0x85)
      out += '\n';
    else
      out += text[start];  // left invalid: refused by the caller
  }
  return out;
}

}  // namespace

std::string scalar(const YAML::Node& node, const std::string& source, std::string_view what) {
  if (!node.IsScalar())
    throw ContentError(fmt::format("{}: {} must be a text, not {}", where(source, node), what,
                                   node.IsSequence() ? "a list" : node.IsMap() ? "a map" : "empty"));
  const std::string& value = node.Scalar();
  if (!invalid_utf8_at(value)) return value;
  std::string repaired = with_escapes_repaired(value);
  if (invalid_utf8_at(repaired))
    throw ContentError(fmt::format("{}: {} is not valid UTF-8 once its escapes are read",
                                   where(source, node), what));
  return repaired;
}

std::optional<std::string> text(const YAML::Node& map, std::string_view key,
                                const std::string& source, std::string_view what) {
  const YAML::Node value = member(map, key);
  if (!value.IsDefined() || value.IsNull()) return std::nullopt;
  return scalar(value, source, fmt::format("{} of {}", key, what));
}

std::vector<YAML::Node> items(const YAML::Node& map, std::string_view key) {
  const YAML::Node value = member(map, key);
  std::vector<YAML::Node> out;
  if (!value.IsDefined() || value.IsNull()) return out;
  if (!value.IsSequence()) {
    out.push_back(value);
    return out;
  }
  out.reserve(value.size());
  for (const auto& item : value) out.push_back(item);
  return out;
}

std::optional<long long> integer(const YAML::Node& map, std::string_view key,
                                 const std::string& source, std::string_view what) {
  const auto value = text(map, key, source, what);
  if (!value) return std::nullopt;
  const std::string_view digits = trim(*value);
  long long number = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty())
    throw ContentError(fmt::format("{}: {} of {} must be a whole number, not '{}'",
                                   where(source, member(map, key)), key, what, *value));
  return number;
}

}  // namespace riskmap::yaml
