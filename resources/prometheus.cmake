# The default PromQL templates of the fleet metrics source (issue 9), read by PromQlTemplates from
# :/prometheus/templates.json; a profile overrides them per signal.
qt_add_resources(dreamops_resources "prometheus"
    PREFIX "/prometheus"
    BASE ${CMAKE_CURRENT_LIST_DIR}/prometheus
    FILES
        ${CMAKE_CURRENT_LIST_DIR}/prometheus/templates.json
)
