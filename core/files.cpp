#include "files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
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

namespace {

// The live staging folders of this process, for the interrupt handler:
// plain arrays, since a signal handler may touch nothing else. A slot is
// filled before it is marked used, and marked free before it is reused.
constexpr int registry_size = 32;
char registered_path[registry_size][PATH_MAX];
volatile sig_atomic_t registered_used[registry_size];

int register_staging(const fs::path& path) {
  const std::string& text = path.native();
  if (text.size() >= PATH_MAX) return -1;
  for (int slot = 0; slot < registry_size; ++slot) {
    if (registered_used[slot]) continue;
    std::memcpy(registered_path[slot], text.c_str(), text.size() + 1);
    registered_used[slot] = 1;
    return slot;
  }
  return -1;  // not registered: an interrupt leaves it to the next run's sweep
}

// Empties the folder open as `fd`: its files, and its folders with what
// they hold (the documents' scratch folder, LibreOffice's profile), to
// `depth` levels. Only system calls, so that the signal handler can use it.
void empty_folder_now(int fd, int depth) noexcept {
  alignas(struct dirent64) char buffer[4096];
  while (true) {
    const long count = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
    if (count <= 0) break;
    bool removed = false;
    for (long at = 0; at < count;) {
      // getdents64 returns records laid out as struct dirent64.
      const auto* entry = reinterpret_cast<const struct dirent64*>(buffer + at);
      at += entry->d_reclen;
      const char* name = entry->d_name;
      if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
      if (::unlinkat(fd, name, 0) == 0) {
        removed = true;
        continue;
      }
      if ((errno != EISDIR && errno != EPERM) || depth <= 0) continue;
      const int inner = ::openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
      if (inner < 0) continue;
      empty_folder_now(inner, depth - 1);
      ::close(inner);
      if (::unlinkat(fd, name, AT_REMOVEDIR) == 0) removed = true;
    }
    // Entries removed while reading: read again from the start.
    if (removed) ::lseek(fd, 0, SEEK_SET);
  }
}

// Removes a staging folder, what it holds, then itself.
void remove_folder_now(const char* path) noexcept {
  const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd >= 0) {
    empty_folder_now(fd, 16);
    ::close(fd);
  }
  ::rmdir(path);
}

[[noreturn]] void fail_write(const fs::path& path, int error) {
  throw Error(fmt::format("{}: cannot write: {}", path.string(),
                          error ? std::strerror(error) : "the write failed"));
}

}  // namespace

void remove_staging_now() noexcept {
  for (int slot = 0; slot < registry_size; ++slot)
    if (registered_used[slot]) remove_folder_now(registered_path[slot]);
}

void sweep_stale_staging(const fs::path& folder) {
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(staging_prefix)) continue;
    // ".riskmap-staging-PID-XXXXXX": a folder of a process that is gone.
    const std::string rest = name.substr(staging_prefix.size());
    const auto dash = rest.find('-');
    if (dash == std::string::npos || dash == 0) continue;
    pid_t pid = 0;
    try {
      pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
    } catch (const std::exception&) {
      continue;
    }
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or another user's
    struct stat info {};
    if (::lstat(it->path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) ||
        info.st_uid != ::geteuid())
      continue;
    remove_folder_now(it->path().c_str());
  }
}

Staging::Staging(const fs::path& folder) : folder_(folder) {
  sweep_stale_staging(folder_);
  std::string pattern = (folder_ / fmt::format("{}{}-XXXXXX", staging_prefix, ::getpid())).native();
  // mkdtemp creates the folder exclusively, mode 0700, under a name no
  // other process can have predicted. An interrupt is held back until the
  // folder is registered: delivered as mkdtemp returns, it would leave the
  // folder behind.
  sigset_t interrupts, before;
  sigemptyset(&interrupts);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&interrupts, signal);
  ::sigprocmask(SIG_BLOCK, &interrupts, &before);
  const bool made = ::mkdtemp(pattern.data()) != nullptr;
  const int error = errno;
  if (made) {
    staging_ = pattern;
    slot_ = register_staging(staging_);
  }
  ::sigprocmask(SIG_SETMASK, &before, nullptr);
  if (!made)
    throw Error(fmt::format("{}: cannot write there: {}", folder_.string(), std::strerror(error)));
}

Staging::~Staging() {
  for (auto& entry : entries_) entry.stream.reset();
  // Still registered while it goes: an interrupt meanwhile finishes the job.
  remove_folder_now(staging_.c_str());
  if (slot_ >= 0) registered_used[slot_] = 0;
}

