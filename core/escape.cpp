#include "escape.hpp"

#include <fmt/format.h>

namespace riskmap {

std::string markdown_inline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        [[fallthrough]];
      case '\n':
        out += ' ';
        break;
      case '\t':
        out += ' ';
        break;
      // Markdown emphasis, code, links, tables, headings; pandoc's
      // citations (@), maths ($), super- and subscript (^ ~).
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '@':
      case '$':
      case '^':
      case '~':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) break;  // other control characters
        out += c;
    }
  }
  // A value that starts a line must not start a list, a quote or a heading.
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) out.insert(0, 1, '\\');
  if (const auto digits = out.find_first_not_of("0123456789");
      digits != std::string::npos && digits > 0 && (out[digits] == '.' || out[digits] == ')') &&
      (digits + 1 == out.size() || out[digits + 1] == ' '))
    out.insert(digits, 1, '\\');
  return out;
}

std::string markdown_paragraphs(std::string_view text) {
  // Lines of one paragraph are joined by hard breaks ("\\" at the end of a
  // line); blank lines separate paragraphs.
  std::string out;
  bool blank_before = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      blank_before = !out.empty();
      continue;
    }
    if (!out.empty()) out += blank_before ? "\n\n" : "\\\n";
    out += markdown_inline(line);
    blank_before = false;
  }
  return out;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else
          out += c;
    }
  }
  return out + "\"";
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string spreadsheet_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r'))
    out += '\'';
  out.append(text);
  return out;
}

}  // namespace riskmap
