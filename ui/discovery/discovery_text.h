#pragma once
// Words the browsing pages show (pure, unit-tested): counts as compact as grids show them.
#include <QString>

namespace fc::ui {

// "No views", "1 view", "999 views", "1.2K views", "15K views", "2.5M views".
QString compactViewsText(qint64 views);

// "No subscribers", "1 subscriber", "1.2K subscribers".
QString compactSubscribersText(qint64 subscribers);

} // namespace fc::ui
