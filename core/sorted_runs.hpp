#pragma once
// Records (byte strings) given back in a caller's order without holding
// them all. They are packed one after another in memory; when a run's
// worth is held and another record comes, the run is sorted and written
// to an unnamed temporary file, and reading merges the sorted runs. A set
// that fits in one run is sorted in memory and touches no file.
//
// The file is made in $TMPDIR (else /tmp) with mode 0600 and has no name
// from the start (O_TMPFILE, else unlinked as soon as it is made): nobody
// else can read it, and it is gone when the set is destroyed, whatever
// ends the process.
//
// The order is the caller's `less` over records, with two helpers. A key,
// a number read from each record that orders records as `less` does as far
// as it goes, settles most comparisons without reading the records again.
// Groups (a small number, each record's read from it): a run is sorted by
// group, then in the order, so that the records can be read group by
// group, or across the groups in the order alone. Records of one group
// that the order finds equal come back in the order they were added.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap {

class SortedRuns {
 public:
  struct Order {
    bool (*less)(std::string_view, std::string_view);
    // Of a record that comes before another, at most the other's key; of
    // records with one key, `less` decides. Null: no key.
    std::uint64_t (*key)(std::string_view) = nullptr;
    std::size_t (*group)(std::string_view) = nullptr;  // from 0 to groups - 1
    std::size_t groups = 1;
  };
  using Visit = std::function<void(std::string_view)>;

  // Some 16 MB a run: large enough that a review of 100 000 scenarios needs
  // two, small enough that a million scenarios' worth stays flat in memory.
  static constexpr std::size_t default_run_bytes = std::size_t{16} << 20;

  explicit SortedRuns(Order order, std::size_t run_bytes = default_run_bytes);
  ~SortedRuns();
  SortedRuns(SortedRuns&&) noexcept;
  SortedRuns& operator=(SortedRuns&&) noexcept;
  SortedRuns(const SortedRuns&) = delete;
  SortedRuns& operator=(const SortedRuns&) = delete;

  // Adds one record, the concatenation of `parts`. Throws Error when the
  // temporary file cannot be made or written.
  void add(std::initializer_list<std::string_view> parts);
  std::size_t size() const { return size_; }

  // Every record in the order, across the groups. The view given lasts
  // until `visit` returns; `visit` adds nothing to the set.
  void for_each(const Visit& visit);
  // Group by group (0 first), each in the order.
  void for_each_by_group(const Visit& visit);

  // How many runs were written to the temporary file (0: none was made).
  std::size_t runs_on_file() const { return runs_.size(); }

 private:
  struct Entry {  // a record of the run in memory
    std::uint64_t key;
    const char* data;
    std::uint32_t size;
    std::uint32_t group;
  };
  // The run in memory is packed in blocks of some 1 MB, kept from run to
  // run: memory stays at one run's size, and nothing is copied as it grows.
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size = 0, used = 0;
  };
  struct Run {
    std::vector<std::uint64_t> bounds;  // where each group starts in the file, then the end
  };
  class Cursor;

  char* room_for(std::size_t bytes);
  void sort_run();
  void spill();
  void write(const char* data, std::size_t size);
  void merge(std::vector<Cursor>& cursors, const Visit& visit) const;
  bool before(std::uint64_t a_key, std::string_view a, std::uint64_t b_key,
              std::string_view b) const {
    return a_key != b_key ? a_key < b_key : order_.less(a, b);
  }
  std::uint64_t key_of(std::string_view record) const {
    return order_.key ? order_.key(record) : 0;
  }

  Order order_;
  std::size_t run_bytes_;
  std::size_t size_ = 0;

  std::vector<Block> blocks_;
  std::size_t block_ = 0;       // the block being filled
  std::size_t run_size_ = 0;    // bytes of the run in memory
  std::vector<Entry> entries_;  // of the run in memory, in the order added until sorted
  bool sorted_ = true;
  std::vector<Run> runs_;  // on file, in the order they were written
  int file_ = -1;          // the temporary file, once a run is written
  std::uint64_t file_size_ = 0;
};

}  // namespace riskmap
