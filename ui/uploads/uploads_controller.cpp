#include "ui/uploads/uploads_controller.h"

#include "ui/app/app_context.h"

namespace fc::ui {

UploadsController::UploadsController(AppContext* app) : QObject(app), m_app(app) {}

} // namespace fc::ui
