#include "records.hpp"

#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <iostream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "files.hpp"
#include "kinds.hpp"
#include "store.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

std::string option_name(const Field& field) {
  std::string name = field.option.empty() ? field.name : field.option;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string option_names(const Field& field, std::string_view prefix = "") {
  std::string names = fmt::format("--{}{}", prefix, option_name(field));
  if (prefix.empty())
    for (const auto& alias : field.aliases) names += ",--" + alias;
  return names;
}

std::string type_name(const Field& field) {
  switch (field.type) {
    case FieldType::choice:
      return "ID";
    case FieldType::step:
      return "LEVEL";
    case FieldType::date:
      return "DATE";
    case FieldType::duration:
      return "DURATION";
    case FieldType::number:
      return "NUMBER";
    default:
      return "TEXT";
  }
}

// A kind as a message names it: "feared event".
std::string noun(const EntityKind& kind) {
  std::string name = kind.name;
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string with_article(const std::string& noun) {
  return (std::string_view("aeiou").find(noun.front()) != std::string_view::npos ? "an " : "a ") +
         noun;
}

std::string value_hint(const Field& field) {
  switch (field.type) {
    case FieldType::choice:
    case FieldType::choices: {
      std::vector<std::string> ids;
      for (const auto& choice : *field.vocabulary) ids.push_back(choice.id);
      return " (" + join(ids, ", ") + ")";
    }
    case FieldType::step:
      return " (position, id or label)";
    case FieldType::number:
      return fmt::format(" ({} to {})", field.minimum, field.maximum);
    default:
      return "";
  }
}

// A field named as in JSON ("review_date") or as its option ("review-date", "tag").
const Field* find_field(const EntityKind& kind, std::string_view name) {
  for (const Field& field : kind.fields) {
    std::string dashed = field.name;
    std::replace(dashed.begin(), dashed.end(), '_', '-');
    if (name == field.name || name == dashed || name == option_name(field)) return &field;
  }
  return nullptr;
}

// What a text option gives: "-" reads standard input (for one option of the
// command only), "@FILE" reads a file, "@@..." is a text starting with "@".
// The line feeds that end a file or input are not part of the text.
std::string text_argument(const std::string& option, const std::string& given,
                          bool& stdin_read) {
  std::string text;
  if (given == "-") {
    if (stdin_read)
      throw UsageError(fmt::format("{} -: standard input is read by another option already; give "
                                   "this one as @FILE",
                                   option));
    stdin_read = true;
    std::ostringstream input;
    input << std::cin.rdbuf();
    text = input.str();
  } else if (given.starts_with("@@")) {
    return given.substr(1);
  } else if (given.starts_with("@")) {
    if (given.size() == 1)
      throw UsageError(fmt::format("{} @: name the file to read, e.g. {} @description.md", option,
                                   option));
    text = read_file(given.substr(1));
  } else {
    return given;
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// The field options of add and set: given values, by field index.
struct FieldOptions {
  std::vector<std::vector<std::string>> values;  // list fields
  std::vector<std::string> scalars;              // the others
  std::vector<CLI::Option*> options;
  std::vector<std::vector<std::string>> added, removed;
  std::vector<CLI::Option*> add_options, remove_options;
  std::vector<std::string> cleared;

  void add_to(CLI::App* command, const EntityKind& kind, bool editing) {
    const std::size_t n = kind.fields.size();
    values.resize(n), scalars.resize(n), options.resize(n), added.resize(n), removed.resize(n);
    add_options.resize(n), remove_options.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Field& field = kind.fields[i];
      std::string help = field.help + value_hint(field);
      if (is_prose(field)) help += "; - reads stdin, @FILE a file";
      if (field.is_list() && !field.single)
        help += editing ? "; replaces the list" : "; comma-separated or repeated";
      if (field.derivable && editing) help += "; --clear it to derive it again";
      if (field.is_list() && !field.single)
        options[i] = command->add_option(option_names(field), values[i], help)
                         ->allow_extra_args(false)
                         ->type_name("LIST");
      else if (field.single)
        options[i] = command->add_option(option_names(field), scalars[i], help)->type_name("REF");
      else  // one value, given once
        options[i] =
            command->add_option(option_names(field), scalars[i], help)->type_name(type_name(field));
      if (editing && field.is_list() && !field.single) {
        add_options[i] = command
                             ->add_option(option_names(field, "add-"), added[i],
                                          fmt::format("Add to {}", field.name))
                             ->allow_extra_args(false);
        remove_options[i] = command
                                ->add_option(option_names(field, "remove-"), removed[i],
                                             fmt::format("Remove from {}", field.name))
                                ->allow_extra_args(false);
      }
    }
    if (editing)
      command->add_option("--clear", cleared, "Empty a field (repeatable), e.g. --clear owner")
          ->allow_extra_args(false)
          ->type_name("FIELD");
  }

  // Applies the given options to `record`; returns whether anything was given.
  bool apply(const EntityKind& kind, const Method& method, Record& record) const {
    bool changed = false, stdin_read = false;
    for (std::size_t i = 0; i < kind.fields.size(); ++i) {
      const Field& field = kind.fields[i];
      const std::string name = "--" + option_name(field);
      if (options[i]->count() > 0) {
        const std::string text =
            field.is_list() && !field.single ? join(values[i], ",")
            : is_prose(field)                ? text_argument(name, scalars[i], stdin_read)
                                             : scalars[i];
        if (trim(text).empty())
          throw UsageError(
              fmt::format("{}: empty value; to empty the field, use --clear {}", name, field.name));
        record.values[i] = option_value(name, [&] { return parse_value(field, text, method); });
        record.set_by_hand(i);
        changed = true;
      }
      if (!field.is_list() || !add_options[i]) continue;
      auto items = std::holds_alternative<std::vector<std::string>>(record.values[i])
                       ? std::get<std::vector<std::string>>(record.values[i])
                       : std::vector<std::string>{};
      for (const auto& text : added[i])
        for (const auto& item : split_list(text)) {
          auto parsed =
              option_value("--add-" + option_name(field), [&] { return parse_item(field, item); });
          if (std::find(items.begin(), items.end(), parsed) == items.end()) items.push_back(parsed);
          changed = true;
        }
      for (const auto& text : removed[i])
        for (const auto& item : split_list(text)) {
          auto parsed = option_value("--remove-" + option_name(field),
                                     [&] { return parse_item(field, item); });
          const auto at = std::find(items.begin(), items.end(), parsed);
          if (at == items.end())
            throw UsageError(fmt::format("--remove-{}: {} has no '{}' in {}", option_name(field),
                                         record.ref, parsed, field.name));
          items.erase(at);
          changed = true;
        }
      sort_list(field, items);
      record.values[i] = std::move(items);
    }
    for (const auto& name : cleared) {
      const Field* field = find_field(kind, name);
      if (!field) {
        std::vector<std::string> names;
        for (const auto& f : kind.fields) names.push_back(f.name);
        throw UsageError(fmt::format("--clear: '{}' is not a field of {}{}; allowed: {}", name,
                                     kind.name, did_you_mean(name, names), join(names, ", ")));
      }
      if (field->required)
        throw UsageError(fmt::format("--clear: {} is required and cannot be emptied", name));
      if (!field->default_value.empty())
        throw UsageError(
            fmt::format("--clear: {} always has a value; set another one instead", name));
      const std::size_t i = kind.index(field->name);
      if (options[i]->count() > 0)
        throw UsageError(
            fmt::format("--clear {} and --{} contradict each other", name, option_name(*field)));
      record.values[i] =
          field->is_list() ? Value(std::vector<std::string>{}) : Value(std::monostate{});
      record.set_by_hand(i);  // nothing stored: a derivable field is derived again
      changed = true;
    }
    return changed;
  }
};

std::vector<std::string> list_columns(const EntityKind& kind, const ListSpec& spec) {
  auto columns = record_columns(kind);
  columns.insert(columns.end(), spec.derived_columns.begin(), spec.derived_columns.end());
  const auto sources = source_columns(kind);
  columns.insert(columns.end(), sources.begin(), sources.end());
  return columns;
}

// The record's own cells, then the derived ones; the record is used up.
std::vector<Cell> list_cells(Run& run, const EntityKind& kind, const ListSpec& spec,
                             Record&& record) {
  std::vector<Cell> derived;
  if (spec.derive) spec.derive(run, record, derived);
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    if (!kind.fields[i].derivable) continue;
    if (is_unset(record.values[i]))
      derived.emplace_back();
    else
      derived.emplace_back(std::string(record.is_derived(i) ? "derived" : "set"));
  }
  auto cells = record_cells(kind, std::move(record), run.method(), run.lang());
  std::move(derived.begin(), derived.end(), std::back_inserter(cells));
  return cells;
}

// rm --force on a terminal: the links it will cut, and a question; anything
// but yes removes nothing.
void confirm_links_cut(RecordStore& store, const EntityKind& kind,
                       const std::vector<std::string>& refs) {
  std::vector<std::string> lines;
  for (const auto& ref : refs) {
    if (!store.exists(ref)) throw store.unknown(ref);
    if (const auto referrers = store.referrers(ref); !referrers.empty())
      lines.push_back(fmt::format("  {} {} is named by {}", noun(kind), ref, join(referrers, ", ")));
  }
  if (lines.empty()) return;
  std::cerr << "riskmap: removing cuts these links:\n" << terminal_safe(join(lines, "\n"))
            << "\nRemove " << join(refs, ", ") << " and these links? [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  const std::string said = fold(trim(answer));
  if (said != "y" && said != "yes" && said != "o" && said != "oui")
    throw Error("nothing removed");
}

}  // namespace

void show_table(Run& run, const std::vector<std::string>& columns, const std::vector<Cell>& cells,
                const EntityKind* kind) {
  write_record(run.out(), run.table_style(kind), columns, cells);
}

bool field_matches(const EntityKind& kind, const Record& record, std::string_view field,
                   const std::string& wanted) {
  if (wanted.empty()) return true;
  const Value& value = record.values[kind.index(field)];
  if (const auto* text = std::get_if<std::string>(&value)) return *text == wanted;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value))
    return std::find(list->begin(), list->end(), wanted) != list->end();
  return false;
}

