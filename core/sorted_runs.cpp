#include "sorted_runs.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "error.hpp"
#include "temp_file.hpp"

namespace riskmap {

namespace {

using Length = std::uint32_t;  // before each record in the file

[[noreturn]] void fail(std::string_view what, const std::string& folder, int error) {
  throw Error(
      fmt::format("cannot {} a temporary file in {}: {}", what, folder, std::strerror(error)));
}

}  // namespace

// Reads one sorted stretch of records: of the run in memory (entries), or
// of a run on file (bytes), through a buffer of its own.
class SortedRuns::Cursor {
 public:
  // Entries first to last of the run in memory.
  static Cursor in_memory(const SortedRuns& owner, std::size_t first, std::size_t last) {
    Cursor cursor(owner);
    cursor.next_ = first;
    cursor.end_ = last;
    return cursor;
  }
  // Bytes begin to end of the file, read 64 KB at a time.
  static Cursor on_file(const SortedRuns& owner, std::uint64_t begin, std::uint64_t end) {
    Cursor cursor(owner);
    cursor.on_file_ = true;
    cursor.offset_ = begin;
    cursor.file_end_ = end;
    cursor.buffer_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(end - begin, 1 << 16)));
    return cursor;
  }

  // Moves to the next record; false past the last one.
  bool advance() {
    if (!on_file_) {
      if (next_ == end_) return false;
      const Entry& entry = owner_->entries_[next_++];
      current_ = std::string_view(entry.data, entry.size);
      key_ = entry.key;
      return true;
    }
    if (!fill(sizeof(Length))) return false;
    Length length;
    std::memcpy(&length, buffer_.data() + at_, sizeof length);
    if (!fill(sizeof(Length) + length)) fail("read", temporary_folder(), EIO);
    current_ = std::string_view(buffer_.data() + at_ + sizeof(Length), length);
    key_ = owner_->key_of(current_);
    at_ += sizeof(Length) + length;
    return true;
  }
  std::string_view current() const { return current_; }
  std::uint64_t key() const { return key_; }

 private:
  // At least `bytes` unread in the buffer; false when the stretch ends first.
  bool fill(std::size_t bytes) {
    if (filled_ - at_ >= bytes) return true;
    std::memmove(buffer_.data(), buffer_.data() + at_, filled_ - at_);
    filled_ -= at_;
    at_ = 0;
    if (buffer_.size() < bytes) buffer_.resize(std::max(bytes, 2 * buffer_.size()));
    while (filled_ < bytes && offset_ < file_end_) {
      const auto wanted = static_cast<std::size_t>(
          std::min<std::uint64_t>(buffer_.size() - filled_, file_end_ - offset_));
      const ssize_t got =
          ::pread(owner_->file_, buffer_.data() + filled_, wanted, static_cast<off_t>(offset_));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) fail("read", temporary_folder(), got < 0 ? errno : EIO);
      filled_ += static_cast<std::size_t>(got);
      offset_ += static_cast<std::uint64_t>(got);
    }
    return filled_ - at_ >= bytes;
  }

  explicit Cursor(const SortedRuns& owner) : owner_(&owner) {}

  const SortedRuns* owner_;
  bool on_file_ = false;
  std::string_view current_;
  std::uint64_t key_ = 0;
  std::size_t next_ = 0, end_ = 0;           // in memory: entries
  std::uint64_t offset_ = 0, file_end_ = 0;  // on file: what is left to read
  std::vector<char> buffer_;
  std::size_t at_ = 0, filled_ = 0;
};

SortedRuns::SortedRuns(Order order, std::size_t run_bytes) : order_(order), run_bytes_(run_bytes) {}

SortedRuns::~SortedRuns() {
  if (file_ >= 0) ::close(file_);
}

SortedRuns::SortedRuns(SortedRuns&& other) noexcept
    : order_(other.order_),
      run_bytes_(other.run_bytes_),
      size_(other.size_),
      blocks_(std::move(other.blocks_)),
      block_(other.block_),
      run_size_(other.run_size_),
      entries_(std::move(other.entries_)),
      sorted_(other.sorted_),
      runs_(std::move(other.runs_)),
      file_(std::exchange(other.file_, -1)),
      file_size_(other.file_size_) {}

SortedRuns& SortedRuns::operator=(SortedRuns&& other) noexcept {
  if (this != &other) {
    if (file_ >= 0) ::close(file_);
    order_ = other.order_;
    run_bytes_ = other.run_bytes_;
    size_ = other.size_;
    blocks_ = std::move(other.blocks_);
    block_ = other.block_;
    run_size_ = other.run_size_;
    entries_ = std::move(other.entries_);
    sorted_ = other.sorted_;
    runs_ = std::move(other.runs_);
    file_ = std::exchange(other.file_, -1);
    file_size_ = other.file_size_;
  }
  return *this;
}

char* SortedRuns::room_for(std::size_t bytes) {
  const std::size_t block_bytes = std::min(run_bytes_, std::size_t{1} << 20);
  if (!blocks_.empty() && blocks_[block_].size - blocks_[block_].used < bytes) ++block_;
  if (block_ == blocks_.size()) blocks_.emplace_back();
  Block& block = blocks_[block_];
  if (block.size - block.used < bytes) {  // a new block, or one too small for this record
    block.size = std::max(bytes, block_bytes);
    block.data = std::make_unique_for_overwrite<char[]>(block.size);
    block.used = 0;
  }
  char* room = block.data.get() + block.used;
  block.used += bytes;
  return room;
}

