#pragma once
// Writes a zip archive (a DOCX is one) part by part with minizip: deflated,
// every entry dated 1980-01-01 so that the same parts give the same bytes.
#include <filesystem>
#include <string>
#include <string_view>

namespace riskmap::zip {

class Writer {
 public:
  // Creates or truncates `path`; throws Error naming `shown` (the file the
  // user asked for, when `path` is a staged copy of it; else `path`) when
  // it cannot, or when a write fails.
  explicit Writer(const std::filesystem::path& path, std::filesystem::path shown = {});
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer();  // an archive not closed is left incomplete
  void add(std::string_view name, std::string_view content);
  // Writes the central directory; throws Error when any write failed.
  void close();

 private:
  std::filesystem::path shown_;
  void* file_ = nullptr;
};

}  // namespace riskmap::zip
