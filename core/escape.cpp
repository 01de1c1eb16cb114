#include "escape.hpp"

#include <array>

#include <fmt/format.h>

#include "json_text.hpp"
#include "text.hpp"

namespace riskmap {

namespace {

// Bytes markdown_inline copies as they are.
constexpr std::array<bool, 256> markdown_plain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 256; ++c) plain[static_cast<std::size_t>(c)] = true;
  for (const char c : std::string_view("<>&\\`*_[]|#@$^~{}"))
    plain[static_cast<unsigned char>(c)] = false;
  return plain;
}();

}  // namespace

void append_markdown_inline(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t run = i;
    while (run < text.size() && markdown_plain[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text, i, run - i);
    if (run == text.size()) break;
    i = run;
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
        break;  // other control characters
    }
  }
  // A value that starts a line must not start a list, a quote or a heading.
  if (out.size() > start && (out[start] == '-' || out[start] == '+' || out[start] == '='))
    out.insert(start, 1, '\\');
  if (const auto digits = out.find_first_not_of("0123456789", start);
      digits != std::string::npos && digits > start && (out[digits] == '.' || out[digits] == ')') &&
      (digits + 1 == out.size() || out[digits + 1] == ' '))
    out.insert(digits, 1, '\\');
}

std::string markdown_inline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_markdown_inline(out, text);
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
  // A JSON string is both, DEL included: it is escaped too.
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
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
        if (static_cast<unsigned char>(c) >= 0x80) {
          const std::size_t start = i;
          const auto code = decode_utf8(text, i);
          if (!code) {
            out += "\uFFFD";
            ++i;
          } else if (!(*code >= 0xFDD0 && *code <= 0xFDEF) && (*code & 0xFFFE) != 0xFFFE) {
            out.append(text, start, i - start);
          }
          continue;
        }
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
    ++i;
  }
  return out;
}

}  // namespace riskmap
