#include "zip_writer.hpp"

#include <minizip/zip.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap::zip {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what) {
  throw Error(fmt::format("{}: cannot write: {}", path.string(), what));
}

// Why minizip failed: the system's reason when it left one (a full disk).
std::string reason(int error, std::string_view otherwise) {
  return error ? std::strerror(error) : std::string(otherwise);
}

}  // namespace

Writer::Writer(const std::filesystem::path& path, std::filesystem::path shown)
    : shown_(shown.empty() ? path : std::move(shown)) {
  errno = 0;
  file_ = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (!file_) fail(shown_, reason(errno, "cannot create the archive"));
}

Writer::~Writer() {
  if (file_) zipClose(static_cast<zipFile>(file_), nullptr);
}

void Writer::add(std::string_view name, std::string_view content) {
  zip_fileinfo info{};
  // 1980-01-01 00:00, the earliest date a zip entry holds.
  info.tmz_date.tm_year = 1980;
  info.tmz_date.tm_mday = 1;
  const std::string part(name);
  auto* file = static_cast<zipFile>(file_);
  errno = 0;
  if (zipOpenNewFileInZip64(file, part.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                            Z_DEFAULT_COMPRESSION, content.size() > 0xffffffffU ? 1 : 0) != ZIP_OK)
    fail(shown_, fmt::format("{} (part {})", reason(errno, "cannot add the part"), part));
  while (!content.empty()) {
    const auto chunk = static_cast<unsigned>(std::min<std::size_t>(content.size(), INT_MAX));
    if (zipWriteInFileInZip(file, content.data(), chunk) != ZIP_OK)
      fail(shown_, fmt::format("{} (part {})", reason(errno, "the write failed"), part));
    content.remove_prefix(chunk);
  }
  if (zipCloseFileInZip(file) != ZIP_OK)
    fail(shown_, fmt::format("{} (part {})", reason(errno, "cannot finish the part"), part));
}

void Writer::close() {
  auto* file = static_cast<zipFile>(file_);
  file_ = nullptr;
  errno = 0;
  if (zipClose(file, nullptr) != ZIP_OK)
    fail(shown_, reason(errno, "cannot finish the archive"));
}

}  // namespace riskmap::zip
