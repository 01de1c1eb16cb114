#pragma once
// The parts of a zip archive (an XLSX workbook is one), read with minizip
// from a file or from bytes in memory, each part inflated chunk by chunk.
// An archive is untrusted: a part inflating past a cap (a zip bomb), a CRC
// that does not match, a truncated archive, are ContentErrors naming the
// file and the part.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap::zip {

// What a part may inflate to, at most.
inline constexpr std::uint64_t part_cap = std::uint64_t{256} << 20;

// Where an archive's bytes are: a file, or bytes in memory. Copies share
// the bytes; each open part reads through an archive handle of its own.
class Archive {
 public:
  // Throws ContentError "source: ..." unless the file is a zip archive
  // whose central directory can be read.
  static Archive open_file(const std::string& path, std::string source);
  static Archive open_bytes(std::string bytes, std::string source);

  const std::string& source() const { return source_; }
  // Whether the archive holds a part of that name (case aside, as OPC
  // compares part names).
  bool has(std::string_view part) const;

  // The parts' names, in the archive's order.
  std::vector<std::string> names() const;
  // A whole part, inflated (up to part_cap).
  std::string read(std::string_view part) const;

  class Part;
  // Opens a part to read; throws ContentError when it is missing or cannot
  // be inflated.
  Part open(std::string_view part) const;

 private:
  Archive() = default;
  struct Handle;
  // A new minizip handle on the archive; throws ContentError.
  std::unique_ptr<Handle> handle() const;
  std::string source_;
  std::string path_;                          // a file, or
  std::shared_ptr<const std::string> bytes_;  // bytes in memory
};

// One part being inflated.
class Archive::Part {
 public:
  Part(Part&&) noexcept;
  Part& operator=(Part&&) noexcept;
  ~Part();
  // Inflates up to `size` bytes into `buffer`; 0 at the end, once the CRC
  // is checked. Throws ContentError for a corrupt part or one past part_cap.
  std::size_t read(char* buffer, std::size_t size);
  const std::string& name() const { return name_; }

 private:
  friend class Archive;
  Part(std::unique_ptr<Handle> handle, std::string name, std::string source);
  std::unique_ptr<Handle> handle_;
  std::string name_, source_;
  std::uint64_t inflated_ = 0;
  bool ended_ = false;
};

}  // namespace riskmap::zip
