# Finds kainjow-mustache (Debian: libkainjow-mustache-dev), a header-only
# Mustache library that ships no CMake configuration of its own.
# Defines the imported target KainjowMustache::KainjowMustache.
find_path(KainjowMustache_INCLUDE_DIR NAMES kainjow/mustache.hpp)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(KainjowMustache REQUIRED_VARS KainjowMustache_INCLUDE_DIR)
if(KainjowMustache_FOUND AND NOT TARGET KainjowMustache::KainjowMustache)
  add_library(KainjowMustache::KainjowMustache INTERFACE IMPORTED)
  set_target_properties(KainjowMustache::KainjowMustache PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${KainjowMustache_INCLUDE_DIR}")
endif()
mark_as_advanced(KainjowMustache_INCLUDE_DIR)
