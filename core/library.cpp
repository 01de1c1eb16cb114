#include "library.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "error.hpp"
#include "problems.hpp"
#include "text.hpp"
#include "yaml.hpp"

namespace riskmap {

std::string_view to_string(Relationship relationship) {
  switch (relationship) {
    case Relationship::equal:
      return "equal";
    case Relationship::subset:
      return "subset";
    case Relationship::superset:
      return "superset";
    case Relationship::intersect:
      break;
  }
  return "intersect";
}

Relationship parse_relationship(std::string_view text) {
  for (const Relationship r : {Relationship::equal, Relationship::subset, Relationship::superset,
                               Relationship::intersect})
    if (trim(text) == to_string(r)) return r;
  const std::vector<std::string> names{"equal", "subset", "superset", "intersect"};
  throw ValueError(fmt::format("'{}' is not a relationship{}; allowed: {}", text,
                               did_you_mean(text, names), quoted_list(names)));
}

namespace {

// Whitespace is dropped from requirement ids ("AC- 1" is "AC-1") but
// separates the words of a framework's name ("ISO/IEC 27001").
std::string normalise(std::string_view ref_id, bool spaces_separate) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-';
  };
  std::string out;
  for (const char c : ref_id) {
    if (!spaces_separate && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) continue;
    if (allowed(c)) {
      out += c;
    } else if (out.empty() || out.back() != '-') {
      out += '-';  // each byte of a multi-byte character joins the same run
    }
  }
  const auto edge = [](char c) { return c == '-' || c == '.' || c == '_'; };
  while (!out.empty() && edge(out.back())) out.pop_back();
  std::size_t start = 0;
  while (start < out.size() && edge(out[start])) ++start;
  out.erase(0, start);
  if (out.size() > 64) out.resize(64);
  while (!out.empty() && edge(out.back())) out.pop_back();
  return out;
}

}  // namespace

std::string normalise_ref_id(std::string_view ref_id) {
  return normalise(ref_id, false);
}

std::string framework_id_from(std::string_view ref_id) {
  std::string id = normalise(ref_id, true);
  for (char& c : id)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return id;
}

YAML::Node library_objects(const YAML::Node& root, const std::string& source) {
  if (!root.IsMap())
    throw ContentError(fmt::format(
        "{}: not a library: a library is a map with urn, locale, ref_id, name and objects "
        "(framework, risk_matrix, requirement_mapping_set), and this file is {}",
        yaml::where(source, root),
        root.IsNull()       ? "empty"
        : root.IsSequence() ? "a list"
                            : "a single text"));
  const YAML::Node objects = yaml::member(root, "objects");
  if (!objects.IsDefined() || objects.IsNull())
    throw ContentError(fmt::format(
        "{}: not a library: no 'objects' key (a library holds framework, risk_matrix or "
        "requirement_mapping_set under objects)",
        source));
  if (!objects.IsMap())
    throw ContentError(
        fmt::format("{}: objects must be a map of object kinds", yaml::where(source, objects)));
  return objects;
}

std::string library_locale(const YAML::Node& root, const std::string& source) {
  const std::string folded =
      fold(trim(yaml::text(root, "locale", source, "the library").value_or("")));
  const std::string code = folded.substr(0, folded.find_first_of("-_"));
  return code.empty() ? "en" : code;
}

namespace {

// Texts come with trailing line breaks from YAML blocks; none is meant.
std::string tidy(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
    text.pop_back();
  return text;
}

class Reader {
 public:
  Reader(const std::string& source, Lang language)
      : source_(source), language_(to_string(language)) {}