std::string choice_filter(Run& run, const EntityKind& kind, std::string_view field,
                          const std::string& text, const char* option) {
  if (text.empty()) return {};
  const Field& f = kind.fields[kind.index(field)];
  return option_value(option,
                      [&] { return std::get<std::string>(parse_value(f, text, run.method())); });
}

CLI::App* add_record_commands(CLI::App& app, const EntityKind& kind, const std::string& description,
                              ListSpec list_spec) {
  auto* group = app.add_subcommand(command_name(kind), description);
  group->require_subcommand(1);
  const auto shared_spec = std::make_shared<ListSpec>(std::move(list_spec));

  {
    auto* add = group->add_subcommand(
        "add", fmt::format("Add {} and print its ref", with_article(noun(kind))));
    auto ref = std::make_shared<std::string>();
    auto fields = std::make_shared<FieldOptions>();
    auto* ref_option = add->add_option(
        "ref", *ref,
        fmt::format("Ref of the new {} (default: the next free {}N)", noun(kind), kind.prefix));
    fields->add_to(add, kind, false);
    on_run(add, Access::write, [&kind, ref, ref_option, fields](Run& run) {
      if (ref_option->count() > 0 && !is_valid_ref(*ref))
        throw UsageError(
            fmt::format("'{}' is not a valid ref: use letters, digits, '.', '_' or '-', starting "
                        "with a letter or a digit",
                        *ref));
      RecordStore store(run.workspace(), kind);
      Record record = kind.empty_record(ref->empty() ? store.next_ref() : *ref);
      fields->apply(kind, run.method(), record);
      store.insert(record);
      run.touched(record.ref);
      run.out() << record.ref << '\n';
    });
  }
  {
    auto* list = group->add_subcommand("list", fmt::format("List {}", kind.plural));
    if (shared_spec->add_filters) shared_spec->add_filters(list);
    on_run(list, Access::read, [&kind, shared_spec](Run& run) {
      const ListSpec& spec = *shared_spec;
      const Format format = run.format({Format::table, Format::csv, Format::json});
      const auto keep = spec.filter ? spec.filter(run) : [](const Record&) { return true; };
      RecordStore store(run.workspace(), kind);
      auto writer = run.writer(format, spec.table_columns, &kind);
      writer->begin(list_columns(kind, spec));
      const auto write = [&](Record& record) {
        if (keep(record)) writer->row(list_cells(run, kind, spec, std::move(record)));
      };
      if (spec.stream) {
        spec.stream(run, store, write);
      } else if (!spec.sort) {
        store.for_each(write);
      } else {
        std::vector<Record> records = store.all();
        std::erase_if(records, [&](const Record& record) { return !keep(record); });
        spec.sort(run, records);
        for (auto& record : records) writer->row(list_cells(run, kind, spec, std::move(record)));
      }
      writer->end();
    });
  }
  {
    auto* show = group->add_subcommand("show", fmt::format("Show one {}", noun(kind)));
    auto ref = std::make_shared<std::string>();
    show->add_option("ref", *ref, "Ref of the record")->required();
    on_run(show, Access::read, [&kind, ref, shared_spec](Run& run) {
      const Format format = run.format({Format::table, Format::csv, Format::json});
      RecordStore store(run.workspace(), kind);
      Record record = store.get(*ref);
      const auto columns = list_columns(kind, *shared_spec);
      const auto cells = list_cells(run, kind, *shared_spec, std::move(record));
      if (format == Format::table) return show_table(run, columns, cells, &kind);
      auto writer = format == Format::json ? make_json_writer(run.out(), JsonShape::single)
                                           : run.writer(format);
      writer->begin(columns);
      writer->row(cells);
      writer->end();
    });
  }
  {
    auto* set =
        group->add_subcommand("set", fmt::format("Change fields of {}", with_article(noun(kind))));
    auto ref = std::make_shared<std::string>();
    auto fields = std::make_shared<FieldOptions>();
    set->add_option("ref", *ref, "Ref of the record")->required();
    fields->add_to(set, kind, true);
    on_run(set, Access::write, [&kind, ref, fields](Run& run) {
      RecordStore store(run.workspace(), kind);
      Record record = store.get(*ref);
      const Record before = record;
      if (!fields->apply(kind, run.method(), record))
        throw UsageError(
            fmt::format("nothing to change: give the fields to set, e.g. '{} set {} --owner NAME'",
                        command_name(kind), *ref));
      if (same_stored(before, record)) {
        run.note(fmt::format("{} {} already had these values: nothing changed", noun(kind),
                             record.ref));
        return run.discard();
      }
      store.update(record);
      run.touched(record.ref);
    });
  }
  add_edit_command(group, kind);
  {
    auto* rm = group->add_subcommand("rm", fmt::format("Remove {}", kind.plural));
    auto refs = std::make_shared<std::vector<std::string>>();
    auto force = std::make_shared<bool>(false);
    rm->add_option("refs", *refs, "Refs of the records to remove (A1 A2 or A1,A2)")->required();
    auto yes = std::make_shared<bool>(false);
    rm->add_flag("--force", *force,
                 "Remove even when other records name it; their links to it go too (on a "
                 "terminal, after listing them and asking)");
    rm->add_flag("-y,--yes", *yes, "With --force: do not ask, even on a terminal");
    on_run(rm, Access::write, [&kind, refs, force, yes](Run& run) {
      std::vector<std::string> given;
      for (const auto& text : *refs)
        for (auto& ref : split_list(text))
          if (std::find(given.begin(), given.end(), ref) == given.end())
            given.push_back(std::move(ref));
      *refs = std::move(given);
      RecordStore store(run.workspace(), kind);
      if (*force) {
        if (!*yes && ::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO))
          confirm_links_cut(store, kind, *refs);
        store.remove(*refs);  // one scan of each kind naming them, for all
      } else {
        // One at a time: a record named only by others removed before it goes too.
        for (const auto& ref : *refs) {
          if (!store.exists(ref)) throw store.unknown(ref);
          if (const auto referrers = store.referrers(ref); !referrers.empty())
            throw Conflict(fmt::format(
                "{} {} is named by {}; remove those links first, or use --force to remove "
                "them with it",
                noun(kind), ref, join(referrers, ", ")));
          store.remove(ref);
        }
      }
      for (const auto& ref : *refs) run.touched(ref);
      run.note(fmt::format("removed {} {}", refs->size() == 1 ? noun(kind) : kind.plural,
                           join(*refs, ", ")));
    });
  }
  return group;
}

}  // namespace riskmap::cli
