#include "template.hpp"

#include <fmt/format.h>

#include "escape.hpp"
#include "text.hpp"

namespace riskmap {

Template::Template(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  if (auto bad = invalid_utf8_at(text_)) {
    const auto line = 1 + std::count(text_.begin(), text_.begin() + static_cast<long>(*bad), '\n');
    throw TemplateError(fmt::format("{}:{}: invalid UTF-8", name_, line));
  }
  std::size_t line = 1, counted = 0;
  const auto line_at = [&](std::size_t offset) {
    line += static_cast<std::size_t>(std::count(text_.begin() + static_cast<long>(counted),
                                                text_.begin() + static_cast<long>(offset), '\n'));
    counted = offset;
    return line;
  };
  for (std::size_t at = text_.find("{{"); at != std::string::npos; at = text_.find("{{", at)) {
    Tag tag{};
    tag.begin = at;
    tag.line = line_at(at);
    const bool triple = text_.compare(at, 3, "{{{") == 0;
    const std::string closer = triple ? "}}}" : "}}";
    const auto close = text_.find(closer, at + (triple ? 3 : 2));
    if (close == std::string::npos)
      throw TemplateError(
          fmt::format("{}:{}: '{{{{' without its closing '{}'", name_, tag.line, closer));
    tag.end = close + closer.size();
    std::string_view inside =
        std::string_view(text_).substr(at + (triple ? 3 : 2), close - at - (triple ? 3 : 2));
    tag.kind = triple ? '&' : 'v';
    if (!triple && !inside.empty() &&
        std::string_view("#^/!&>=").find(inside[0]) != std::string_view::npos) {
      tag.kind = inside[0];
      inside.remove_prefix(1);
    }
    if (tag.kind == '>')
      throw TemplateError(
          fmt::format("{}:{}: partials ({{{{>...}}}}) are not supported", name_, tag.line));
    if (tag.kind == '=')
      throw TemplateError(fmt::format(
          "{}:{}: changing the delimiters ({{{{=...=}}}}) is not supported", name_, tag.line));
    tag.name = std::string(trim(inside));
    if (tag.kind != '!' && tag.name.empty())
      throw TemplateError(fmt::format("{}:{}: empty tag", name_, tag.line));
    // "a.", ".a" and "a..b" name nothing: mustache readers disagree on them.
    if (tag.kind != '!' && tag.name != "." &&
        (tag.name.front() == '.' || tag.name.back() == '.' ||
         tag.name.find("..") != std::string::npos))
      throw TemplateError(fmt::format(
          "{}:{}: '{}' has an empty part between dots; write a name or a.b, or '.' for the "
          "current item",
          name_, tag.line, tag.name));
    tags_.push_back(tag);
    at = tag.end;
  }
  // Sections must nest.
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < tags_.size(); ++i) {
    const Tag& tag = tags_[i];
    if (tag.kind == '#' || tag.kind == '^') {
      if (stack.size() == max_depth)
        throw TemplateError(
            fmt::format("{}:{}: section '{}' is nested {} deep; sections nest at most {} deep",
                        name_, tag.line, tag.name, max_depth + 1, max_depth));
      stack.push_back(i);
    }
    if (tag.kind != '/') continue;
    if (stack.empty())
      throw TemplateError(
          fmt::format("{}:{}: '{{{{/{}}}}}' closes no section", name_, tag.line, tag.name));
    const Tag& opener = tags_[stack.back()];
    if (opener.name != tag.name)
      throw TemplateError(fmt::format("{}:{}: '{{{{/{}}}}}' closes section '{}' opened on line {}",
                                      name_, tag.line, tag.name, opener.name, opener.line));
    stack.pop_back();
  }
  if (!stack.empty()) {
    const Tag& opener = tags_[stack.back()];
    throw TemplateError(
        fmt::format("{}:{}: section '{}' is never closed", name_, opener.line, opener.name));
  }
}

