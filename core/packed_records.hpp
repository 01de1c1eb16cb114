#pragma once
// Records of one kind held packed: each record's ref, values and derived
// bits as bytes, unpacked on reading. A scenario takes about its text's size
// (some 300 bytes) instead of a Record's (~1.2 KB: a 40-byte Value per
// field, whether set or not), so that a reader needing every record at
// hand, in any order, holds a large map. Past `memory_budget` bytes the
// records go to an unlinked temporary file (mode 0600, in $TMPDIR or /tmp)
// and are read back through a window of the file: records read in the
// order added, or in any order that moves forward, cost one read a window.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "entity.hpp"

namespace riskmap {

class PackedRecords {
 public:
  static constexpr std::size_t default_budget = std::size_t{64} << 20;

  explicit PackedRecords(std::size_t memory_budget = default_budget);
  PackedRecords(const PackedRecords&) = delete;
  PackedRecords& operator=(const PackedRecords&) = delete;
  ~PackedRecords();

  void add(const Record& record);
  std::size_t size() const { return places_.size(); }
  bool empty() const { return places_.empty(); }
  // Whether the records went to the temporary file.
  bool spilled() const { return file_ >= 0; }
  // Record `i` (in the order added) into `out`, reusing its storage.
  void read(std::size_t i, Record& out) const;
  Record at(std::size_t i) const {
    Record out;
    read(i, out);
    return out;
  }

 private:
  static constexpr std::size_t chunk_size = std::size_t{1} << 20;
  static constexpr std::size_t window_bytes = std::size_t{256} << 10;
  void spill();
  void write_out() const;  // the bytes added since the last write, to the file
  const char* bytes(std::size_t i) const;

  std::size_t budget_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<std::size_t> chunk_sizes_;  // capacity of each chunk
  std::vector<std::size_t> chunk_used_;   // bytes used in each chunk but the last
  std::size_t used_ = 0;                  // in the last chunk
  std::size_t held_ = 0;                  // bytes in all chunks
  // In memory: where each record starts, chunk index (high 32 bits) and
  // offset (low 32). Spilled: its offset in the file; a record ends where
  // the next one starts.
  std::vector<std::uint64_t> places_;
  std::string buffer_;  // the record being packed
  int file_ = -1;
  mutable std::string pending_;  // added, not yet in the file
  mutable std::uint64_t file_size_ = 0;
  mutable std::string window_;  // bytes of the file from window_at_
  mutable std::uint64_t window_at_ = 0;
};

}  // namespace riskmap
