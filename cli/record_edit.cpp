// `riskmap KIND edit REF`: the record as TOML in the user's editor, checked
// when saved (the file reopens with the error at the top until it is right,
// emptied, or saved unchanged), then stored as one command. No transaction
// is held while the editor is open: the record is read, the editor runs,
// and the write checks that nobody changed the record meanwhile.
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "files.hpp"
#include "kinds.hpp"
#include "record_toml.hpp"
#include "records.hpp"
#include "store.hpp"
#include "text.hpp"

extern char** environ;

namespace riskmap::cli {

namespace {

namespace fs = std::filesystem;

// The editor to run: $VISUAL, $EDITOR, Debian's `editor`, then vi.
std::string editor_command() {
  for (const char* name : {"VISUAL", "EDITOR"})
    if (const char* value = std::getenv(name))
      if (const std::string_view editor = trim(value); !editor.empty()) return std::string(editor);
  for (const char* path : {"/usr/bin/editor", "/bin/editor"})
    if (::access(path, X_OK) == 0) return "editor";
  return "vi";
}

// Runs the editor on `path` through the shell, so that EDITOR may carry
// arguments ("code --wait"); while it runs, Ctrl-C is the editor's.
void run_editor(const std::string& editor, const fs::path& path) {
  const std::string script = editor + " \"$1\"";
  const char* argv[] = {"sh", "-c", script.c_str(), "riskmap", path.c_str(), nullptr};
  pid_t pid = 0;
  struct sigaction ignore {}, old_int {}, old_quit {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_quit);
  posix_spawnattr_t attributes;
  ::posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGQUIT);
  ::posix_spawnattr_setsigdefault(&attributes, &defaults);
  ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  const int failed = ::posix_spawn(&pid, "/bin/sh", nullptr, &attributes,
                                   const_cast<char* const*>(argv), environ);
  ::posix_spawnattr_destroy(&attributes);
  int status = 0;
  if (!failed)
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGQUIT, &old_quit, nullptr);
  if (failed) throw Error(fmt::format("cannot start the editor: {}", std::strerror(failed)));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    throw Error(fmt::format("the editor '{}' was not found; set VISUAL or EDITOR", editor));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error(fmt::format("the editor '{}' {}; nothing changed", editor,
                            WIFEXITED(status)
                                ? fmt::format("exited with status {}", WEXITSTATUS(status))
                                : std::string("was stopped by a signal")));
}

// The file the user edits, alone in a folder only they can read; removed
// at the end unless kept for the user to copy their text from.
class EditFile {
 public:
  explicit EditFile(const std::string& name) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        (fs::path(tmp && *tmp ? tmp : "/tmp") / "riskmap-edit-XXXXXX").native();
    if (!::mkdtemp(pattern.data()))
      throw Error(fmt::format("cannot make a folder for the file to edit: {}",
                              std::strerror(errno)));
    folder_ = pattern;
    path_ = folder_ / (name + ".toml");
  }
  ~EditFile() {
    if (keep_) return;
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  EditFile(const EditFile&) = delete;
  EditFile& operator=(const EditFile&) = delete;

  const fs::path& path() const { return path_; }
  void write(const std::string& text) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw Error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
  }
  std::string read() const { return read_file(path_); }
  void keep() { keep_ = true; }

 private:
  fs::path folder_, path_;
  bool keep_ = false;
};

// The error a reopened file starts with: always three lines, so that the
// lines an error names are those of the file the user sees.
constexpr std::string_view error_mark = "#! ";
std::string error_header(const std::string& error) {
  std::string one_line = error;
  std::replace(one_line.begin(), one_line.end(), '\n', ' ');
  return fmt::format(
      "{}This could not be applied:\n{}  {}\n{}Fix it, then save and quit; an empty file "
      "cancels.\n",
      error_mark, error_mark, one_line, error_mark);
}
std::string without_error_header(const std::string& text) {
  std::size_t at = 0;
  while (text.compare(at, error_mark.size(), error_mark) == 0) {
    const auto end = text.find('\n', at);
    if (end == std::string::npos) return {};
    at = end + 1;
  }
  return text.substr(at);
}

}  // namespace

