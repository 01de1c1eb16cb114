#pragma once
// Records of one kind held packed in memory: each record's ref, values and
// derived bits as bytes in large chunks, unpacked on reading. A scenario
// takes about its text's size (some 200 bytes) instead of a Record's
// (~1.2 KB: a 40-byte Value per field, whether set or not), so that a
// reader needing every record at hand, in any order, holds a large map.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "entity.hpp"

namespace riskmap {

class PackedRecords {
 public:
  void add(const Record& record);
  std::size_t size() const { return places_.size(); }
  bool empty() const { return places_.empty(); }
  // Record `i` (in the order added) into `out`, reusing its storage.
  void read(std::size_t i, Record& out) const;
  Record at(std::size_t i) const {
    Record out;
    read(i, out);
    return out;
  }

 private:
  static constexpr std::size_t chunk_size = std::size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<std::size_t> chunk_sizes_;  // capacity of each chunk
  std::size_t used_ = 0;                  // in the last chunk
  // Where each record starts: chunk index (high 32 bits), offset (low 32).
  std::vector<std::uint64_t> places_;
  std::string buffer_;  // the record being packed
};

}  // namespace riskmap
