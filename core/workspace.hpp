#pragma once
// A workspace: a folder holding riskmap.toml (the mission and its method,
// edited by hand) and riskmap.db (the records).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db.hpp"
#include "files.hpp"
#include "ebios_rules.hpp"
#include "method.hpp"
#include "review_rules.hpp"
#include "risk_matrix.hpp"
#include "stakeholder.hpp"

namespace riskmap {

class BulkRatings;

inline constexpr const char* config_file_name = "riskmap.toml";
inline constexpr const char* database_file_name = "riskmap.db";

// A framework id named in [mission] referentials, and where: "riskmap.toml:4:17".
struct DeclaredReferential {
  std::string id, origin;
};

struct Mission {
  std::string name;  // the organisation the map is for
  Lang language = Lang::fr;
  std::optional<std::string> title, author, version, status, classification;
  // The mission's currency, an ISO 4217 code ("MAD", "EUR"): documents
  // write amounts with it ("12 000 DH"); without one, amounts are bare.
  std::optional<std::string> currency;
  // The article French puts before the organisation's name: "la", "le",
  // "l’", "les", or "" for a name that takes none; unset, documents phrase
  // around it. Read as written, "l'" normalised to "l’".
  std::optional<std::string> organisation_article;
  // The frameworks the map is aligned with, as the mission declares them.
  // riskmap.toml is read before the database: that they are held is
  // checked where the frameworks are known (compliance.hpp).
  std::vector<DeclaredReferential> referentials;
};

// [ebios]: the grids of the EBIOS RM derivations.
struct EbiosGrids {
  ebios::PertinenceGrid pertinence = ebios::default_pertinence_grid();
  ebios::LikelihoodGrid likelihood = ebios::default_likelihood_grid();
};

// How a CSV file is written: its delimiter and whether it starts with a
// UTF-8 byte order mark (what French Excel needs to open it in columns).
struct CsvStyle {
  char delimiter = ',';
  bool bom = false;
};
// [output]: the CSV style of files for people (the deliverables) and of
// files for scripts (export, list --format csv); unset, the defaults.
struct OutputSettings {
  std::optional<char> document_delimiter, data_delimiter;
  std::optional<bool> document_bom, data_bom;
};

struct Config {
  Mission mission;
  OutputSettings output;
  Method method;
  ZoneThresholds zones;   // [ecosystem]: the stakeholders' threat zones
  EbiosGrids ebios;       // [ebios]: pertinence and (advanced) likelihood grids
  ReviewSettings review;  // [review]: rules turned off, re-graded, thresholds
  bool tree = false;      // [workspace] tree: the records kept as a tree of files beside the database
  std::string text;       // the file as written, so edits keep the user's comments
};

// Reads and checks riskmap.toml text; errors are ContentError "source:line:column: message".
Config read_config(std::string_view text, const std::string& source);
// A method as read from a file, and what the user should hear of the reading.
struct LoadedMethod {
  Method method;
  std::vector<std::string> notes;
};
// Reads a method: a built-in name, a .toml file holding a [method] table, or
// the risk matrix of a YAML library (.yaml, .yml), the only kind of file
// that takes `options` (a UsageError otherwise).
LoadedMethod load_method(const std::string& name_or_file, const RiskMatrixOptions& options);
// The same without options (a YAML library then lacks its appetite).
Method load_method(const std::string& name_or_file);
// A name that load_method reads as a file rather than a built-in.
bool is_method_file_name(std::string_view name);

// Where the workspace is: `flag` (--workspace), else `env` (RISKMAP_WORKSPACE),
// else the nearest folder upward from `start` holding riskmap.toml.
struct FoundWorkspace {
  std::filesystem::path dir;
  // When RISKMAP_WORKSPACE chose a workspace other than the one the current
  // folder is in: that one, which was not used.
  std::optional<std::filesystem::path> overridden;
};
FoundWorkspace find_workspace(const std::optional<std::string>& flag,
                              const std::optional<std::string>& env,
                              const std::filesystem::path& start);

// Refuses (Error) a workspace owned by another user, as git does for
// "dubious ownership", unless `safe_workspaces` (RISKMAP_SAFE_WORKSPACES:
// ':'-separated folders, or "*") allows it: such a workspace could make
// riskmap write where that user decides (through links it holds), or hold a
// map the user is not meant to change.
void check_owner(const std::filesystem::path& dir, const std::string& safe_workspaces);

struct InitOptions {
  std::string method = "ebios-rm";  // a built-in name, a .toml file or a YAML library
  RiskMatrixOptions risk_matrix;    // for a YAML library
  Lang language = Lang::fr;
  std::string name;  // defaults to the folder's name
  std::optional<std::string> title, author, version, status, classification;
  // The mission's currency, an ISO 4217 code ("MAD", "EUR"): documents
  // write amounts with it ("12 000 DH"); without one, amounts are bare.
  std::optional<std::string> currency;
  std::optional<std::string> organisation_article;  // "la", "le", "l’", "les" or ""
  bool tree = false;  // [workspace] tree = true
  // Build the workspace from the riskmap.toml already in the folder (a
  // clone of a team's tree) rather than write one: its method and mission.
  bool adopt_config = false;
};

// What a command does with the workspace it opens.
enum class Intent {
  // Reads only: the whole command reads in one read transaction, so that
  // every read sees one state of the map, whatever other processes commit.
  read,
  // Writes: the whole command runs in one write transaction (BEGIN
  // IMMEDIATE), taken before the method is read, ended by commit().
  write,
  // A write whose links the command checks itself: SQLite's foreign keys
  // are off for it (they can only be set outside a transaction).
  import,
  // A write that changes the method (method apply): it starts from the
  // method in force and is not stopped by a riskmap.toml that differs.
  method,
};

struct OpenOptions {
  Intent intent = Intent::read;
  // Who and what, for the journal entry of a method adopted from riskmap.toml.
  std::string author;
  std::string command;
  // RISKMAP_SAFE_WORKSPACES: folders (':'-separated) of other users that
  // may be opened, or "*" for any.
  std::string safe_workspaces;
  // The user's own part of generated refs ("YB": R-YB-1, R-YB-2...), so
  // that consultants who add records apart never create the same ref; empty
  // for the plain R1, R2...
  std::string ref_prefix;
  // Asked for the author when `author` is empty and a journal entry needs
  // one: finding the user's name may read the user database, which most
  // commands never need.
  std::function<std::string()> author_of;

