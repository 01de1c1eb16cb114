# Finds minizip (Debian: libminizip-dev), through which riskmap reads the
# zip container of an .xlsx workbook. Asks pkg-config first when it is
# there, then looks for the header and the library themselves, so that a
# machine without pkg-config builds too.
# Defines the imported target Minizip::Minizip.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_Minizip QUIET minizip)
endif()
find_path(Minizip_INCLUDE_DIR NAMES minizip/unzip.h HINTS ${PC_Minizip_INCLUDEDIR})
find_library(Minizip_LIBRARY NAMES minizip HINTS ${PC_Minizip_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Minizip REQUIRED_VARS Minizip_LIBRARY Minizip_INCLUDE_DIR)
if(Minizip_FOUND AND NOT TARGET Minizip::Minizip)
  add_library(Minizip::Minizip UNKNOWN IMPORTED)
  set_target_properties(Minizip::Minizip PROPERTIES
    IMPORTED_LOCATION "${Minizip_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Minizip_INCLUDE_DIR}")
endif()
mark_as_advanced(Minizip_INCLUDE_DIR Minizip_LIBRARY)
