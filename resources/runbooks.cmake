# Feature "runbooks" (issue 8): the guided runbooks as data, read by RunbookLibrary from
# :/runbooks/*.json. runbook.schema.json documents the format and stays out of the binary.
qt_add_resources(dreamops_resources "runbooks"
    PREFIX "/runbooks"
    BASE ${CMAKE_CURRENT_LIST_DIR}/runbooks
    FILES
        ${CMAKE_CURRENT_LIST_DIR}/runbooks/triage.json
        ${CMAKE_CURRENT_LIST_DIR}/runbooks/db-connection.json
        ${CMAKE_CURRENT_LIST_DIR}/runbooks/openai-rate-limit.json
        ${CMAKE_CURRENT_LIST_DIR}/runbooks/high-error-rate.json
        ${CMAKE_CURRENT_LIST_DIR}/runbooks/memory-leak.json
)
