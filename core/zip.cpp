#include "zip.hpp"

#include <minizip/unzip.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap::zip {

struct Archive::Handle {
  unzFile file = nullptr;
  bool part_open = false;
  ~Handle() {
    if (part_open) unzCloseCurrentFile(file);
    if (file) unzClose(file);
  }
};

namespace {

// minizip's file functions over bytes in memory: the archive is the
// opaque pointer, each open stream a position in it.
struct MemoryStream {
  const std::string* bytes;
  std::uint64_t at = 0;
};

voidpf memory_open(voidpf opaque, const void*, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ) return nullptr;
  return new (std::nothrow) MemoryStream{static_cast<const std::string*>(opaque)};
}

uLong memory_read(voidpf, voidpf stream, void* buffer, uLong size) {
  auto& s = *static_cast<MemoryStream*>(stream);
  const std::uint64_t left = s.bytes->size() - std::min<std::uint64_t>(s.at, s.bytes->size());
  const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(size, left));
  std::memcpy(buffer, s.bytes->data() + s.at, count);
  s.at += count;
  return static_cast<uLong>(count);
}

uLong memory_write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T memory_tell(voidpf, voidpf stream) { return static_cast<MemoryStream*>(stream)->at; }

long memory_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto& s = *static_cast<MemoryStream*>(stream);
  std::uint64_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR)
    base = s.at;
  else if (origin == ZLIB_FILEFUNC_SEEK_END)
    base = s.bytes->size();
  else if (origin != ZLIB_FILEFUNC_SEEK_SET)
    return -1;
  if (offset > s.bytes->size() || base + offset > s.bytes->size()) return -1;
  s.at = base + offset;
  return 0;
}

int memory_close(voidpf, voidpf stream) {
  delete static_cast<MemoryStream*>(stream);
  return 0;
}

int memory_error(voidpf, voidpf) { return 0; }

// The first bytes of an OLE compound file: an .xls, or a workbook saved
// with a password (Excel then wraps the zip in one).
constexpr std::string_view ole_magic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

std::string not_a_zip(const std::string& source, std::string_view start) {
  if (start.starts_with(ole_magic))
    return fmt::format(
        "{}: not an XLSX workbook but an older Excel file (.xls) or a workbook protected by a "
        "password: save it as .xlsx, without a password, or as CSV (UTF-8)",
        source);
  return fmt::format(
      "{}: not an XLSX workbook: the file is not a zip archive, or a truncated one (its "
      "directory of parts cannot be read)",
      source);
}

}  // namespace

Archive Archive::open_file(const std::string& path, std::string source) {
  Archive archive;
  archive.path_ = path;
  archive.source_ = std::move(source);
  archive.handle();  // checks that the archive opens
  return archive;
}

Archive Archive::open_bytes(std::string bytes, std::string source) {
  Archive archive;
  archive.bytes_ = std::make_shared<const std::string>(std::move(bytes));
  archive.source_ = std::move(source);
  archive.handle();
  return archive;
}

std::unique_ptr<Archive::Handle> Archive::handle() const {
  auto handle = std::make_unique<Handle>();
  if (bytes_) {
    zlib_filefunc64_def functions{};
    functions.zopen64_file = memory_open;
    functions.zread_file = memory_read;
    functions.zwrite_file = memory_write;
    functions.ztell64_file = memory_tell;
    functions.zseek64_file = memory_seek;
    functions.zclose_file = memory_close;
    functions.zerror_file = memory_error;
    functions.opaque = const_cast<std::string*>(bytes_.get());
    handle->file = unzOpen2_64("memory", &functions);
  } else {
    handle->file = unzOpen64(path_.c_str());
  }
  if (!handle->file) {
    std::string start;
    if (bytes_) {
      start = bytes_->substr(0, ole_magic.size());
    } else {
      std::ifstream in(path_, std::ios::binary);
      start.resize(ole_magic.size());
      in.read(start.data(), static_cast<std::streamsize>(start.size()));
      start.resize(static_cast<std::size_t>(in.gcount()));
    }
    throw ContentError(not_a_zip(source_, start));
  }
  return handle;
}

bool Archive::has(std::string_view part) const {
  const auto h = handle();
  return unzLocateFile(h->file, std::string(part).c_str(), 2) == UNZ_OK;
}

std::vector<std::string> Archive::names() const {
  const auto h = handle();
  std::vector<std::string> names;
  for (int status = unzGoToFirstFile(h->file); status == UNZ_OK; status = unzGoToNextFile(h->file)) {
    char name[1024];
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(h->file, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK)
      throw ContentError(fmt::format("{}: the archive is corrupt", source_));
    names.emplace_back(name);
  }
  return names;
}

std::string Archive::read(std::string_view part) const {
  auto stream = open(part);
  std::string text;
  char buffer[65536];
  while (const std::size_t n = stream.read(buffer, sizeof buffer)) text.append(buffer, n);
  return text;
}

Archive::Part Archive::open(std::string_view part) const {
  auto h = handle();
  const std::string name(part);
  if (unzLocateFile(h->file, name.c_str(), 2) != UNZ_OK)
    throw ContentError(fmt::format("{}: the workbook has no part {}", source_, name));
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(h->file, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
    throw ContentError(fmt::format("{}: part {} cannot be read: the archive is corrupt", source_,
                                   name));
  if (info.flag & 1)
    throw ContentError(fmt::format(
        "{}: part {} is encrypted; save the workbook without a password", source_, name));
  if (info.compression_method != 0 && info.compression_method != Z_DEFLATED)
    throw ContentError(fmt::format(
        "{}: part {} is compressed with method {}, which is not read (only deflate, as "
        "spreadsheet programs write)",
        source_, name, info.compression_method));
  if (unzOpenCurrentFile(h->file) != UNZ_OK)
    throw ContentError(fmt::format("{}: part {} cannot be read: the archive is corrupt", source_,
                                   name));
  h->part_open = true;
  return Part(std::move(h), name, source_);
}

Archive::Part::Part(std::unique_ptr<Handle> handle, std::string name, std::string source)
    : handle_(std::move(handle)), name_(std::move(name)), source_(std::move(source)) {}
Archive::Part::Part(Part&&) noexcept = default;
Archive::Part& Archive::Part::operator=(Part&&) noexcept = default;
Archive::Part::~Part() = default;

std::size_t Archive::Part::read(char* buffer, std::size_t size) {
  if (ended_) return 0;
  const int count = unzReadCurrentFile(handle_->file, buffer,
                                       static_cast<unsigned>(std::min<std::size_t>(size, INT_MAX)));
  if (count < 0)
    throw ContentError(fmt::format(
        "{}: part {} cannot be inflated: the archive is corrupt or truncated", source_, name_));
  inflated_ += static_cast<std::uint64_t>(count);
  if (inflated_ > part_cap)
    throw ContentError(fmt::format(
        "{}: part {} inflates to more than {} MB, which is refused (a workbook that large is "
        "more likely a zip bomb than a risk register)",
        source_, name_, part_cap >> 20));
  if (count == 0) {
    ended_ = true;
    handle_->part_open = false;
    if (unzCloseCurrentFile(handle_->file) != UNZ_OK)
      throw ContentError(fmt::format(
          "{}: part {} is corrupt: its bytes do not match their checksum (CRC)", source_, name_));
  }
  return static_cast<std::size_t>(count);
}

}  // namespace riskmap::zip
