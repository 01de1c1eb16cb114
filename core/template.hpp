#pragma once
// Mustache templates for the deliverables. Values are kainjow-mustache data,
// and templates render by its rules (see template.cpp). On top of them: templates are checked
// against the names the view model offers (an unknown name is an error, not an empty string),
// errors name the template and the line, values are escaped for Markdown, and "streamed" sections
// render their items one at a time so memory stays flat however many records a deliverable lists.
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "error.hpp"

namespace riskmap {

using ViewData = kainjow::mustache::data;

// The names a view offers: a name with children is a section (a list or an
// object); one without, a value or a boolean.
struct ViewSchema {
  std::map<std::string, ViewSchema, std::less<>> names;
  ViewSchema() = default;
  ViewSchema(std::initializer_list<std::pair<const std::string, ViewSchema>> children)
      : names(children) {}
};

// Calls `emit` once per item of a streamed section.
using ViewStream = std::function<void(const std::function<void(const ViewData&)>& emit)>;
using ViewStreams = std::map<std::string, ViewStream, std::less<>>;

struct TemplateNode;  // a parsed piece of a template (template.cpp)

class TemplateError : public ContentError {
 public:
  using ContentError::ContentError;
};

class Template {
 public:
  // How deep sections may nest. Rendering recurses once per level, and so
  // does kainjow-mustache's own parser: a bound keeps any template from
  // exhausting the stack, far above what a document needs.
  static constexpr std::size_t max_depth = 100;

  // Parses `text`; `name` (e.g. "fr/register.md") is used in messages.
  // Throws TemplateError "name:line: message", also for sections nested
  // deeper than max_depth.
  Template(std::string name, std::string text);

  // Every name used must be offered by `schema` where it is used; streamed
  // sections (names in `streamed`) must sit at the top level.
  void check(const ViewSchema& schema, const std::vector<std::string>& streamed = {}) const;

  void render(const ViewData& view, const ViewStreams& streams, std::ostream& out) const;

  const std::string& name() const { return name_; }

 private:
  struct Tag {
    char kind;  // 'v' value, '#' section, '^' inverted, '/' close, '!' comment, '&' unescaped
    std::string name;
    std::size_t begin, end;  // byte range of the tag in text_
    std::size_t line;
  };
  std::vector<TemplateNode> nodes(std::size_t from, std::size_t to, std::size_t first,
                                  std::size_t last) const;
  std::string name_;
  std::string text_;
  std::vector<Tag> tags_;
};

}  // namespace riskmap
