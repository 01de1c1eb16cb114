#pragma once
// Files compiled into the binary at build time (see cmake/Embed.cmake).
#include <span>
#include <string_view>

namespace riskmap {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "core/methods/ebios-rm.toml"
  std::string_view content;
};

namespace embedded {
std::span<const EmbeddedFile> methods();
std::span<const EmbeddedFile> presets();  // built-in import mappings, core/presets/*.toml
std::span<const EmbeddedFile> examples();
std::span<const EmbeddedFile> templates();
// The parts of the reference documents (core/docx/, core/docx/deck/) and
// pandoc's Lua filters.
std::span<const EmbeddedFile> docx();
std::span<const EmbeddedFile>
frameworks();  // built-in catalogs, core/frameworks/*.csv  // "templates/<lang>/<name>.md"
}  // namespace embedded

}  // namespace riskmap
