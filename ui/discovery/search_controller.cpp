#include "ui/discovery/search_controller.h"

#include "ui/app/app_context.h"

namespace fc::ui {

SearchController::SearchController(AppContext* app) : QObject(app), m_app(app) {}

} // namespace fc::ui
