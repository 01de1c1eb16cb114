# cmake -DOUTPUT=FILE -DCOMMAND="PROGRAM;ARG;..." -P Capture.cmake
# Writes what COMMAND prints on stdout to OUTPUT, and fails when COMMAND does,
# so that a build step never leaves a half-written file behind.
execute_process(COMMAND ${COMMAND} OUTPUT_FILE ${OUTPUT}.part RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUTPUT}.part)
  string(REPLACE ";" " " shown "${COMMAND}")
  message(FATAL_ERROR "${shown}: ${result}")
endif()
file(RENAME ${OUTPUT}.part ${OUTPUT})
