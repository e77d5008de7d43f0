# Feature "incident": the runbook's 24-hour blameless write-up template, read by WriteupGenerator.
qt_add_resources(dreamops_resources "incident"
    PREFIX "/templates"
    BASE ${CMAKE_CURRENT_LIST_DIR}/templates
    FILES ${CMAKE_CURRENT_LIST_DIR}/templates/postmortem.md
)