  std::string journal_author() const {
    return author.empty() && author_of ? author_of() : author;
  }
};

// Checks a personal ref prefix: 1 to 8 letters or digits (ValueError).
void check_ref_prefix(std::string_view prefix);

class Workspace {
 public:
  // Opens an existing workspace. Refuses one owned by another user unless
  // `options.safe_workspaces` allows it. Migrates an older database, once,
  // under the write lock (keeping a copy). Then begins the transaction of
  // `options.intent` and brings riskmap.toml and the database into line:
  // when riskmap.toml's method differs from the method in force, it is
  // adopted (one transaction, journalled) if every stored rating fits it,
  // and refused otherwise, naming the ratings (ContentError); a
  // riskmap.toml left behind by an interrupted method change is rewritten.
  static std::unique_ptr<Workspace> open(const std::filesystem::path& dir,
                                         const OpenOptions& options = {});
  // Creates riskmap.toml and riskmap.db (mode 0600) in `dir`; refuses to
  // overwrite an existing workspace. `fill` runs on the new workspace; if it
  // throws, the files are removed again. What reading the method had to say
  // is in the new workspace's notes().
  static std::unique_ptr<Workspace> create(const std::filesystem::path& dir,
                                           const InitOptions& options,
                                           const std::function<void(Workspace&)>& fill = {});

  // Another database of this workspace's records (a snapshot's), rated with
  // `method`: same folder and settings otherwise. The database is used as it is.
  static std::unique_ptr<Workspace> over(const Workspace& live, Method method,
                                         std::unique_ptr<Database> db);

  ~Workspace();

  const std::filesystem::path& dir() const { return dir_; }
  const Config& config() const { return config_; }
  // Runs inside the write transaction just before each COMMIT (the tree
  // mode writes the tree there).
  void before_commit(std::function<void(Workspace&)> action) { before_commit_ = std::move(action); }
  // The user's part of generated refs (OpenOptions::ref_prefix).
  const std::string& ref_prefix() const { return ref_prefix_; }
  // The method in force: the one the stored ratings were made with.
  const Method& method() const { return config_.method; }
  Database& db() { return *db_; }
  // What opening did that the user should hear of (a migration and its
  // backup copy, a method adopted from riskmap.toml, riskmap.toml rewritten),
  // and after commit(), what could not be done once committed.
  const std::vector<std::string>& notes() const { return notes_; }

  // Write intents: makes `method` the method in force inside the write
  // transaction; riskmap.toml is written now in a staging folder and moved
  // into place by commit(), after the database's COMMIT.
  void set_method(const Method& method);
  // Write intents: commits the transaction, then puts the new riskmap.toml
  // in place if the method changed. If that last step fails, the database
  // holds the new method all the same and the next command rewrites
  // riskmap.toml; a note says so.
  void commit();
  // Set while an import writes in bulk: the stores it opens report the
  // ratings they write to it (see BulkRatings).
  BulkRatings* bulk_ratings() const { return bulk_ratings_; }
  void set_bulk_ratings(BulkRatings* bulk) { bulk_ratings_ = bulk; }
  // Ends the transaction the workspace is in, rolling back: for a command
  // that must run outside one (VACUUM INTO) or runs transactions of its own.
  void end_read();
  // Begins a write transaction, for such a command, to be ended by commit()
  // or end_read().
  void begin_write();

 private:
  Workspace(std::filesystem::path dir, Config config, std::unique_ptr<Database> db);
  // The database of a new workspace whose riskmap.toml is in place; removed
  // again if `fill` throws.
  static std::unique_ptr<Workspace> make_database(const std::filesystem::path& dir, Config config,
                                                  std::vector<std::string> notes,
                                                  const std::function<void(Workspace&)>& fill);
  void reconcile(const OpenOptions& options);
  // riskmap.toml's text with its [method] tables replaced by `method`'s.
  std::string config_text_with(const Method& method) const;

  std::filesystem::path dir_;
  Config config_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Transaction> transaction_;
  std::string config_stamp_;  // of riskmap.toml as read (file_stamp)
  std::string ref_prefix_;
  std::function<void(Workspace&)> before_commit_;
  BulkRatings* bulk_ratings_ = nullptr;
  std::unique_ptr<Staging> staged_config_;  // riskmap.toml for the new method
  std::string staged_text_;
  std::vector<std::string> notes_;
};

// Appends the journal entry of a writing command (inside its transaction).
void record_change(Database& db, const std::string& author, const std::string& command,
                   const std::vector<std::string>& refs);

}  // namespace riskmap
