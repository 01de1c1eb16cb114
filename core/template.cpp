#include "template.hpp"

#include <fmt/format.h>

#include "escape.hpp"
#include "text.hpp"

namespace riskmap {

namespace mustache = kainjow::mustache;

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
  std::vector<const Tag*> open;
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
    // Standalone: only white space around the tag on its line (sections and comments).
    tag.line_begin = text_.rfind('\n', at == 0 ? 0 : at - 1);
    tag.line_begin = (tag.line_begin == std::string::npos || at == 0) ? 0 : tag.line_begin + 1;
    if (at > 0 && text_[at - 1] == '\n') tag.line_begin = at;
    tag.line_end = text_.find('\n', tag.end);
    tag.line_end = tag.line_end == std::string::npos ? text_.size() : tag.line_end + 1;
    const auto blank = [](std::string_view s) {
      return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
    };
    tag.standalone = std::string_view("#^/!").find(tag.kind) != std::string_view::npos &&
                     blank(std::string_view(text_).substr(tag.line_begin, at - tag.line_begin)) &&
                     blank(std::string_view(text_).substr(tag.end, tag.line_end - tag.end));
    tags_.push_back(tag);
    at = tag.end;
  }
  // Sections must nest.
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < tags_.size(); ++i) {
    const Tag& tag = tags_[i];
    if (tag.kind == '#' || tag.kind == '^') stack.push_back(i);
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

namespace {

void render_piece(const std::string& text, mustache::context<std::string>& context,
                  std::ostream& out) {
  if (text.empty()) return;
  mustache::mustache piece{text};
  piece.set_custom_escape([](const std::string& value) { return markdown_inline(value); });
  if (!piece.is_valid()) throw TemplateError(piece.error_message());
  piece.render(context, out);
}

}  // namespace

void Template::render(const ViewData& view, const ViewStreams& streams, std::ostream& out) const {
  mustache::context<std::string> context(&view);
  // Split at the top-level streamed sections: the text around them renders
  // with the view, their inside once per item.
  std::size_t from = 0, depth = 0;
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
    const std::size_t open_cut = tag.standalone ? tag.line_begin : tag.begin;
    const std::size_t inner_begin = tag.standalone ? tag.line_end : tag.end;
    const std::size_t inner_end = end.standalone ? end.line_begin : end.begin;
    const std::size_t after = end.standalone ? end.line_end : end.end;
    render_piece(text_.substr(from, open_cut - from), context, out);
    mustache::mustache inner{text_.substr(inner_begin, inner_end - inner_begin)};
    inner.set_custom_escape([](const std::string& value) { return markdown_inline(value); });
    if (!inner.is_valid())
      throw TemplateError(fmt::format("{}:{}: {}", name_, tag.line, inner.error_message()));
    stream->second([&](const ViewData& item) {
      context.push(&item);
      inner.render(context, out);
      context.pop();
    });
    from = after;
    i = close;
    --depth;
  }
  render_piece(text_.substr(from), context, out);
}

}  // namespace riskmap
