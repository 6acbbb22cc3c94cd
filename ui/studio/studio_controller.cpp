#include "ui/studio/studio_controller.h"

#include "ui/app/app_context.h"

namespace fc::ui {

StudioController::StudioController(AppContext* app) : QObject(app), m_app(app) {}

} // namespace fc::ui
