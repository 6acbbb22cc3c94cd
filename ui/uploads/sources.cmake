# ui/uploads sources (owned by the uploads feature); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_UPLOADS_SOURCES
    uploads/uploads_controller.h uploads/uploads_controller.cpp
)