  Library read(const std::string& text) {
    const YAML::Node root = yaml::load(text, source_);
    const YAML::Node objects = library_objects(root, source_);
    Library library;
    locale_ = library_locale(root, source_);
    library.locale = locale_;
    library.urn = tidy(yaml::text(root, "urn", source_, "the library").value_or(""));
    library.ref_id = tidy(yaml::text(root, "ref_id", source_, "the library").value_or(""));
    library.version = tidy(yaml::text(root, "version", source_, "the library").value_or(""));
    library.provider = tidy(yaml::text(root, "provider", source_, "the library").value_or(""));
    library.packager = tidy(yaml::text(root, "packager", source_, "the library").value_or(""));
    library.name = translated(root, "name", "the library");
    library.description = translated(root, "description", "the library");
    library.copyright = translated(root, "copyright", "the library").text;
    for (const auto& dependency : yaml::items(root, "dependencies"))
      library.dependencies.push_back(tidy(yaml::scalar(dependency, source_, "a dependency")));

    for (const auto& entry : objects) {
      const std::string kind = yaml::scalar(entry.first, source_, "an object kind");
      if (kind == "framework") {
        for (const auto& framework : yaml::items(objects, kind))
          library.frameworks.push_back(read_framework(framework));
      } else if (kind == "requirement_mapping_set" || kind == "requirement_mapping_sets") {
        for (const auto& set : yaml::items(objects, kind))
          library.mapping_sets.push_back(read_mapping_set(set));
      } else if (kind == "risk_matrix") {
        library.risk_matrices += yaml::items(objects, kind).size();
      } else {
        library.ignored.push_back(kind);
      }
    }
    problems_.throw_if_any(source_);
    return library;
  }

 private:
  // A text in the chosen language when the node has a translation for it.
  LibraryText translated(const YAML::Node& node, std::string_view key, std::string_view what) {
    const YAML::Node translations = yaml::member(node, "translations");
    if (translations.IsMap() && language_ != locale_) {
      const YAML::Node mine = yaml::member(translations, language_);
      if (mine.IsMap())
        if (auto text = yaml::text(mine, key, source_, what); text && !trim(*text).empty())
          return {tidy(*text), language_};
    }
    return {tidy(yaml::text(node, key, source_, what).value_or("")), locale_};
  }

  LibraryFramework read_framework(const YAML::Node& node) {
    LibraryFramework framework;
    framework.origin = yaml::where(source_, node);
    if (!node.IsMap())
      throw ContentError(fmt::format("{}: a framework must be a map", framework.origin));
    framework.urn = tidy(yaml::text(node, "urn", source_, "the framework").value_or(""));
    if (trim(framework.urn).empty())
      throw ContentError(fmt::format("{}: the framework has no urn", framework.origin));
    framework.ref_id = tidy(yaml::text(node, "ref_id", source_, "the framework").value_or(""));
    framework.name = translated(node, "name", "the framework");
    framework.description = translated(node, "description", "the framework");
    const YAML::Node scores = yaml::member(node, "scores_definition");
    if (scores.IsSequence()) {
      for (const auto& score : scores) {
        if (!score.IsMap()) continue;  // a reference to a shared definition: not read
        const auto value = yaml::integer(score, "score", source_, "a score");
        if (!value) continue;
        framework.scores.push_back(LibraryScore{*value, translated(score, "name", "a score").text,
                                                translated(score, "description", "a score").text});
      }
      std::sort(framework.scores.begin(), framework.scores.end(),
                [](const auto& a, const auto& b) { return a.score < b.score; });
    }
    const YAML::Node nodes = yaml::member(node, "requirement_nodes");
    if (!nodes.IsSequence())
      throw ContentError(fmt::format(
          "{}: framework {} has no requirement_nodes list", framework.origin, framework.urn));
    framework.nodes.reserve(nodes.size());
    for (const auto& item : nodes) {
      LibraryNode out;
      out.origin = yaml::where(source_, item);
      try {
        if (!item.IsMap()) throw ContentError(fmt::format("{}: a requirement node must be a map",
                                                          out.origin));
        out.urn = tidy(yaml::text(item, "urn", source_, "a requirement node").value_or(""));
        if (trim(out.urn).empty())
          throw ContentError(fmt::format("{}: a requirement node has no urn", out.origin));
        out.parent_urn =
            tidy(yaml::text(item, "parent_urn", source_, "a requirement node").value_or(""));
        out.ref_id = tidy(yaml::text(item, "ref_id", source_, "a requirement node").value_or(""));
        out.name = translated(item, "name", "a requirement node").text;
        out.description = translated(item, "description", "a requirement node").text;
        out.annotation = translated(item, "annotation", "a requirement node").text;
        out.typical_evidence = translated(item, "typical_evidence", "a requirement node").text;
        out.depth = static_cast<int>(
            yaml::integer(item, "depth", source_, "a requirement node").value_or(0));
        const auto assessable = yaml::text(item, "assessable", source_, "a requirement node");
        out.assessable = assessable && fold(trim(*assessable)) == "true";
        framework.nodes.push_back(std::move(out));
      } catch (const ContentError& e) {
        problems_.add(e.what());
      }
    }
    return framework;
  }

