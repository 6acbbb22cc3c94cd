#include "ui/preview/preview_controller.h"

#include "ui/app/app_context.h"

namespace fc::ui {

PreviewController::PreviewController(AppContext* app) : QObject(app), m_app(app) {}

} // namespace fc::ui
