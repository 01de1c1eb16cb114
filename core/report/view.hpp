#pragma once
// Views kept from one row to the next. A row is rebuilt for every scenario,
// and kainjow's set() and push_back() copy what they are given: with
// 100 000 scenarios, building the views would cost more than rendering
// them. So one row is kept and its values are overwritten in place, reusing
// their storage. The objects are not const; kainjow only hands out const
// access to them.
#include <string>
#include <string_view>

#include "template.hpp"

namespace riskmap {

// The child `name` of `object`, made with `type` if missing.
ViewData& child(ViewData& object, const std::string& name, ViewData::type type);
void assign(ViewData& object, const std::string& name, std::string_view value);
void flag(ViewData& object, const std::string& name, bool value);
// A value a template tests with a section: false when empty, so that
// {{#name}}…{{/name}} leaves an unset field out.
void assign_optional(ViewData& object, const std::string& name, std::string_view value);
// The items of a list, resized to `size` (new items are empty objects).
kainjow::mustache::list& items(ViewData& list, std::size_t size);

}  // namespace riskmap
