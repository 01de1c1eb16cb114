// A user template of arbitrary bytes: it is parsed, checked against each
// deliverable's schema, and where the check passes rendered over a small
// fixed view built from that schema. It must be refused with a
// TemplateError or render, never crash, hang or recurse without bound; and
// it must render exactly as kainjow-mustache renders it, whose rules the
// renderer follows (kainjow only ever sees a template riskmap accepted: its
// own parser recurses once per nested section).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "escape.hpp"
#include "report/deliverable.hpp"
#include "template.hpp"

namespace {

using riskmap::ViewData;
using riskmap::ViewSchema;

struct Target {
  ViewSchema schema;
  std::vector<std::string> streamed;
  ViewData view;  // streamed sections included, as lists
  ViewData rest;  // streamed sections left out
  riskmap::ViewStreams streams;
};

// A value of every kind a view holds, picked by the name so that the view is
// the same for every input: text that needs escaping, an empty text, true,
// false; for a section, a list of two items, an empty list or one object;
// `listed`: a list of two items, as a stream yields them here.
ViewData value_for(const std::string& name, const ViewSchema& schema, int depth,
                   bool listed = false) {
  const std::size_t pick = std::hash<std::string>{}(name);
  if ((schema.names.empty() && !listed) || depth > 4) {
    switch (pick % 4) {
      case 0:
        return ViewData(false);
      case 1:
        return ViewData(true);
      case 2:
        return ViewData(std::string());
      default:
        return ViewData(name + " | *x* <y> 1. - \\ `z`\r\nnext");
    }
  }
  const auto object = [&](int item) {
    ViewData out(ViewData::type::object);
    for (const auto& [child, grandchildren] : schema.names)
      out.set(child, value_for(child + std::to_string(item), grandchildren, depth + 1));
    return out;
  };
  switch (listed ? 2 : pick % 5) {
    case 0:
      return ViewData(ViewData::type::list);
    case 1:
      return object(0);
    default: {
      ViewData list(ViewData::type::list);
      list.push_back(object(1));
      list.push_back(object(2));
      return list;
    }
  }
}

std::vector<Target> make_targets() {
  std::vector<Target> out;
  for (const auto& d : {riskmap::register_deliverable(), riskmap::heatmap_deliverable(),
                        riskmap::scenarios_deliverable(), riskmap::summary_deliverable(),
                        riskmap::method_deliverable(), riskmap::training_deliverable(),
                        riskmap::training_owners_deliverable(),
                        riskmap::action_plan_deliverable(), riskmap::soa_deliverable(),
                        riskmap::compliance_deliverable(), riskmap::ecosystem_deliverable(),
                        riskmap::continuity_deliverable(), riskmap::recommendations_deliverable(),
                        riskmap::evolution_deliverable(), riskmap::review_deliverable()}) {
    Target t;
    t.schema = riskmap::ReportContext::common_schema();
    for (const auto& [name, child] : d.schema.names) t.schema.names[name] = child;
    t.streamed = d.streamed;
    t.view = ViewData(ViewData::type::object);
    t.rest = ViewData(ViewData::type::object);
    for (const auto& [name, child] : t.schema.names) {
      bool streamed = false;
      for (const auto& s : t.streamed) streamed = streamed || s == name;
      ViewData value = value_for(name, child, 0, streamed);
      if (streamed) {
        t.streams[name] = [items = value](const auto& emit) {
          for (const auto& item : items.list_value()) emit(item);
        };
      } else {
        t.rest.set(name, value);
      }
      t.view.set(name, value);
    }
    out.push_back(std::move(t));
  }
  return out;
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = make_targets();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::optional<riskmap::Template> parsed;
  try {
    parsed.emplace("fuzz.md", text);
  } catch (const riskmap::TemplateError&) {
    return 0;
  }
  // Every item of a section renders what it holds: sections nested over
  // lists of two items render 2^depth times. Deep ones are parsed and
  // checked, and rendered only when that stays small.
  std::size_t depth = 0, deepest = 0;
  for (auto at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
    const char kind = at + 2 < text.size() ? text[at + 2] : ' ';
    if (kind == '#' || kind == '^') deepest = std::max(deepest, ++depth);
    if (kind == '/' && depth > 0) --depth;
  }
  const bool small = deepest <= 8;
  for (const Target& t : targets()) {
    try {
      parsed->check(t.schema, t.streamed);
    } catch (const riskmap::TemplateError&) {
      continue;
    }
    if (!small) continue;
    std::ostringstream whole, streamed;
    parsed->render(t.view, {}, whole);
    parsed->render(t.rest, t.streams, streamed);

    kainjow::mustache::mustache reference{text};
    reference.set_custom_escape(
        [](const std::string& value) { return riskmap::markdown_inline(value); });
    if (!reference.is_valid()) __builtin_trap();  // accepted here, refused there
    if (reference.render(t.view) != whole.str()) __builtin_trap();
    // Streamed sections render item by item, to the same bytes. (A stream
    // that yields nothing drops the lines of its tags, as it always has,
    // where an empty list leaves them blank: the streams here yield items.)
    if (streamed.str() != whole.str()) __builtin_trap();
  }
  return 0;
}