void Template::check(const ViewSchema& schema, const std::vector<std::string>& streamed) const {
  std::vector<const ViewSchema*> scopes{&schema};
  std::vector<std::string> sections;
  for (const Tag& tag : tags_) {
    if (tag.kind == '!') continue;
    if (tag.kind == '/') {
      scopes.pop_back();
      sections.pop_back();
      continue;
    }
    const std::string first = tag.name.substr(0, tag.name.find('.'));
    const ViewSchema* found = nullptr;
    if (tag.name == ".") {
      found = scopes.back();
    } else {
      for (auto scope = scopes.rbegin(); scope != scopes.rend() && !found; ++scope)
        if (auto it = (*scope)->names.find(first); it != (*scope)->names.end()) found = &it->second;
    }
    if (!found) {
      std::vector<std::string> names;
      for (const ViewSchema* scope : scopes)
        for (const auto& [name, child] : scope->names) names.push_back(name);
      throw TemplateError(
          fmt::format("{}:{}: unknown name '{}'{}{}; allowed here: {}", name_, tag.line, tag.name,
                      sections.empty() ? "" : fmt::format(" in section '{}'", sections.back()),
                      did_you_mean(first, names), join(names, ", ")));
    }
    const bool is_streamed =
        std::find(streamed.begin(), streamed.end(), tag.name) != streamed.end();
    if (is_streamed && tag.kind == '^')
      throw TemplateError(
          fmt::format("{}:{}: '{}' is rendered item by item and cannot be tested with "
                      "{{{{^{}}}}}: use the counts the view offers",
                      name_, tag.line, tag.name, tag.name));
    if (is_streamed && tag.kind == '#' && scopes.size() > 1)
      throw TemplateError(
          fmt::format("{}:{}: section '{}' must be at the top level of the template", name_,
                      tag.line, tag.name));
    if (tag.kind == '#' || tag.kind == '^') {
      scopes.push_back(found);
      sections.push_back(tag.name);
    }
  }
}

// Rendering follows kainjow-mustache's rules to the byte, so that a template
// renders as it always has; it works on the parsed tags, with no callback per
// tag and output gathered in large blocks.
//   - A name is looked up from the innermost section outwards; "a.b" must
//     resolve whole within one scope; "." is the innermost item.
//   - A value prints when it is a string, escaped unless {{{ }}} or {{& }}.
//   - A section renders once per item of a non-empty list, once with the
//     value in scope for anything else but false and the empty list; an
//     inverted section renders when the name is missing, false or empty.
//   - A line is dropped, newline included, when a section that rendered
//     began or ended on it and it printed nothing but spaces and tabs.
//     (A false section does not count: its line stays, blank.)
struct TemplateNode {
  enum class Kind : char { text, newline, value, raw, section, inverted } kind;
  std::string_view text;           // text, newline
  std::vector<std::string> names;  // value, raw, section, inverted: "a.b" split; "." empty
  std::size_t end = 0;             // section, inverted: the node after the closing tag
};

namespace {

using Node = TemplateNode;

class Renderer {
 public:
  explicit Renderer(std::ostream& out) : out_(out) { buffer_.reserve(block + 4096); }

  // A piece of the template, from where the previous one stopped (mid-line
  // if it did): pieces render as the whole template would.
  void piece(const std::vector<Node>& nodes, std::vector<const ViewData*>& scopes) {
    walk(nodes, 0, nodes.size(), scopes);
  }
  // One item of a streamed section, as an item of a list section renders.
  void item(const std::vector<Node>& nodes, std::vector<const ViewData*>& scopes) {
    in_section_ = true;
    walk(nodes, 0, nodes.size(), scopes);
    in_section_ = true;
  }
  // A streamed section that yielded no item: the lines of its tags drop
  // when blank, as if it rendered.
  void empty_section() { in_section_ = true; }
  // Ends the last line and writes out what is left.
  void finish() {
    if (drop_line()) buffer_.resize(line_start_);
    in_section_ = false;
    flush();
  }

 private:
  static constexpr std::size_t block = 1 << 16;

  static const ViewData* find(const std::vector<std::string>& names,
                              const std::vector<const ViewData*>& scopes) {
    if (names.empty()) return scopes.back();
    for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
      const ViewData* found = *scope;
      for (const auto& name : names)
        if (!(found = found->get(name))) break;
      if (found) return found;
    }
    return nullptr;
  }

  bool drop_line() const {
    if (!in_section_) return false;
    for (std::size_t i = line_start_; i < buffer_.size(); ++i)
      if (buffer_[i] != ' ' && buffer_[i] != '\t') return false;
    return true;
  }

