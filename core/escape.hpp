#pragma once
// User text made safe wherever it lands in a deliverable (SPEC §5).
#include <string>
#include <string_view>

namespace riskmap {

// One line of Markdown text, safe in a paragraph, a list item or a table
// cell: Markdown and pandoc punctuation is backslash-escaped, '<', '>' and
// '&' become entities, and line breaks become spaces.
std::string markdown_inline(std::string_view text);
// The same, appended to `out`.
void append_markdown_inline(std::string& out, std::string_view text);
// Text of several lines as Markdown paragraphs (blank lines kept), each
// line escaped as by markdown_inline.
std::string markdown_paragraphs(std::string_view text);
// A double-quoted string with backslash escapes, read alike as a TOML basic
// string and a YAML double-quoted scalar: no user text can end it early.
std::string double_quoted(std::string_view text);
inline std::string yaml_quote(std::string_view text) {
  return double_quoted(text);
}
// Text for XML character data or attribute values. What XML 1.0 forbids is
// dropped (C0 controls but tab, LF and CR; U+FFFE and U+FFFF), and so are the
// other noncharacters (U+FDD0 to U+FDEF, U+nFFFE and U+nFFFF), which XML
// allows but discourages; invalid UTF-8 becomes U+FFFD. CSV cells are made
// safe by csv::append_field.
std::string xml_escape(std::string_view text);

}  // namespace riskmap
