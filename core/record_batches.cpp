#include "record_batches.hpp"

#include <bit>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>
#include <system_error>

#include <fmt/format.h>

namespace riskmap {

// Whether a ref may be in a set of refs, in one memory access: never wrong
// when it says no. A Bloom filter split in blocks of one cache line: a ref
// sets one bit in each of the eight words of the block its hash picks.
// With 64 bits a ref, fewer than one ref in a million that is not there
// gets a "may be", each of which costs a lookup in the table, waiting for
// the batch being written. Its memory is the system's zeroed pages, taken
// as they are first touched: a small import touches few.
class RecordBatches::Filter {
 public:
  explicit Filter(std::size_t bytes)
      : words_(std::bit_ceil(bytes / sizeof(std::uint64_t))),
        bits_(static_cast<std::uint64_t*>(std::calloc(words_, sizeof(std::uint64_t)))) {
    if (!bits_) throw std::bad_alloc();
  }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  void add(std::string_view ref) {
    visit(ref, [](std::uint64_t& word, std::uint64_t bit) {
      word |= bit;
      return true;
    });
  }
  bool may_hold(std::string_view ref) const {
    return const_cast<Filter*>(this)->visit(
        ref, [](std::uint64_t& word, std::uint64_t bit) { return (word & bit) != 0; });
  }
  void clear() { std::memset(bits_.get(), 0, words_ * sizeof(std::uint64_t)); }

 private:
  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
  }
  // Calls `bit` for each of the eight (word, bit) of `ref` while it returns true.
  template <typename Bit>
  bool visit(std::string_view ref, Bit&& bit) {
    const std::uint64_t hash = std::hash<std::string_view>{}(ref);
    std::uint64_t* block = bits_.get() + (hash & (words_ / 8 - 1)) * 8;
    std::uint64_t bits = mix(hash);
    for (int i = 0; i < 8; ++i) {
      if (i == 5) bits = mix(bits ^ hash);  // 6 bits a word, from two mixes
      if (!bit(block[i], std::uint64_t{1} << (bits & 63))) return false;
      bits >>= 6;
    }
    return true;
  }

  struct Free {
    void operator()(std::uint64_t* bits) const { std::free(bits); }
  };
  std::size_t words_;
  std::unique_ptr<std::uint64_t[], Free> bits_;
};

namespace {

// The table's columns, and the batch's that fill them: c0 (the ref), c1...
std::string insert_sql(const EntityKind& kind) {
  std::string columns = "ref", cells = "c0";
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    columns += fmt::format(", \"{}\"", kind.fields[i].name);
    cells += fmt::format(", c{}", i + 1);
  }
  // OR FAIL: no statement journal (the rows are new, checked before they
  // are held; an error fails the whole import anyway).
  return fmt::format("INSERT OR FAIL INTO {} ({}) SELECT {} FROM riskmap_rows(?)", kind.name,
                     columns, cells);
}

}  // namespace

RecordBatches::RecordBatches(Database& db, const EntityKind& kind, AddedRows& added,
                             std::size_t bytes)
    : added_(added),
      bytes_(bytes),
      insert_(db.prepare(insert_sql(kind))),
      filling_(std::make_unique<RowBatch>(kind.fields.size() + 1)),
      writing_(std::make_unique<RowBatch>(kind.fields.size() + 1)),
      holds_(std::make_unique<Filter>(std::size_t{1} << 20)) {  // ~100 000 refs a batch
  if (!db.prepare(fmt::format("SELECT 1 FROM {} LIMIT 1", kind.name)).step())
    held_ = std::make_unique<Filter>(std::size_t{16} << 20);  // two million refs
}

RecordBatches::~RecordBatches() {
  if (write_.valid()) write_.wait();
}

void RecordBatches::held(std::string_view ref) {
  holds_->add(ref);
  if (held_) held_->add(ref);
  if (filling_->bytes() >= bytes_) write();
}

bool RecordBatches::may_hold(std::string_view ref) const {
  return holds_->may_hold(ref);
}

bool RecordBatches::is_new(std::string_view ref) const {
  return held_ && !held_->may_hold(ref);
}

void RecordBatches::write() {
  settle();
  if (filling_->empty()) return;
  std::swap(filling_, writing_);
  filling_->clear();
  holds_->clear();
  try {
    write_ = std::async(std::launch::async, [this] { write_batch(); });
  } catch (const std::system_error&) {
    write_batch();  // no thread to be had: written here, then
  }
}

void RecordBatches::write_batch() {
  RowBatch& rows = *writing_;
  rows.set_order(RowBatch::Order::key);
  rows.bind(insert_, 1);
  insert_.run();
  added_.keep(rows);
}

void RecordBatches::settle() {
  if (write_.valid()) write_.get();
}

}  // namespace riskmap