fs::path Staging::path(const std::string& name) {
  if (!names_.insert(name).second)
    throw Error(fmt::format("{}: written twice by one command", (folder_ / name).string()));
  // Created empty, readable by its owner only, whatever the umask: SQLite's
  // VACUUM INTO fills an empty file and keeps its mode.
  const fs::path staged = staging_ / name;
  const int fd = ::open(staged.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail_write(folder_ / name, errno);
  ::close(fd);
  entries_.push_back(Entry{name, nullptr});
  return staged;
}

void Staging::put(const std::string& name, std::string_view text) {
  const fs::path staged = path(name);
  const int fd = ::open(staged.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) fail_write(folder_ / name, errno);
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      const int error = written < 0 ? errno : EIO;
      ::close(fd);
      fail_write(folder_ / name, error);
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::close(fd) != 0) fail_write(folder_ / name, errno);
}

std::ostream& Staging::file(const std::string& name) {
  const fs::path staged = path(name);
  auto stream = std::make_unique<std::ofstream>(staged, std::ios::binary | std::ios::trunc);
  if (!*stream) fail_write(folder_ / name, errno);
  entries_.back().stream = std::move(stream);
  return *entries_.back().stream;
}

void Staging::commit(bool durable) {
  // Everything is written and checked before the first target changes.
  std::vector<const Entry*> staged;
  for (auto& entry : entries_) {
    const fs::path target = folder_ / entry.name;
    if (entry.stream) {
      errno = 0;
      entry.stream->flush();
      const int error = errno;
      if (!*entry.stream) fail_write(target, error);
      entry.stream->close();
      if (!*entry.stream) fail_write(target, errno);
    }
    const fs::path source = staging_ / entry.name;
    struct stat info {};
    if (::lstat(source.c_str(), &info) != 0) fail_write(target, errno);
    if (durable) {
      const int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0 || ::fsync(fd) != 0) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        fail_write(target, error);
      }
      ::close(fd);
    }
    struct stat existing {};
    if (::lstat(target.c_str(), &existing) == 0 && S_ISDIR(existing.st_mode))
      throw Error(fmt::format("{}: cannot write: it is a folder", target.string()));
    staged.push_back(&entry);
  }
  // The old files are kept in the staging folder (hard links) until every
  // new one is in place, so that a failed move can put them back.
  std::vector<bool> had_old(staged.size());
  for (std::size_t i = 0; i < staged.size(); ++i) {
    const fs::path target = folder_ / staged[i]->name;
    const fs::path old = staging_ / fmt::format("old-{}", i);
    had_old[i] = ::link(target.c_str(), old.c_str()) == 0;
  }
  for (std::size_t i = 0; i < staged.size(); ++i) {
    const fs::path target = folder_ / staged[i]->name;
    const fs::path source = staging_ / staged[i]->name;
    if (::rename(source.c_str(), target.c_str()) == 0) continue;
    const int error = errno;
    for (std::size_t j = 0; j < i; ++j) {
      const fs::path back = folder_ / staged[j]->name;
      if (had_old[j])
        ::rename((staging_ / fmt::format("old-{}", j)).c_str(), back.c_str());
      else
        ::unlink(back.c_str());
    }
    fail_write(target, error);
  }
  if (durable) {
    const int fd = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
}

OutputFile::OutputFile(const fs::path& path) : path_(path) {
  // A symbolic link (even one whose target does not exist yet) stands for
  // its target: the file written is the one it points to.
  std::error_code error;
  fs::path target = path;
  for (int hops = 0; fs::is_symlink(fs::symlink_status(target, error)); ++hops) {
    if (hops == 40) fail_write(path, ELOOP);
    const fs::path link = fs::read_symlink(target, error);
    if (error) fail_write(path, error.value());
    target = link.is_absolute() ? link : target.parent_path() / link;
  }
  struct stat info {};
  if (::stat(target.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    if (S_ISDIR(info.st_mode))
      throw Error(fmt::format("{}: cannot write: it is a folder", path.string()));
    // A device, a FIFO: written through, as a shell redirection would.
    direct_ = std::make_unique<std::ofstream>(target, std::ios::binary);
    if (!*direct_) fail_write(path, errno);
    return;
  }
  fs::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  name_ = target.filename().string();
  if (name_.empty() || name_ == "." || name_ == "..")
    throw Error(fmt::format("{}: cannot write: not a file name", path.string()));
  staging_ = std::make_unique<Staging>(folder);
  staged_ = &staging_->file(name_);
}

void OutputFile::commit(bool durable) {
  if (direct_) {
    errno = 0;
    direct_->flush();
    if (!*direct_) fail_write(path_, errno);
    direct_->close();
    return;
  }
  staging_->commit(durable);
}

void write_file_atomically(const fs::path& path, std::string_view content, bool durable) {
  OutputFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit(durable);
}

}  // namespace riskmap
