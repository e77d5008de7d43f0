# Rows F1 and F2, and the ops API's answers: the parsers that read what a server or a log file
# sends, driven with arbitrary bytes. Every build replays the checked-in corpus through the targets (ctest); with
# DREAMOPS_FUZZ=ON and clang, scripts/fuzz builds each target as a libFuzzer binary and runs it.
set(DREAMOPS_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(DREAMOPS_FUZZ_SOURCES
    ${DREAMOPS_FUZZ_DIR}/fuzztargets.h
    ${DREAMOPS_FUZZ_DIR}/prometheus_fuzz.cpp
    ${DREAMOPS_FUZZ_DIR}/opsanswer_fuzz.cpp
    ${DREAMOPS_FUZZ_DIR}/logline_fuzz.cpp)

dreamops_add_test(NAME dreamops_fuzz_replay_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/../common/testmain.cpp
        ${DREAMOPS_FUZZ_SOURCES}
        ${DREAMOPS_FUZZ_DIR}/fuzzreplay_test.cpp
    LIBS DreamOps::services dreamops_testmain_core GTest::gtest)
target_compile_definitions(dreamops_fuzz_replay_tests PRIVATE
    DREAMOPS_FUZZ_CORPUS="${DREAMOPS_FUZZ_DIR}/corpus")

if(DREAMOPS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "DREAMOPS_FUZZ needs clang (libFuzzer); use scripts/fuzz")
    endif()
    # Each target is built from the parser's own sources, instrumented, without the rest of
    # services: a fuzzing run spends its time in the parser.
    set(fuzz_prometheus_sources
        ${PROJECT_SOURCE_DIR}/services/prometheusparser.cpp
        ${PROJECT_SOURCE_DIR}/services/prometheuserror.cpp)
    set(fuzz_logline_sources ${PROJECT_SOURCE_DIR}/services/logline.cpp)
    set(fuzz_opsanswer_sources
        ${PROJECT_SOURCE_DIR}/services/jsonmapping.cpp
        ${PROJECT_SOURCE_DIR}/services/dtoreaders.cpp
        ${PROJECT_SOURCE_DIR}/services/jsonreader.cpp
        ${PROJECT_SOURCE_DIR}/services/apierror.cpp)
    set(fuzz_prometheus_function prometheusAnswer)
    set(fuzz_logline_function logLine)
    set(fuzz_opsanswer_function opsAnswer)
    foreach(target prometheus logline opsanswer)
        set(fn ${fuzz_${target}_function})
        add_executable(dreamops_fuzz_${target}
            ${DREAMOPS_FUZZ_DIR}/libfuzzer_shim.cpp
            ${DREAMOPS_FUZZ_DIR}/${target}_fuzz.cpp
            ${fuzz_${target}_sources})
        set_target_properties(dreamops_fuzz_${target} PROPERTIES AUTOMOC OFF)
        target_include_directories(dreamops_fuzz_${target} PRIVATE
            ${DREAMOPS_FUZZ_DIR} ${PROJECT_SOURCE_DIR}/services)
        target_compile_definitions(dreamops_fuzz_${target} PRIVATE DREAMOPS_FUZZ_TARGET=${fn})
        target_compile_options(dreamops_fuzz_${target} PRIVATE
            -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer)
        target_link_options(dreamops_fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined)
        target_link_libraries(dreamops_fuzz_${target} PRIVATE Qt6::Core DreamOps::options)
    endforeach()
endif()
