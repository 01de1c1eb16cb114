#include "packed_records.hpp"

#include <algorithm>
#include <cstring>
#include <variant>

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
  if (chunks_.empty() || used_ + buffer_.size() > chunk_sizes_.back()) {
    const std::size_t size = std::max(chunk_size, buffer_.size());
    chunks_.push_back(std::make_unique<char[]>(size));
    chunk_sizes_.push_back(size);
    used_ = 0;
  }
  std::memcpy(chunks_.back().get() + used_, buffer_.data(), buffer_.size());
  places_.push_back((static_cast<std::uint64_t>(chunks_.size() - 1) << 32) | used_);
  used_ += buffer_.size();
}

void PackedRecords::read(std::size_t i, Record& out) const {
  const std::uint64_t place = places_[i];
  Reader in{chunks_[place >> 32].get() + (place & 0xffffffffU)};
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
