# riskmap_embed(TARGET NAME FILES...) compiles text files into the binary, so
# the installed program needs no data files. It generates NAME.cpp defining
#   riskmap::embedded::NAME() -> std::span<const riskmap::EmbeddedFile>
# with each file's path relative to the source folder and its bytes.
set(RISKMAP_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake")

function(riskmap_embed target name)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cpp")
  set(inputs "")
  foreach(file IN LISTS ARGN)
    list(APPEND inputs "${CMAKE_SOURCE_DIR}/${file}")
  endforeach()
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DROOT=${CMAKE_SOURCE_DIR}
            "-DFILES=${ARGN}" -P "${RISKMAP_EMBED_SCRIPT}"
    DEPENDS ${inputs} "${RISKMAP_EMBED_SCRIPT}"
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
