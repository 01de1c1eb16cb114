// The values an option or a positional argument may take. A record command's
// options follow from its kind's fields (core/entity.hpp), so a field added
// to a kind completes with no change here; other values are known by the
// option's name, and come from core/ wherever core/ lists them.
#include <algorithm>

#include "action.hpp"
#include "completion.hpp"
#include "framework.hpp"
#include "kinds.hpp"
#include "mapping_presets.hpp"
#include "report/report.hpp"
#include "review_rules.hpp"
#include "scenario.hpp"
#include "stakeholder.hpp"
#include "text.hpp"
#include "workspace.hpp"

namespace riskmap::cli {

namespace {

using Kind = Completion::Kind;

// Gathers the values that start like what is typed.
class Offer {
 public:
  explicit Offer(std::string_view typed) : typed_(typed) {}
  // A list typed so far ("personal,he"): the items before the last comma
  // stay, and are not offered again.
  static Offer list_item(std::string_view typed) {
    Offer offer(typed);
    if (const auto comma = typed.rfind(','); comma != std::string_view::npos) {
      offer.head_ = std::string(typed.substr(0, comma + 1));
      offer.typed_ = typed.substr(comma + 1);
      offer.given_ = split_list(offer.head_);
    }
    return offer;
  }

  std::string_view typed() const { return typed_; }
  void add(const std::string& value, const std::string& description = {}) {
    if (!starts_like(value, typed_)) return;
    if (std::find(given_.begin(), given_.end(), value) != given_.end()) return;
    completion_.suggestions.push_back({head_ + value, description});
  }
  void add_all(const std::vector<std::string>& values) {
    for (const auto& value : values) add(value);
  }
  bool empty() const { return completion_.suggestions.empty(); }
  Completion done() { return std::move(completion_); }

