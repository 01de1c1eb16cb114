# RISKMAP_SANITIZE=ON builds everything with AddressSanitizer and
# UndefinedBehaviorSanitizer; undefined behaviour aborts instead of warning.
option(RISKMAP_SANITIZE "Build with ASan and UBSan" OFF)
add_library(riskmap_sanitizers INTERFACE)
if(RISKMAP_SANITIZE)
  target_compile_options(riskmap_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(riskmap_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# RISKMAP_FUZZ=ON (clang) instruments the code for libFuzzer and builds the
# targets of tests/fuzz/.
option(RISKMAP_FUZZ "Build the libFuzzer targets (clang)" OFF)
if(RISKMAP_FUZZ)
  target_compile_options(riskmap_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