  LibraryMappingSet read_mapping_set(const YAML::Node& node) {
    LibraryMappingSet set;
    set.origin = yaml::where(source_, node);
    if (!node.IsMap())
      throw ContentError(fmt::format("{}: a requirement mapping set must be a map", set.origin));
    const auto required = [&](const char* key) {
      auto value = yaml::text(node, key, source_, "the requirement mapping set");
      if (!value || trim(*value).empty())
        throw ContentError(
            fmt::format("{}: the requirement mapping set has no {}", set.origin, key));
      return tidy(*value);
    };
    set.urn = required("urn");
    set.ref_id = tidy(yaml::text(node, "ref_id", source_, "the mapping set").value_or(""));
    set.name = translated(node, "name", "the mapping set").text;
    set.source_framework_urn = required("source_framework_urn");
    set.target_framework_urn = required("target_framework_urn");
    const YAML::Node mappings = yaml::member(node, "requirement_mappings");
    if (!mappings.IsSequence())
      throw ContentError(fmt::format("{}: mapping set {} has no requirement_mappings list",
                                     set.origin, set.urn));
    set.mappings.reserve(mappings.size());
    for (const auto& item : mappings) {
      LibraryMapping out;
      out.origin = yaml::where(source_, item);
      try {
        if (!item.IsMap())
          throw ContentError(fmt::format("{}: a requirement mapping must be a map", out.origin));
        const auto urn = [&](const char* key) {
          auto value = yaml::text(item, key, source_, "a requirement mapping");
          if (!value || trim(*value).empty())
            throw ContentError(fmt::format("{}: the mapping has no {}", out.origin, key));
          return tidy(*value);
        };
        out.source_urn = urn("source_requirement_urn");
        out.target_urn = urn("target_requirement_urn");
        const auto relationship = yaml::text(item, "relationship", source_, "a mapping");
        if (!relationship)
          throw ContentError(fmt::format(
              "{}: the mapping has no relationship; allowed: equal, subset, superset, intersect",
              out.origin));
        try {
          out.relationship = parse_relationship(*relationship);
        } catch (const ValueError& e) {
          throw ContentError(fmt::format("{}: relationship: {}", out.origin, e.what()));
        }
        out.annotation = tidy(yaml::text(item, "annotation", source_, "a mapping").value_or(""));
        set.mappings.push_back(std::move(out));
      } catch (const ContentError& e) {
        problems_.add(e.what());
      }
    }
    return set;
  }

  const std::string& source_;
  std::string language_, locale_;
  Problems problems_;
};

}  // namespace

Library read_library(const std::string& text, const std::string& source, Lang language) {
  try {
    return Reader(source, language).read(text);
  } catch (const YAML::Exception& e) {  // a conversion the checks above did not foresee
    throw ContentError(fmt::format("{}:{}:{}: {}", source, e.mark.line + 1, e.mark.column + 1,
                                   e.msg));
  }
}

std::string library_contents(const Library& library) {
  std::vector<std::string> kinds;
  if (!library.frameworks.empty()) kinds.emplace_back("framework");
  if (library.risk_matrices > 0) kinds.emplace_back("risk_matrix");
  if (!library.mapping_sets.empty()) kinds.emplace_back("requirement_mapping_set");
  kinds.insert(kinds.end(), library.ignored.begin(), library.ignored.end());
  return kinds.empty() ? std::string("no objects") : join(kinds, ", ");
}

}  // namespace riskmap