  void end_line(std::string_view newline) {
    if (drop_line())
      buffer_.resize(line_start_);
    else
      buffer_ += newline;
    in_section_ = false;
    if (buffer_.size() >= block) flush();
    line_start_ = buffer_.size();
  }

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    line_start_ = 0;
  }

  void walk_section(const std::vector<Node>& nodes, std::size_t at, const ViewData* scope,
                    std::vector<const ViewData*>& scopes) {
    in_section_ = true;
    if (scope) scopes.push_back(scope);
    walk(nodes, at + 1, nodes[at].end, scopes);
    if (scope) scopes.pop_back();
    in_section_ = true;
  }

  void walk(const std::vector<Node>& nodes, std::size_t from, std::size_t to,
            std::vector<const ViewData*>& scopes) {
    for (std::size_t at = from; at < to;) {
      const Node& node = nodes[at];
      switch (node.kind) {
        case Node::Kind::text:
          buffer_ += node.text;
          break;
        case Node::Kind::newline:
          end_line(node.text);
          break;
        case Node::Kind::value:
        case Node::Kind::raw:
          if (const ViewData* found = find(node.names, scopes); found && found->is_string()) {
            if (node.kind == Node::Kind::raw)
              buffer_ += found->string_value();
            else
              append_markdown_inline(buffer_, found->string_value());
          }
          break;
        case Node::Kind::section: {
          const ViewData* found = find(node.names, scopes);
          if (found && !found->is_false() && !found->is_empty_list()) {
            if (found->is_list())
              for (const auto& item : found->list_value()) walk_section(nodes, at, &item, scopes);
            else
              walk_section(nodes, at, found, scopes);
          }
          at = node.end;
          continue;
        }
        case Node::Kind::inverted: {
          const ViewData* found = find(node.names, scopes);
          if (!found || found->is_false() || found->is_empty_list())
            walk_section(nodes, at, found, scopes);
          at = node.end;
          continue;
        }
      }
      ++at;
    }
  }

  std::ostream& out_;
  std::string buffer_;
  std::size_t line_start_ = 0;
  bool in_section_ = false;  // a section began or ended on the current line
};

}  // namespace

// The nodes of text_[from, to), whose tags are tags_[first, last).
std::vector<TemplateNode> Template::nodes(std::size_t from, std::size_t to, std::size_t first,
                                          std::size_t last) const {
  std::vector<Node> nodes;
  const auto add_text = [&](std::size_t begin, std::size_t end) {
    std::string_view text = std::string_view(text_).substr(begin, end - begin);
    while (!text.empty()) {
      const auto cut = text.find_first_of("\r\n");
      if (cut != 0) {
        nodes.push_back(Node{Node::Kind::text, text.substr(0, cut), {}, 0});
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut);
      }
      const std::size_t size = text.substr(0, 2) == "\r\n" ? 2 : 1;
      nodes.push_back(Node{Node::Kind::newline, text.substr(0, size), {}, 0});
      text.remove_prefix(size);
    }
  };
  std::vector<std::size_t> open;
  std::size_t at = from;
  for (std::size_t i = first; i < last; ++i) {
    const Tag& tag = tags_[i];
    add_text(at, tag.begin);
    at = tag.end;
    if (tag.kind == '!') continue;
    if (tag.kind == '/') {
      nodes[open.back()].end = nodes.size();
      open.pop_back();
      continue;
    }
    Node node{tag.kind == '#'   ? Node::Kind::section
              : tag.kind == '^' ? Node::Kind::inverted
              : tag.kind == '&' ? Node::Kind::raw
                                : Node::Kind::value,
              {},
              {},
              0};
    if (tag.name != ".")
      for (std::size_t start = 0;;) {
        const auto dot = tag.name.find('.', start);
        node.names.push_back(tag.name.substr(start, dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
    if (node.kind == Node::Kind::section || node.kind == Node::Kind::inverted)
      open.push_back(nodes.size());
    nodes.push_back(std::move(node));
  }
  add_text(at, to);
  return nodes;
}

void Template::render(const ViewData& view, const ViewStreams& streams, std::ostream& out) const {
  Renderer renderer(out);
  std::vector<const ViewData*> scopes{&view};
  // Split at the top-level streamed sections: the text around them renders
  // with the view, their inside once per item, all in one line state, so
  // that the result is what the view with the items as a list renders. A
  // stream that yields no item drops the lines of its tags when blank, where
  // an empty list would leave them blank (as it always has).
  std::size_t from = 0, first = 0, depth = 0;
  for (std::size_t i = 0; i < tags_.size(); ++i) {
    const Tag& tag = tags_[i];
    if (tag.kind == '/') --depth;
    if (tag.kind != '#' && tag.kind != '^') continue;
    const bool top = depth++ == 0;
    const auto stream = streams.find(tag.name);
    if (!top || tag.kind != '#' || stream == streams.end()) continue;
    std::size_t close = i + 1;
    for (std::size_t nested = 0; close < tags_.size(); ++close) {
      if ((tags_[close].kind == '#' || tags_[close].kind == '^')) ++nested;
      if (tags_[close].kind == '/' && nested-- == 0) break;
    }
    const Tag& end = tags_[close];
    renderer.piece(nodes(from, tag.begin, first, i), scopes);
    const auto inner = nodes(tag.end, end.begin, i + 1, close);
    bool yielded = false;
    stream->second([&](const ViewData& item) {
      scopes.push_back(&item);
      renderer.item(inner, scopes);
      scopes.pop_back();
      yielded = true;
    });
    if (!yielded) renderer.empty_section();
    from = end.end;
    first = close + 1;
    i = close;
    --depth;
  }
  renderer.piece(nodes(from, text_.size(), first, tags_.size()), scopes);
  renderer.finish();
}

}  // namespace riskmap
