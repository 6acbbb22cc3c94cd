#include "ui/discovery/browse_controller.h"

#include "ui/app/app_context.h"

namespace fc::ui {

BrowseController::BrowseController(AppContext* app) : QObject(app), m_app(app) {}

} // namespace fc::ui
