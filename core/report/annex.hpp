#pragma once
// The annex of a document: where every list that the body cuts short is
// given in full. The body names the first items, then how many more and
// that the annex holds them ("et 12 autres, voir l’annexe"); the annex, a
// section at the end of the same document, lists them all. Nothing is cut
// without saying so and without the whole list in the document.
#include <string>
#include <vector>

#include "template.hpp"
#include "wording.hpp"

namespace riskmap {

class Annex {
 public:
  explicit Annex(Lang lang) : lang_(lang) {}

  // The text of `items` for the body: all of them when they are `shown` or
  // fewer; else the first `shown`, how many more and a pointer to the
  // annex, which then holds the whole list under `ref` and `what` (what the
  // list is, e.g. "Risques visés").
  std::string list(const std::vector<std::string>& items, std::size_t shown, const std::string& ref,
                   const std::string& what, std::string_view separator = ", ") {
    if (items.size() <= shown) return join(items, separator);
    entries_.push_back({ref, what, join(items, separator)});
    return wording::cut_list(items, shown, lang_, see(), separator);
  }

  // "l’annexe" / "the annex": where a cut list points to.
  std::string see() const { return lang_ == Lang::fr ? "l’annexe" : "the annex"; }

  bool empty() const { return entries_.empty(); }

  // Sets has_annex and annex (a list of ref, what, items) on `view`.
  void set(ViewData& view) const {
    ViewData list{ViewData::type::list};
    for (const Entry& e : entries_) {
      ViewData item;
      item.set("ref", e.ref);
      item.set("what", e.what);
      item.set("items", e.items);
      list.push_back(item);
    }
    view.set("has_annex", !entries_.empty());
    view.set("annex", list);
  }

  // The names set() gives a view, for a deliverable's schema.
  static void add_schema(ViewSchema& schema) {
    schema.names["has_annex"] = {};
    schema.names["annex"] = ViewSchema{{"ref", {}}, {"what", {}}, {"items", {}}};
  }

 private:
  struct Entry {
    std::string ref, what, items;
  };
  Lang lang_;
  std::vector<Entry> entries_;
};

}  // namespace riskmap
