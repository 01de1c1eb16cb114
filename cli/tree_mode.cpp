#include "tree_mode.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "error.hpp"
#include "files.hpp"

extern char** environ;

namespace riskmap::cli {

namespace fs = std::filesystem;

namespace {

struct GitResult {
  int status = -1;
  std::string out;
};

// Runs git with `args` in `dir`, its standard output captured, its errors
// passed through.
GitResult git(const fs::path& dir, const std::vector<std::string>& args, bool quiet = false) {
  std::vector<std::string> words{"git", "-C", dir.string()};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw Error(fmt::format("git: cannot run: {}", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  ::posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  if (quiet)
    ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int failed = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  ::posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  GitResult result;
  if (failed) {
    ::close(pipe_fds[0]);
    throw Error(fmt::format("git: cannot run: {}", std::strerror(failed)));
  }
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    result.out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  while (!result.out.empty() && (result.out.back() == '\n' || result.out.back() == '\r'))
    result.out.pop_back();
  return result;
}

// What git must not carry: the database (each consultant's own, rebuilt from
// the tree), its backups, snapshots, deliverables, interrupted writes.
constexpr const char* ignored[] = {"/riskmap.db",  "/riskmap.db-*",   "/riskmap.db.bak-*",
                                   "/snapshots/",  "/deliverables/", ".riskmap-staging-*"};

constexpr std::string_view hook_mark = "# riskmap init --tree";

std::string self_path() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? std::string("riskmap") : self.string();
}

std::string sh_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

}  // namespace

void require_git() {
  const char* path = std::getenv("PATH");
  for (std::string_view rest = path ? path : ""; !rest.empty();) {
    const auto colon = rest.find(':');
    const std::string folder(rest.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (!folder.empty() && ::access((fs::path(folder) / "git").c_str(), X_OK) == 0) return;
  }
  throw Error(
      "init --tree: git is not on PATH; install it (Debian package git), then run init again");
}

void set_up_git(const fs::path& dir, std::vector<std::string>& notes) {
  // .gitignore: the lines riskmap needs, added to what is there.
  const fs::path gitignore = dir / ".gitignore";
  std::string text;
  std::error_code error;
  if (fs::exists(gitignore, error)) text = read_file(gitignore);
  std::string added;
  for (const char* line : ignored)
    if (text.find(std::string("\n") + line + "\n") == std::string::npos &&
        !text.starts_with(std::string(line) + "\n"))
      added += std::string(line) + "\n";
  if (!added.empty()) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    if (text.empty())
      text = "# riskmap: the database and the deliverables are each consultant's own;\n"
             "# the tree of files is what the team shares.\n";
    write_file_atomically(gitignore, text + added, false);
  }

  if (git(dir, {"rev-parse", "--git-dir"}, true).status != 0) {
    if (git(dir, {"init", "-q"}).status != 0)
      throw Error(fmt::format("{}: git init failed (its message is above)", dir.string()));
    notes.push_back(fmt::format("{}: a new git repository", dir.string()));
  }
  const GitResult hooks = git(dir, {"rev-parse", "--git-path", "hooks"});
  const GitResult prefix = git(dir, {"rev-parse", "--show-prefix"});
  if (hooks.status != 0 || prefix.status != 0)
    throw Error(fmt::format("{}: git cannot say where its hooks are", dir.string()));
  fs::path hooks_dir = hooks.out;
  if (hooks_dir.is_relative()) hooks_dir = dir / hooks_dir;
  fs::create_directories(hooks_dir, error);
  const std::string workspace = prefix.out.empty() ? "." : prefix.out;
  for (const char* name : {"post-merge", "post-checkout"}) {
    const fs::path hook = hooks_dir / name;
    if (fs::exists(hook, error) && read_file(hook).find(hook_mark) == std::string::npos) {
      notes.push_back(fmt::format(
          "{} exists and is not riskmap's: left as it is; add 'riskmap -w {} apply {}' to it",
          hook.string(), workspace, workspace));
      continue;
    }
    const std::string script = fmt::format(
        "#!/bin/sh\n"
        "{}: git has just changed the tree of files,\n"
        "# which this brings into the workspace's database.\n"
        "cd \"$(git rev-parse --show-toplevel)\" || exit 0\n"
        "riskmap={}\n"
        "[ -x \"$riskmap\" ] || riskmap=riskmap\n"
        "exec \"$riskmap\" -w {} apply {}\n",
        hook_mark, sh_quoted(self_path()), sh_quoted(workspace), sh_quoted(workspace));
    write_file_atomically(hook, script, false);
    fs::permissions(hook, fs::perms::owner_all, fs::perm_options::replace, error);
    if (error)
      throw Error(fmt::format("{}: cannot make it executable: {}", hook.string(), error.message()));
  }
}

}  // namespace riskmap::cli
