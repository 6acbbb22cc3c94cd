# ui/uploads sources (owned by the uploads feature); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_UPLOADS_SOURCES
    uploads/upload_item.h uploads/upload_item.cpp
    uploads/upload_form_rules.h uploads/upload_form_rules.cpp
    uploads/upload_outcome.h uploads/upload_outcome.cpp
    uploads/upload_text.h uploads/upload_text.cpp
    uploads/upload_queue_model.h uploads/upload_queue_model.cpp
    uploads/upload_queue_store.h uploads/upload_queue_store.cpp
    uploads/upload_worker.h uploads/upload_worker.cpp
    uploads/uploads_controller.h uploads/uploads_controller.cpp
    uploads/uploads_controller_workers.cpp uploads/uploads_controller_server.cpp
)
