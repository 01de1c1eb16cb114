# Warnings live in an INTERFACE target linked privately, so they apply to our
# code only. RISKMAP_WERROR turns them into errors (development and CI builds).
option(RISKMAP_WERROR "Treat warnings as errors" OFF)
add_library(riskmap_warnings INTERFACE)
target_compile_options(riskmap_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  $<$<BOOL:${RISKMAP_WERROR}>:-Werror>
  # GCC 12 at -O3 reports -Wrestrict on plain std::string concatenation
  # (GCC bug 105329), a false positive.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