void SortedRuns::add(std::initializer_list<std::string_view> parts) {
  std::size_t bytes = 0;
  for (const auto part : parts) bytes += part.size();
  if (bytes > std::numeric_limits<std::uint32_t>::max())
    throw Error(fmt::format("a record of {} bytes is too large to sort", bytes));
  if (!entries_.empty() && run_size_ + bytes > run_bytes_) spill();
  char* const data = room_for(bytes);
  char* at = data;
  for (const auto part : parts) {
    if (!part.empty()) std::memcpy(at, part.data(), part.size());
    at += part.size();
  }
  const std::string_view record(data, bytes);
  const std::size_t group = order_.groups > 1 ? order_.group(record) : 0;
  if (group >= order_.groups) throw std::out_of_range("a record's group is out of range");
  entries_.push_back(
      {key_of(record), data, static_cast<std::uint32_t>(bytes), static_cast<std::uint32_t>(group)});
  run_size_ += bytes;
  sorted_ = entries_.size() == 1;
  ++size_;
}

void SortedRuns::sort_run() {
  if (sorted_) return;
  // Stable: records that compare equal stay in the order they were added.
  std::stable_sort(entries_.begin(), entries_.end(), [this](const Entry& a, const Entry& b) {
    if (a.group != b.group) return a.group < b.group;
    return before(a.key, std::string_view(a.data, a.size), b.key, std::string_view(b.data, b.size));
  });
  sorted_ = true;
}

void SortedRuns::write(const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t put = ::pwrite(file_, data, size, static_cast<off_t>(file_size_));
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) fail("write", temporary_folder(), put < 0 ? errno : EIO);
    data += put;
    size -= static_cast<std::size_t>(put);
    file_size_ += static_cast<std::uint64_t>(put);
  }
}

void SortedRuns::spill() {
  if (file_ < 0) {
    const std::string folder = temporary_folder();
    file_ = open_unnamed_file(folder);
    if (file_ < 0) fail("make", folder, errno);
  }
  sort_run();
  Run run;
  run.bounds.assign(order_.groups + 1, 0);
  // Each record's length, then the record, copied into one buffer of some
  // 1 MB per write.
  std::string out;
  out.reserve(std::size_t{1} << 20);
  std::size_t group = 0;
  run.bounds[0] = file_size_;
  for (const Entry& entry : entries_) {
    while (group < entry.group) run.bounds[++group] = file_size_ + out.size();
    const std::size_t bytes = sizeof(Length) + entry.size;
    if (out.size() + bytes > out.capacity() && !out.empty()) {
      write(out.data(), out.size());
      out.clear();
    }
    const Length length = entry.size;
    out.append(reinterpret_cast<const char*>(&length), sizeof length);
    out.append(entry.data, entry.size);
  }
  write(out.data(), out.size());
  while (group < order_.groups) run.bounds[++group] = file_size_;
  runs_.push_back(std::move(run));
  for (Block& block : blocks_) block.used = 0;
  block_ = 0;
  run_size_ = 0;
  entries_.clear();
  sorted_ = true;
}

void SortedRuns::merge(std::vector<Cursor>& cursors, const Visit& visit) const {
  std::vector<std::size_t> heap;
  for (std::size_t i = 0; i < cursors.size(); ++i)
    if (cursors[i].advance()) heap.push_back(i);
  if (heap.size() == 1) {
    Cursor& only = cursors[heap.front()];
    do visit(only.current());
    while (only.advance());
    return;
  }
  // A cursor comes after another when its record does, or on a tie when it
  // comes later in `cursors` (a later run, or a later group of one run).
  const auto after = [&](std::size_t a, std::size_t b) {
    const Cursor &x = cursors[a], &y = cursors[b];
    if (before(y.key(), y.current(), x.key(), x.current())) return true;
    if (before(x.key(), x.current(), y.key(), y.current())) return false;
    return a > b;
  };
  std::make_heap(heap.begin(), heap.end(), after);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    Cursor& first = cursors[heap.back()];
    visit(first.current());
    if (first.advance())
      std::push_heap(heap.begin(), heap.end(), after);
    else
      heap.pop_back();
  }
}

void SortedRuns::for_each(const Visit& visit) {
  sort_run();
  std::vector<Cursor> cursors;
  for (const Run& run : runs_)
    for (std::size_t g = 0; g < order_.groups; ++g)
      if (run.bounds[g] < run.bounds[g + 1])
        cursors.push_back(Cursor::on_file(*this, run.bounds[g], run.bounds[g + 1]));
  for (std::size_t first = 0; first < entries_.size();) {
    std::size_t last = first;
    while (last < entries_.size() && entries_[last].group == entries_[first].group) ++last;
    cursors.push_back(Cursor::in_memory(*this, first, last));
    first = last;
  }
  merge(cursors, visit);
}

void SortedRuns::for_each_by_group(const Visit& visit) {
  sort_run();
  std::size_t first = 0;
  for (std::size_t g = 0; g < order_.groups; ++g) {
    std::vector<Cursor> cursors;
    for (const Run& run : runs_)
      if (run.bounds[g] < run.bounds[g + 1])
        cursors.push_back(Cursor::on_file(*this, run.bounds[g], run.bounds[g + 1]));
    std::size_t last = first;
    while (last < entries_.size() && entries_[last].group == g) ++last;
    if (first < last) cursors.push_back(Cursor::in_memory(*this, first, last));
    first = last;
    merge(cursors, visit);
  }
}

}  // namespace riskmap
