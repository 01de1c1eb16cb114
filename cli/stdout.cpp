#include "stdout.hpp"

#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <streambuf>
#include <string>
#include <utility>

namespace riskmap::cli {

namespace {

class CheckedBuffer : public std::streambuf {
 public:
  CheckedBuffer() { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }
  void hold() {
    sync();
    holding_ = true;
  }
  std::string release() {
    sync();
    holding_ = false;
    std::string held = std::move(held_);
    held_.clear();
    return held;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  // Writes what is buffered (or keeps it, when holding); false (with the
  // reason kept) when it cannot.
  bool drain() {
    if (holding_) {
      held_.append(pbase(), pptr());
      setp(buffer_, buffer_ + sizeof buffer_);
      return true;
    }
    const char* at = pbase();
    while (at < pptr()) {
      const ssize_t written = ::write(STDOUT_FILENO, at, static_cast<std::size_t>(pptr() - at));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        error_ = written < 0 ? errno : 0;
        setp(buffer_, buffer_ + sizeof buffer_);  // what could not go is dropped
        return false;
      }
      at += written;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return true;
  }

  char buffer_[1 << 16];
  int error_ = 0;
  bool holding_ = false;
  std::string held_;
};

// Never destroyed: std::cout is flushed at exit, after function statics go.
CheckedBuffer& buffer() {
  static auto* instance = new CheckedBuffer;
  return *instance;
}

}  // namespace

void use_checked_stdout() {
  std::cout.rdbuf(&buffer());
}

int stdout_error() {
  return buffer().error();
}

void hold_stdout() {
  buffer().hold();
}

std::string release_stdout() {
  return buffer().release();
}

}  // namespace riskmap::cli
