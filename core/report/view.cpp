#include "view.hpp"

namespace riskmap {

ViewData& child(ViewData& object, const std::string& name, ViewData::type type) {
  const ViewData* at = object.get(name);
  if (!at) {
    object.set(name, ViewData(type));
    at = object.get(name);
  }
  return const_cast<ViewData&>(*at);
}
void assign(ViewData& object, const std::string& name, std::string_view value) {
  ViewData& at = child(object, name, ViewData::type::string);
  if (!at.is_string()) at = ViewData(ViewData::type::string);
  const_cast<std::string&>(at.string_value()).assign(value);
}
void flag(ViewData& object, const std::string& name, bool value) {
  child(object, name, ViewData::type::bool_false) = ViewData(value);
}
void assign_optional(ViewData& object, const std::string& name, std::string_view value) {
  if (value.empty())
    flag(object, name, false);
  else
    assign(object, name, value);
}
kainjow::mustache::list& items(ViewData& list, std::size_t size) {
  auto& vector = const_cast<kainjow::mustache::list&>(list.list_value());
  vector.resize(size);
  return vector;
}

}  // namespace riskmap
