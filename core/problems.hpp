#pragma once
// The problems found in a file (an import, a catalog): every one is counted
// and the first ones kept word for word, so that one message reports them all
// and the user fixes the file in one go.
#include <cstddef>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap {

class Problems {
 public:
  static constexpr std::size_t shown = 20;

  void add(std::string message) {
    if (messages_.size() < shown) messages_.push_back(std::move(message));
    ++count_;
  }
  std::size_t count() const { return count_; }
  // "<head>:" then the messages, one a line, then how many more.
  std::string text(const std::string& head) const {
    std::string text = head + ":";
    for (const auto& message : messages_) text += "\n  " + message;
    if (count_ > messages_.size())
      text += fmt::format("\n  ... and {} more", count_ - messages_.size());
    return text;
  }
  // Throws "source: N errors; nothing was imported:" and the messages.
  template <typename Failure = ContentError>
  void throw_if_any(const std::string& source) const {
    if (count_ == 0) return;
    throw Failure(text(fmt::format("{}: {} {}; nothing was imported", source, count_,
                                   count_ == 1 ? "error" : "errors")));
  }

 private:
  std::vector<std::string> messages_;
  std::size_t count_ = 0;
};

}  // namespace riskmap
