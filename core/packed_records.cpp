#include "packed_records.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <variant>

#include <fmt/format.h>

#include "error.hpp"
#include "temp_file.hpp"

namespace riskmap {

namespace {

enum Tag : char { unset = 0, text = 1, number = 2, list = 3 };

void put_size(std::string& out, std::size_t size) {
  const auto n = static_cast<std::uint32_t>(size);
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
}

void put_text(std::string& out, const std::string& text) {
  put_size(out, text.size());
  out += text;
}

struct Reader {
  const char* at;
  std::uint32_t size() {
    std::uint32_t n;
    std::memcpy(&n, at, sizeof n);
    at += sizeof n;
    return n;
  }
  void text(std::string& out) {
    const std::uint32_t n = size();
    out.assign(at, n);
    at += n;
  }
};

}  // namespace

PackedRecords::PackedRecords(std::size_t memory_budget) : budget_(memory_budget) {}

PackedRecords::~PackedRecords() {
  if (file_ >= 0) ::close(file_);
}

void PackedRecords::add(const Record& record) {
  buffer_.clear();
  put_text(buffer_, record.ref);
  buffer_.append(reinterpret_cast<const char*>(&record.derived), sizeof record.derived);
  put_size(buffer_, record.values.size());
  for (const Value& value : record.values) {
    if (const auto* s = std::get_if<std::string>(&value)) {
      buffer_ += Tag::text;
      put_text(buffer_, *s);
    } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
      buffer_ += Tag::number;
      buffer_.append(reinterpret_cast<const char*>(n), sizeof *n);
    } else if (const auto* items = std::get_if<std::vector<std::string>>(&value)) {
      buffer_ += Tag::list;
      put_size(buffer_, items->size());
      for (const auto& item : *items) put_text(buffer_, item);
    } else {
      buffer_ += Tag::unset;
    }
  }
  if (spilled()) {
    places_.push_back(file_size_ + pending_.size());
    pending_ += buffer_;
    if (pending_.size() >= chunk_size) write_out();
    return;
  }
  if (chunks_.empty() || used_ + buffer_.size() > chunk_sizes_.back()) {
    const std::size_t size = std::max(chunk_size, buffer_.size());
    if (!chunks_.empty()) chunk_used_.push_back(used_);
    chunks_.push_back(std::make_unique<char[]>(size));
    chunk_sizes_.push_back(size);
    held_ += size;
    used_ = 0;
  }
  std::memcpy(chunks_.back().get() + used_, buffer_.data(), buffer_.size());
  places_.push_back((static_cast<std::uint64_t>(chunks_.size() - 1) << 32) | used_);
  used_ += buffer_.size();
  if (held_ > budget_) spill();
}

void PackedRecords::spill() {
  const std::string folder = temporary_folder();
  file_ = open_unnamed_file(folder);
  if (file_ < 0)
    throw Error(fmt::format("cannot create a temporary file in {} for the records read: {}", folder,
                            std::strerror(errno)));
  // Chunk by chunk, in the order added; each record's place becomes its
  // offset in the file.
  std::vector<std::uint64_t> chunk_at;
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    chunk_at.push_back(file_size_ + pending_.size());
    pending_.append(chunks_[c].get(), c + 1 < chunks_.size() ? chunk_used_[c] : used_);
    if (pending_.size() >= chunk_size) write_out();
  }
  for (std::uint64_t& place : places_) place = chunk_at[place >> 32] + (place & 0xffffffffU);
  chunks_.clear();
  chunk_sizes_.clear();
  chunk_used_.clear();
  held_ = used_ = 0;
}

void PackedRecords::write_out() const {
  const char* at = pending_.data();
  std::size_t left = pending_.size();
  while (left > 0) {
    const ssize_t n = ::pwrite(file_, at, left, static_cast<off_t>(file_size_));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(fmt::format("cannot write the temporary file of the records read: {}",
                              std::strerror(errno)));
    }
    at += n;
    left -= static_cast<std::size_t>(n);
    file_size_ += static_cast<std::uint64_t>(n);
  }
  pending_.clear();
}

const char* PackedRecords::bytes(std::size_t i) const {
  const std::uint64_t place = places_[i];
  if (!spilled()) return chunks_[place >> 32].get() + (place & 0xffffffffU);
  if (!pending_.empty()) write_out();
  const std::uint64_t end = i + 1 < places_.size() ? places_[i + 1] : file_size_;
  if (place < window_at_ || end > window_at_ + window_.size()) {
    // A window from this record on: the next records read forward are in it.
    window_.resize(std::max<std::uint64_t>(end - place, window_bytes));
    std::size_t got = 0;
    while (got < window_.size()) {
      const ssize_t n = ::pread(file_, window_.data() + got, window_.size() - got,
                                static_cast<off_t>(place + got));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        throw Error(fmt::format("cannot read the temporary file of the records read: {}",
                                std::strerror(errno)));
      if (n == 0) break;  // the end of the file
      got += static_cast<std::size_t>(n);
    }
    window_.resize(got);
    window_at_ = place;
    if (end > window_at_ + window_.size())
      throw Error("the temporary file of the records read is shorter than written");
  }
  return window_.data() + (place - window_at_);
}

void PackedRecords::read(std::size_t i, Record& out) const {
  Reader in{bytes(i)};
  in.text(out.ref);
  std::memcpy(&out.derived, in.at, sizeof out.derived);
  in.at += sizeof out.derived;
  out.values.resize(in.size());
  for (Value& value : out.values) {
    const char tag = *in.at++;
    switch (tag) {
      case Tag::text: {
        auto* s = std::get_if<std::string>(&value);
        if (!s) s = &value.emplace<std::string>();
        in.text(*s);
        break;
      }
      case Tag::number: {
        std::int64_t n;
        std::memcpy(&n, in.at, sizeof n);
        in.at += sizeof n;
        value = n;
        break;
      }
      case Tag::list: {
        auto* items = std::get_if<std::vector<std::string>>(&value);
        if (!items) items = &value.emplace<std::vector<std::string>>();
        items->resize(in.size());
        for (auto& item : *items) in.text(item);
        break;
      }
      default:
        value = std::monostate{};
    }
  }
}

}  // namespace riskmap
