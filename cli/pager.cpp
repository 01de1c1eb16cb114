#include "pager.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "stdout.hpp"
#include "terminal.hpp"
#include "width.hpp"

namespace riskmap::cli {

namespace {

// Writes all of `text` to `fd`; stops early when the reader has gone.
void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;  // EPIPE: the user left the pager before the end
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Ignores the signals a terminal sends to the pager's whole process group
// while it lives, and SIGPIPE; restores them when it ends.
class IgnoredSignals {
 public:
  IgnoredSignals() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    for (std::size_t i = 0; i < std::size(signals_); ++i)
      ::sigaction(signals_[i], &ignore, &saved_[i]);
  }
  ~IgnoredSignals() {
    for (std::size_t i = 0; i < std::size(signals_); ++i)
      ::sigaction(signals_[i], &saved_[i], nullptr);
  }
  IgnoredSignals(const IgnoredSignals&) = delete;
  IgnoredSignals& operator=(const IgnoredSignals&) = delete;

 private:
  static constexpr int signals_[] = {SIGINT, SIGQUIT, SIGPIPE};
  struct sigaction saved_[std::size(signals_)] {};
};

}  // namespace

std::optional<std::string> pager_command() {
  const char* pager = std::getenv("PAGER");
  if (!pager) return std::string("less -FRX");
  const std::string_view command(pager);
  if (command.find_first_not_of(" \t") == std::string_view::npos || command == "cat")
    return std::nullopt;
  return std::string(command);
}

std::size_t screen_rows(std::string_view text, std::size_t columns) {
  if (columns == 0) columns = 1;
  std::size_t rows = 0;
  while (!text.empty()) {
    const std::size_t feed = text.find('\n');
    std::string_view line = text.substr(0, feed);
    text.remove_prefix(feed == std::string_view::npos ? text.size() : feed + 1);
    std::string visible;  // the line without its colour sequences (ESC [ ... m)
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\x1b' && i + 1 < line.size() && line[i + 1] == '[') {
        i = line.find('m', i);
        if (i == std::string_view::npos) break;
        continue;
      }
      visible += line[i];
    }
    const std::size_t width = display_width(visible);
    rows += width == 0 ? 1 : (width + columns - 1) / columns;
  }
  return rows;
}

bool show_in_pager(std::string_view text, const std::string& command) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return false;
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(ends[0]);
    ::close(ends[1]);
    return false;
  }
  if (pid == 0) {
    ::dup2(ends[0], STDIN_FILENO);
    for (const int signal : {SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGHUP}) std::signal(signal, SIG_DFL);
    if (!std::getenv("LESS")) ::setenv("LESS", "FRX", 1);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(ends[0]);
  int status = 0;
  {
    const IgnoredSignals quiet;
    write_all(ends[1], text);
    ::close(ends[1]);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  // The shell's "not found" (127) or "cannot run" (126): no pager ran.
  return !(WIFEXITED(status) && (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126));
}

HeldOutput::HeldOutput() {
  hold_stdout();
}

HeldOutput::~HeldOutput() {
  if (!finished_) std::cout << release_stdout();
}

void HeldOutput::finish(bool for_people) {
  finished_ = true;
  const std::string text = release_stdout();
  const auto size = terminal_size();
  const auto pager = pager_command();
  // A screen that shows every row and the prompt after them needs no pager.
  if (for_people && size && pager && screen_rows(text, size->columns) >= size->rows &&
      show_in_pager(text, *pager))
    return;
  std::cout << text;
}

}  // namespace riskmap::cli
