#include "text_index.hpp"

#include <algorithm>
#include <functional>

namespace riskmap {

std::size_t TextIndex::find(std::string_view text) const {
  if (slots_.empty()) return none;
  const std::size_t hash = std::hash<std::string_view>{}(text);
  for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
    const Slot& slot = slots_[at];
    if (slot.number == none) return none;
    if (slot.hash == hash && this->at(slot.number) == text) return slot.number;
  }
}

std::size_t TextIndex::add(std::string_view text) {
  if (const std::size_t found = find(text); found != none) return found;
  if (2 * (size() + 1) > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, 2 * old.size()), Slot{});
    for (const Slot& slot : old)
      if (slot.number != none) place(slot.hash, slot.number);
  }
  bytes_ += text;
  ends_.push_back(bytes_.size());
  place(std::hash<std::string_view>{}(text), size() - 1);
  return size() - 1;
}

void TextIndex::place(std::size_t hash, std::size_t number) {
  std::size_t at = hash & mask();
  while (slots_[at].number != none) at = (at + 1) & mask();
  slots_[at] = {hash, number};
}

}  // namespace riskmap
