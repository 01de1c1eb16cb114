#pragma once
// Files written so that a reader never sees half of one.
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace riskmap {

std::string read_file(const std::filesystem::path& path);
// Writes a file atomically: a temporary file beside it, then a rename.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// A file written through a stream, put in place by commit(); dropped if the
// object goes away uncommitted.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();
  std::ostream& stream() { return out_; }
  void commit();

 private:
  std::filesystem::path path_, temporary_;
  std::ofstream out_;
  bool done_ = false;
};

}  // namespace riskmap