void add_edit_command(CLI::App* group, const EntityKind& kind) {
  auto* edit = group->add_subcommand(
      "edit", fmt::format("Edit a {} as TOML in $VISUAL or $EDITOR, applied when saved",
                          command_name(kind)));
  auto ref = std::make_shared<std::string>();
  edit->add_option("ref", *ref, "Ref of the record")->required();
  // A reading command: it writes in a transaction of its own, once the
  // editor is closed, so that nothing is locked while the user types.
  on_run(edit, Access::read, [&kind, ref](Run& run) {
    Workspace& workspace = run.workspace();
    const Method& method = run.method();
    const Record shown = RecordStore(workspace, kind).get(*ref);
    workspace.end_read();

    EditFile file(shown.ref);
    const std::string source = file.path().filename().string();
    std::string body = record_to_toml(
        kind, shown, method, run.lang(),
        fmt::format("{} {}: change the values, then save and quit to apply them.\n"
                    "A field commented out or removed is emptied (or derived again, if it\n"
                    "can be); an empty file cancels.\n"
                    "Texts of several lines go between \"\"\"; lists are written [\"A1\", \"A2\"].",
                    command_name(kind), shown.ref));
    const std::string first = body;
    std::string error;  // why the last text saved could not be applied
    const std::string editor = editor_command();
    try {
      while (true) {
        const std::string presented = error.empty() ? body : error_header(error) + body;
        file.write(presented);
        run_editor(editor, file.path());
        const std::string saved = file.read();
        if (is_blank_toml(saved)) {
          run.note(fmt::format("{} {}: the file was emptied; nothing changed", kind.name,
                               shown.ref));
          return;
        }
        if (!error.empty() && saved == presented)
          throw ContentError(fmt::format("{} (saved unchanged; nothing changed)", error));
        body = without_error_header(saved);
        Record record;
        try {
          // Read as the file will show it reopened, error lines on top.
          record = record_from_toml(kind, shown.ref, error_header("") + body, source, method);
        } catch (const ContentError& e) {
          error = e.what();
          continue;
        }
        workspace.begin_write();
        RecordStore store(workspace, kind);
        const auto now = store.find(shown.ref);
        if (!now || !same_stored(*now, shown)) {
          workspace.end_read();
          file.write(body);
          file.keep();
          throw Conflict(fmt::format(
              "{} {} was {} by another command while you edited it; nothing changed. Your "
              "text is kept in {}: run 'riskmap {} edit {}' again and copy your changes over",
              kind.name, shown.ref, now ? "changed" : "removed", file.path().string(),
              command_name(kind), shown.ref));
        }
        if (same_stored(*now, record)) {
          workspace.end_read();
          run.note(fmt::format("{} {}: nothing changed", kind.name, shown.ref));
          return;
        }
        try {
          store.update(record);
        } catch (const Error& e) {
          // A link to a record that does not exist, a value another record
          // forbids: the user fixes it in the file.
          if (!dynamic_cast<const ValueError*>(&e) && !dynamic_cast<const UnknownRef*>(&e) &&
              !dynamic_cast<const Conflict*>(&e) && !dynamic_cast<const ContentError*>(&e))
            throw;
          workspace.end_read();
          error = fmt::format("{}: {}", source, e.what());
          continue;
        }
        run.touched(shown.ref);
        run.record_change(workspace);
        workspace.commit();
        return;
      }
    } catch (const Conflict&) {
      throw;
    } catch (...) {
      // Whatever else stopped the edit, the user's text is not lost.
      if (body != first) {
        file.keep();
        run.note(fmt::format("your text is kept in {}", file.path().string()));
      }
      throw;
    }
  });
}

}  // namespace riskmap::cli
