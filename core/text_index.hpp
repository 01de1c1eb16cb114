#pragma once
// Distinct texts (refs, names) numbered in the order they were first
// added, for the lookups made on every record of a large map: open
// addressing over one array of slots, each with a text's hash and number,
// the texts' bytes one after another in one buffer. A lookup reads one
// slot and, on a hash match, compares bytes that stay in cache (the buffer
// of 100 000 refs is under a megabyte), where a set of strings would chase
// a pointer per text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap {

class TextIndex {
 public:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  // The text's number, or none.
  std::size_t find(std::string_view text) const;
  bool contains(std::string_view text) const { return find(text) != none; }
  // The text's number, adding it when it is new.
  std::size_t add(std::string_view text);

  std::size_t size() const { return ends_.size(); }
  // The text numbered `number`.
  std::string_view at(std::size_t number) const {
    const std::size_t begin = number == 0 ? 0 : ends_[number - 1];
    return std::string_view(bytes_).substr(begin, ends_[number] - begin);
  }

 private:
  struct Slot {
    std::size_t hash = 0;
    std::size_t number = none;  // none: an empty slot
  };
  std::size_t mask() const { return slots_.size() - 1; }
  void place(std::size_t hash, std::size_t number);

  std::string bytes_;
  std::vector<std::size_t> ends_;  // where each text ends in bytes_, by number
  std::vector<Slot> slots_;        // a power of two in size, at most half full
};

}  // namespace riskmap