 private:
  std::string_view typed_;
  std::string head_;
  std::vector<std::string> given_;
  Completion completion_;
};

Completion of_kind(Kind kind) {
  Completion completion;
  completion.kind = kind;
  return completion;
}

Lang lang_of(const ValueRequest& request) {
  if (request.lang) return *request.lang;
  if (const Config* config = request.workspace.config()) return config->mission.language;
  return Lang::fr;
}

// The record kind whose command group `command` is in ("scenario show": scenario).
const EntityKind* kind_of(const CLI::App& command) {
  const CLI::App* group = &command;
  while (group->get_parent() && group->get_parent()->get_parent()) group = group->get_parent();
  for (const EntityKind* kind : all_kinds())
    if (group->get_parent() && group->get_name() == command_name(*kind)) return kind;
  return nullptr;
}

// The kind a positional argument names by its singular or plural ("control",
// "scenarios").
const EntityKind* kind_named_by(std::string_view name) {
  for (const EntityKind* kind : all_kinds())
    if (name == kind->name || name == command_name(*kind) || name == kind->plural) return kind;
  return nullptr;
}

std::string dashed(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

// The field an option of a record command sets, adds to, removes from or
// filters on ("--asset", "--add-asset", "--remove-asset").
const Field* field_of(const EntityKind& kind, std::string_view option) {
  for (const std::string_view prefix : {"add-", "remove-"})
    if (option.starts_with(prefix) && option.size() > prefix.size()) {
      if (const Field* field = field_of(kind, option.substr(prefix.size()))) return field;
    }
  for (const Field& field : kind.fields) {
    if (option == dashed(field.option.empty() ? field.name : field.option)) return &field;
    if (std::find(field.aliases.begin(), field.aliases.end(), option) != field.aliases.end())
      return &field;
  }
  return nullptr;
}

Completion refs(const ValueRequest& request, const std::vector<const EntityKind*>& kinds) {
  Offer offer = Offer::list_item(request.typed);
  for (const EntityKind* kind : kinds)
    for (const auto& ref : request.workspace.refs(*kind)) offer.add(ref.value, ref.description);
  return offer.done();
}

Completion vocabulary(const ValueRequest& request, const Vocabulary& choices) {
  Offer offer = Offer::list_item(request.typed);
  const Lang lang = lang_of(request);
  for (const Choice& choice : choices) offer.add(choice.id, choice.label.in(lang));
  return offer.done();
}

// A scale's ids, described by their labels; when no id starts like what is
// typed, the labels themselves (both languages), which riskmap reads too.
Completion steps(const ValueRequest& request, const Scale& scale) {
  Offer offer(request.typed);
  const Lang lang = lang_of(request);
  for (const Step& step : scale.steps) offer.add(step.id, step.label.in(lang));
  if (!offer.empty() || request.typed.empty()) return offer.done();
  for (const Step& step : scale.steps) {
    offer.add(step.label.fr, step.id);
    if (step.label.en != step.label.fr) offer.add(step.label.en, step.id);
  }
  return offer.done();
}

Completion field_values(const ValueRequest& request, const Field& field) {
  const Config* config = request.workspace.config();
  switch (field.type) {
    case FieldType::choice:
    case FieldType::choices:
      return vocabulary(request, *field.vocabulary);
    case FieldType::refs:
      if (field.qualified) return {};
      return refs(request, {&kind_named(field.target)});
    case FieldType::step:
      return config ? steps(request, scale_of(field, config->method)) : Completion{};
    case FieldType::number: {
      Offer offer(request.typed);
      if (field.maximum - field.minimum <= 10)
        for (auto n = field.minimum; n <= field.maximum; ++n) offer.add(std::to_string(n));
      return offer.done();
    }
    default:
      return {};
  }
}

// The values of a record command's option or argument, from its kind.
std::optional<Completion> record_values(const ValueRequest& request, const EntityKind& kind,
                                        std::string_view name, bool positional) {
  if (positional) {
    if ((name == "ref" || name == "refs") && request.owner.get_name() != "add")
      return refs(request, {&kind});
    return std::nullopt;
  }
  if (name == "clear") {
    Offer offer(request.typed);
    for (const Field& field : kind.fields) offer.add(field.name, field.help);
    return offer.done();
  }
  if (const Field* field = field_of(kind, name)) return field_values(request, *field);
  return std::nullopt;
}

// A built-in method, else a file.
Completion method_values(const ValueRequest& request) {
  Offer offer(request.typed);
  offer.add_all(builtin_method_names());
  return offer.empty() ? of_kind(Kind::files) : offer.done();
}

// A built-in import mapping, else a file.
Completion mapping_values(const ValueRequest& request) {
  Offer offer(request.typed);
  offer.add_all(mapping_preset_names());
  return offer.empty() ? of_kind(Kind::files) : offer.done();
}

// Values known by the option's name and the command declaring it.
Completion named_values(const ValueRequest& request, std::string_view name, bool positional) {
  const std::string path = command_words(request.owner);
  Offer offer(request.typed);
  if (name == "workspace" || name == "templates" || name == "tree" || name == "dir")
    return of_kind(Kind::folders);
  if (path == "method apply" && name == "file") return method_values(request);
  if (name == "map") return mapping_values(request);
  if (name == "output" || name == "file") return of_kind(Kind::files);
  if (name == "method") return method_values(request);
  if (name == "format" && path.empty()) offer.add_all({"table", "csv", "json"});
  if (name == "format" && path == "report") offer.add_all({"md", "xlsx", "docx", "pdf", "pptx", "md,xlsx", "docx,pdf"});
  if (name == "csv-delimiter") offer.add_all({",", ";"});
  if (name == "format" && path == "framework import")
    offer.add_all({"yaml", "csv", "toml", "json"});
  if (name == "lang") offer.add_all({"fr", "en"});
  if (name == "kind" && !positional) {
    for (const EntityKind* kind : all_kinds()) offer.add(kind->plural);
    if (path == "export") offer.add("all");
    if (path == "diff") offer.add("soa");
  }
  if (name == "on-conflict") offer.add_all({"fail", "skip", "update"});
  if (name == "stage")
    for (const Stage stage : all_stages) offer.add(std::string(to_string(stage)));
  if (name == "min-level")
    if (const Config* config = request.workspace.config())
      return steps(request, config->method.levels);
  if (name == "fail-on" || name == "min-severity") offer.add_all(severity_names());
  if (name == "rule") {
    const Lang lang = lang_of(request);
    for (const RuleInfo& rule : review_rules())
      offer.add(std::string(rule.id), rule.summary.in(lang));
  }
  if (name == "zone") return vocabulary(request, zones());
  if (name == "applicable") offer.add_all({"yes", "no"});
  if (name == "coverage")
    for (const Coverage c : {Coverage::none, Coverage::planned, Coverage::implemented})
      offer.add(std::string(to_string(c)));
  if (name == "compliance")
    for (const Compliance c :
         {Compliance::uncovered, Compliance::planned, Compliance::partly, Compliance::covered})
      offer.add(std::string(to_string(c)));
  if (path == "report" && name == "status") offer.add_all({"draft", "final"});
  if ((path == "report" && (name == "snapshot" || name == "since")) ||
      (path.starts_with("snapshot ") && path != "snapshot create" && positional) ||
      (path == "diff" && positional)) {
    offer.add_all(request.workspace.snapshots());
    if (path == "diff") offer.add("live");
  }
  if ((path.starts_with("framework ") || path.starts_with("soa ")) &&
      (name == "id" || name == "framework"))
    offer.add_all(request.workspace.frameworks());
  if (path == "report" && name == "names") {
    const Lang lang = lang_of(request);
    for (const auto& deliverable : deliverable_list())
      offer.add(deliverable.name, deliverable.title.in(lang));
    offer.add("all");
  }
  if (path == "template export" && name == "name") offer.add_all(builtin_template_names());
  if (path == "mapping show" && name == "name") offer.add_all(mapping_preset_names());
  if (path == "completion" && name == "shell") offer.add_all(completion_shells());
  if (path == "log" && name == "ref") {
    const auto kinds = all_kinds();
    return refs(request, {kinds.begin(), kinds.end()});
  }
  return offer.done();
}

// The set of values a CLI11 check declares ("{a,b,c}" in the type name).
std::optional<Completion> checked_values(const ValueRequest& request) {
  const std::string type = request.option.get_type_name();
  const auto open = type.find(":{");
  if (open == std::string::npos || type.back() != '}') return std::nullopt;
  Offer offer(request.typed);
  offer.add_all(split_list(std::string_view(type).substr(open + 2, type.size() - open - 3)));
  return offer.done();
}

}  // namespace

Completion complete_value(const ValueRequest& request) {
  if (auto values = checked_values(request)) return std::move(*values);
  const CLI::Option& option = request.option;
  const bool positional = option.get_positional() && !option.nonpositional();
  const std::string name = positional                    ? option.get_name(true)
                           : option.get_lnames().empty() ? option.get_snames().front()
                                                         : option.get_lnames().front();
  if (const EntityKind* kind = kind_of(request.owner))
    if (auto values = record_values(request, *kind, name, positional)) return std::move(*values);
  if (positional && request.owner.get_name() != "add")
    if (const EntityKind* kind = kind_named_by(name)) return refs(request, {kind});
  return named_values(request, name, positional);
}

}  // namespace riskmap::cli
