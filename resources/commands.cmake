# The pre-baked gcloud/aws commands (issue 7), read by CommandCatalogue from :/commands/*.json.
# commands.schema.json documents the format and stays out of the binary.
qt_add_resources(dreamops_resources "commands"
    PREFIX "/commands"
    BASE ${CMAKE_CURRENT_LIST_DIR}/commands
    FILES
        ${CMAKE_CURRENT_LIST_DIR}/commands/gcloud.json
        ${CMAKE_CURRENT_LIST_DIR}/commands/aws.json
)
