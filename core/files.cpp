#include "files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  // A folder opens as a stream that reads nothing: say what it is instead.
  std::error_code ignored;
  if (fs::is_directory(path, ignored))
    throw Error(fmt::format("{}: is a folder, not a file", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

AtomicFile::AtomicFile(fs::path path) : path_(std::move(path)) {
  temporary_ = path_;
  temporary_ += fmt::format(".tmp-{}", ::getpid());
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw Error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
}

AtomicFile::~AtomicFile() {
  if (done_) return;
  out_.close();
  std::error_code ignored;
  fs::remove(temporary_, ignored);
}

void AtomicFile::commit() {
  out_.flush();
  if (!out_) throw Error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
  out_.close();
  std::error_code error;
  fs::rename(temporary_, path_, error);
  if (error) throw Error(fmt::format("{}: cannot write: {}", path_.string(), error.message()));
  done_ = true;
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  AtomicFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace riskmap
