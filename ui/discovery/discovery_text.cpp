#include "ui/discovery/discovery_text.h"

#include <QCoreApplication>

#include "ui/social/social_text.h"

namespace fc::ui {

QString compactViewsText(qint64 views) {
    if (views <= 0)
        return QCoreApplication::translate("fc::ui::Discovery", "No views");
    if (views == 1)
        return QCoreApplication::translate("fc::ui::Discovery", "1 view");
    return QCoreApplication::translate("fc::ui::Discovery", "%1 views").arg(compactCount(views));
}

QString compactSubscribersText(qint64 subscribers) {
    if (subscribers <= 0)
        return QCoreApplication::translate("fc::ui::Discovery", "No subscribers");
    if (subscribers == 1)
        return QCoreApplication::translate("fc::ui::Discovery", "1 subscriber");
    return QCoreApplication::translate("fc::ui::Discovery", "%1 subscribers").arg(compactCount(subscribers));
}

} // namespace fc::ui
